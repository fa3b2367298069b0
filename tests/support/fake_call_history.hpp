// SPDX-License-Identifier: GPL-3.0-or-later
// core::CallHistory in memory. Test thread only.
#pragma once

#include <algorithm>
#include <map>

#include "core/call_history.hpp"

namespace telpanel::tests {

class FakeCallHistory final : public core::CallHistory {
 public:
  std::map<core::JournalId, core::JournalEntry> rows;
  std::map<core::JournalId, core::TimePoint> alive;

  core::Result<core::JournalId> add(const core::JournalEntry& e) override {
    auto copy = e;
    copy.id = ++m_next;
    rows[copy.id] = copy;
    return copy.id;
  }
  core::Result<void> mark_answered(core::JournalId id, core::TimePoint at) override {
    rows.at(id).answered_at = at;
    return {};
  }
  core::Result<void> mark_ended(core::JournalId id, core::TimePoint at,
                                const core::CallEnd& end) override {
    rows.at(id).ended_at = at;
    rows.at(id).end = end;
    for (auto& leg : rows.at(id).legs) {
      if (!leg.ended_at) leg.ended_at = at;
    }
    return {};
  }
  core::Result<void> touch(core::JournalId id, core::TimePoint at) override {
    alive[id] = at;
    return {};
  }
  core::Result<int> add_leg(core::JournalId id, const core::CallLeg& leg) override {
    auto& legs = rows.at(id).legs;
    auto copy = leg;
    copy.index = static_cast<int>(legs.size());
    legs.push_back(copy);
    return copy.index;
  }
  core::Result<void> mark_leg_answered(core::JournalId id, int index, core::TimePoint at) override {
    rows.at(id).legs.at(static_cast<std::size_t>(index)).answered_at = at;
    return {};
  }
  core::Result<int> recover_unfinished() override { return 0; }
  core::Result<std::vector<core::JournalEntry>> recent(int limit) const override {
    std::vector<core::JournalEntry> out;
    for (auto it = rows.rbegin(); it != rows.rend() && static_cast<int>(out.size()) < limit; ++it)
      out.push_back(it->second);
    return out;
  }
  core::Result<core::JournalEntry> get(core::JournalId id) const override {
    auto it = rows.find(id);
    if (it == rows.end()) return core::make_error(core::ErrorCode::NotFound, "no row");
    return it->second;
  }

 private:
  core::JournalId m_next = 0;
};

}  // namespace telpanel::tests
