// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the durable queue of messages typed by the user (CHAT-9). An entry is written before
// any network call and stays until the server has it, so nothing typed is lost across outages
// or restarts. Implemented by store::SqliteChatOutbox. Main thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/chat/chat_api.hpp"
#include "core/result.hpp"

namespace telpanel::core {

enum class OutboxState { Pending, Sent, Held, Failed };
const char* outbox_state_name(OutboxState s);

struct OutboxEntry {
  std::int64_t id = 0;  // sending order
  std::int64_t conversation = 0;
  OutgoingMessage message;  // files point into the outbox's own copies
  bool take_first = false;  // a reply to a queued chat: take it before sending (CHAT-2)
  OutboxState state = OutboxState::Pending;
  int attempts = 0;                   // POSTs started; > 0 means the server may already have it
  std::int64_t first_attempt_at = 0;  // unix seconds
  std::int64_t message_id = 0;        // the server's id once sent
  std::string error;                  // why Held/Failed
  std::int64_t created_at = 0;
};

class ChatOutbox {
 public:
  virtual ~ChatOutbox() = default;
  /// Stores the entry, copying its files into the outbox's directory; returns its id.
  virtual Result<std::int64_t> add(const OutboxEntry& entry) = 0;
  /// Pending entries, oldest first.
  virtual Result<std::vector<OutboxEntry>> pending() const = 0;
  /// Every entry of one conversation that is not sent (pending, held, failed), oldest first.
  virtual Result<std::vector<OutboxEntry>> unsent(std::int64_t conversation) const = 0;
  /// Counts one more POST (written before the POST goes out).
  virtual Result<void> mark_attempt(std::int64_t id, std::int64_t at) = 0;
  /// Sent with the server's message id; the copies of the files are deleted.
  virtual Result<void> mark_sent(std::int64_t id, std::int64_t message_id) = 0;
  virtual Result<void> mark_state(std::int64_t id, OutboxState state, const std::string& why) = 0;
  /// Server ids of messages this outbox has sent to `conversation` (for matching lost replies).
  virtual Result<std::vector<std::int64_t>> sent_ids(std::int64_t conversation) const = 0;
};

}  // namespace telpanel::core
