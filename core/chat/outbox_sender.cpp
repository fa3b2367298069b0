// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chat/outbox_sender.hpp"

#include <algorithm>

namespace telpanel::core {

namespace {

// Server clocks and ours differ; a message of ours created this long before our first attempt
// cannot be the one we are looking for.
constexpr std::int64_t kClockSlack = 300;

}  // namespace

bool is_transient(const Error& e) {
  switch (e.code) {
    case ErrorCode::Unreachable:
    case ErrorCode::Timeout:
    case ErrorCode::Busy:
    case ErrorCode::Protocol:
      return true;
    default:
      return false;
  }
}

OutboxSender::OutboxSender(ChatApi& api, ChatOutbox& outbox, Scheduler& scheduler, TakeFn take,
                           UnixNow now)
    : m_api(api),
      m_outbox(outbox),
      m_scheduler(scheduler),
      m_take(std::move(take)),
      m_now(std::move(now)) {}

void OutboxSender::kick() {
  if (m_busy || m_me == 0) return;
  auto pending = m_outbox.pending();
  if (!pending) {
    m_store_failed.emit(pending.error());
    return;
  }
  if (pending->empty()) return;
  m_busy = true;
  m_retry.reset();
  process(std::move(pending->front()));
}

void OutboxSender::next() {
  m_busy = false;
  kick();
}

void OutboxSender::process(OutboxEntry entry) {
  if (entry.attempts > 0) return check_lost_reply(std::move(entry));
  if (entry.take_first) return take_then_send(std::move(entry));
  post(std::move(entry));
}

void OutboxSender::check_lost_reply(OutboxEntry entry) {
  std::weak_ptr<bool> alive = m_alive;
  m_api.messages(
      entry.conversation, std::nullopt, ChatPriority::Action,
      [this, alive, entry](Result<MessageList> r) mutable {
        if (alive.expired()) return;
        if (!r) {
          if (is_transient(r.error())) return retry_later(entry, r.error());
          return stop_entry(entry, OutboxState::Failed, r.error().detail);
        }
        auto known = m_outbox.sent_ids(entry.conversation);
        if (!known) {
          m_busy = false;
          return m_store_failed.emit(known.error());
        }
        for (const auto& m : r->items) {
          const bool ours = m.sender_agent && m.sender_agent->id == m_me;
          const bool kind = m.direction == (entry.message.is_private ? MessageDirection::Note
                                                                     : MessageDirection::Outgoing);
          if (!ours || !kind || m.text != entry.message.text) continue;
          if (m.attachments.size() != entry.message.files.size()) continue;
          if (m.created_at + kClockSlack < entry.first_attempt_at) continue;
          if (std::find(known->begin(), known->end(), m.id) != known->end()) continue;
          return finish_sent(entry, m);  // the lost reply's message: do not send it again
        }
        entry.take_first ? take_then_send(std::move(entry)) : post(std::move(entry));
      });
}

void OutboxSender::take_then_send(OutboxEntry entry) {
  std::weak_ptr<bool> alive = m_alive;
  m_take(entry.conversation, [this, alive, entry](Result<Conversation> r) mutable {
    if (alive.expired()) return;
    if (!r) {
      if (is_transient(r.error())) return retry_later(entry, r.error());
      const auto state =
          r.error().code == ErrorCode::InvalidState ? OutboxState::Held : OutboxState::Failed;
      return stop_entry(entry, state, r.error().detail);
    }
    post(std::move(entry));
  });
}

void OutboxSender::post(OutboxEntry entry) {
  const auto now = m_now();
  // Counted before the POST: after a crash or a lost reply we know to look before re-sending.
  if (auto r = m_outbox.mark_attempt(entry.id, now); !r) {
    m_busy = false;
    return m_store_failed.emit(r.error());
  }
  if (entry.attempts == 0) entry.first_attempt_at = now;
  ++entry.attempts;
  std::weak_ptr<bool> alive = m_alive;
  m_api.send(entry.conversation, entry.message,
             [this, alive, entry](Result<ChatMessage> r) mutable {
               if (alive.expired()) return;
               if (r) return finish_sent(entry, *r);
               if (is_transient(r.error())) return retry_later(entry, r.error());
               stop_entry(entry, OutboxState::Failed, r.error().detail);
             });
}

void OutboxSender::finish_sent(const OutboxEntry& entry, const ChatMessage& message) {
  if (auto r = m_outbox.mark_sent(entry.id, message.id); !r) {
    m_busy = false;
    return m_store_failed.emit(r.error());
  }
  OutboxEntry done = entry;
  done.state = OutboxState::Sent;
  done.message_id = message.id;
  m_sent.emit(done, message);
  next();
}

void OutboxSender::stop_entry(OutboxEntry entry, OutboxState state, const std::string& why) {
  if (auto r = m_outbox.mark_state(entry.id, state, why); !r) {
    m_busy = false;
    return m_store_failed.emit(r.error());
  }
  entry.state = state;
  entry.error = why;
  m_stopped.emit(entry);
  next();
}

void OutboxSender::retry_later(const OutboxEntry& entry, const Error& error) {
  m_deferred.emit(entry, error);
  std::weak_ptr<bool> alive = m_alive;
  m_retry = m_scheduler.after(m_retry_delay, [this, alive] {
    if (alive.expired()) return;
    m_busy = false;
    kick();
  });
}

}  // namespace telpanel::core
