// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_history.hpp"

namespace telpanel::core {

namespace {
std::chrono::seconds whole_seconds(TimePoint from, TimePoint to) {
  if (to <= from) return std::chrono::seconds{0};
  // Rounded to the nearest second: a 2.6 s ring is "3 s" to a person reading the journal.
  return std::chrono::round<std::chrono::seconds>(to - from);
}
}  // namespace

std::chrono::seconds JournalEntry::wait_duration() const {
  if (answered_at) return whole_seconds(started_at, *answered_at);
  if (ended_at) return whole_seconds(started_at, *ended_at);
  return std::chrono::seconds{0};
}

std::chrono::seconds JournalEntry::talk_duration() const {
  if (answered_at && ended_at) return whole_seconds(*answered_at, *ended_at);
  return std::chrono::seconds{0};
}

}  // namespace telpanel::core
