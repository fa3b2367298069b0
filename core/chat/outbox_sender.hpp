// SPDX-License-Identifier: GPL-3.0-or-later
// OutboxSender: sends the outbox's pending entries one at a time, oldest first, exactly once
// (CHAT-9). Before re-sending an entry whose earlier POST may have reached the server (its reply
// was lost), it re-reads the conversation's latest messages and accepts a matching message of
// ours instead: Chatwoot does not keep echo_id, so the match is on our agent id, the text, the
// number of files and a creation time after the first attempt. Main thread.
#pragma once

#include <sigc++/signal.h>

#include <cstdint>
#include <functional>
#include <set>

#include "core/chat/chat_api.hpp"
#include "core/chat/chat_outbox.hpp"
#include "core/scheduler.hpp"

namespace telpanel::core {

class OutboxSender {
 public:
  /// Takes the chat for the sender (CHAT-2); fails with InvalidState naming who won.
  using TakeFn = std::function<void(std::int64_t conversation, ChatCallback<Conversation>)>;
  using UnixNow = std::function<std::int64_t()>;

  OutboxSender(ChatApi& api, ChatOutbox& outbox, Scheduler& scheduler, TakeFn take, UnixNow now);

  void set_me(std::int64_t agent_id) { m_me = agent_id; }
  /// Looks for pending work; harmless to call often.
  void kick();

  /// How long to wait before retrying after the server could not be reached (the adapter's
  /// backoff decides when the request really goes out).
  void set_retry_delay(std::chrono::milliseconds d) { m_retry_delay = d; }

  sigc::signal<void(const OutboxEntry&, const ChatMessage&)>& signal_sent() { return m_sent; }
  /// Not sent for now (server unreachable); it stays pending.
  sigc::signal<void(const OutboxEntry&, const Error&)>& signal_deferred() { return m_deferred; }
  /// Not sent and not retried: Held (someone else took the chat) or Failed (refused).
  sigc::signal<void(const OutboxEntry&)>& signal_stopped() { return m_stopped; }
  sigc::signal<void(const Error&)>& signal_store_failed() { return m_store_failed; }

 private:
  void process(OutboxEntry entry);
  void check_lost_reply(OutboxEntry entry);
  void take_then_send(OutboxEntry entry);
  void post(OutboxEntry entry);
  void finish_sent(const OutboxEntry& entry, const ChatMessage& message);
  void stop_entry(OutboxEntry entry, OutboxState state, const std::string& why);
  void retry_later(const OutboxEntry& entry, const Error& error);
  void next();

  ChatApi& m_api;
  ChatOutbox& m_outbox;
  Scheduler& m_scheduler;
  TakeFn m_take;
  UnixNow m_now;
  std::int64_t m_me = 0;
  bool m_busy = false;
  std::chrono::milliseconds m_retry_delay{1000};
  TimerHandle m_retry;
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
  sigc::signal<void(const OutboxEntry&, const ChatMessage&)> m_sent;
  sigc::signal<void(const OutboxEntry&, const Error&)> m_deferred;
  sigc::signal<void(const OutboxEntry&)> m_stopped;
  sigc::signal<void(const Error&)> m_store_failed;

 public:
  ~OutboxSender() { *m_alive = false; }
};

/// Errors worth retrying: the server may answer later (unreachable, timeout, 429, a garbled
/// reply). Everything else is a refusal that retrying will not change.
bool is_transient(const Error& e);

}  // namespace telpanel::core
