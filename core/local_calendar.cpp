// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/local_calendar.hpp"

#include <ctime>

namespace telpanel::core {

namespace {

// Local midnight of the day `t` falls in, `days_ahead` days later. mktime normalises
// tm_mday overflow (the 32nd → the 1st of the next month) and, with tm_isdst = -1, picks the
// right offset for that midnight even when the day before had another one.
TimePoint local_midnight(TimePoint t, int days_ahead) {
  const std::time_t secs = Clock::to_time_t(t);
  std::tm local{};
  localtime_r(&secs, &local);
  local.tm_hour = 0;
  local.tm_min = 0;
  local.tm_sec = 0;
  local.tm_mday += days_ahead;
  local.tm_isdst = -1;
  return Clock::from_time_t(std::mktime(&local));
}

}  // namespace

TimePoint SystemLocalCalendar::end_of_day(TimePoint t) const { return local_midnight(t, 1); }

TimePoint SystemLocalCalendar::start_of_day(TimePoint t) const {
  // to_time_t truncates towards the second; a moment in the first second of a day still
  // belongs to that day, and from_time_t(midnight) <= t holds.
  return local_midnight(t, 0);
}

}  // namespace telpanel::core
