// SPDX-License-Identifier: GPL-3.0-or-later
// Port: where the local calendar day of a moment ends. The journal's "within the day" (JRN-2,
// JRN-3) is the rest of the calendar day in the local time zone. Main thread.
#pragma once

#include "core/call.hpp"

namespace telpanel::core {

class LocalCalendar {
 public:
  virtual ~LocalCalendar() = default;
  /// The first instant of the next local calendar day after `t` (local midnight), so a day is
  /// [start_of_day(t), end_of_day(t)); 23 or 25 hours long on DST switch days.
  virtual TimePoint end_of_day(TimePoint t) const = 0;
  /// Local midnight at or before `t`.
  virtual TimePoint start_of_day(TimePoint t) const = 0;
};

/// The process's time zone (TZ / /etc/localtime) through the C library's localtime_r/mktime,
/// which know the zone's DST rules. (libstdc++ 12 has no std::chrono time zones.)
class SystemLocalCalendar final : public LocalCalendar {
 public:
  TimePoint end_of_day(TimePoint t) const override;
  TimePoint start_of_day(TimePoint t) const override;
};

}  // namespace telpanel::core
