// SPDX-License-Identifier: GPL-3.0-or-later
// core::ChatOutbox in memory (no file copies). Test thread only.
#pragma once

#include <algorithm>

#include "core/chat/chat_outbox.hpp"

namespace telpanel::tests {

class FakeChatOutbox final : public core::ChatOutbox {
 public:
  std::vector<core::OutboxEntry> entries;

  core::Result<std::int64_t> add(const core::OutboxEntry& entry) override {
    auto e = entry;
    e.id = static_cast<std::int64_t>(entries.size()) + 1;
    entries.push_back(e);
    return e.id;
  }
  core::Result<std::vector<core::OutboxEntry>> pending() const override {
    std::vector<core::OutboxEntry> out;
    for (const auto& e : entries)
      if (e.state == core::OutboxState::Pending) out.push_back(e);
    return out;
  }
  core::Result<std::vector<core::OutboxEntry>> unsent(std::int64_t conversation) const override {
    std::vector<core::OutboxEntry> out;
    for (const auto& e : entries)
      if (e.conversation == conversation && e.state != core::OutboxState::Sent) out.push_back(e);
    return out;
  }
  core::Result<void> mark_attempt(std::int64_t id, std::int64_t at) override {
    auto& e = entries.at(id - 1);
    if (e.attempts++ == 0) e.first_attempt_at = at;
    return {};
  }
  core::Result<void> mark_sent(std::int64_t id, std::int64_t message_id) override {
    auto& e = entries.at(id - 1);
    e.state = core::OutboxState::Sent;
    e.message_id = message_id;
    return {};
  }
  core::Result<void> mark_state(std::int64_t id, core::OutboxState state,
                                const std::string& why) override {
    entries.at(id - 1).state = state;
    entries.at(id - 1).error = why;
    return {};
  }
  core::Result<std::vector<std::int64_t>> sent_ids(std::int64_t conversation) const override {
    std::vector<std::int64_t> out;
    for (const auto& e : entries)
      if (e.conversation == conversation && e.state == core::OutboxState::Sent)
        out.push_back(e.message_id);
    return out;
  }
};

}  // namespace telpanel::tests
