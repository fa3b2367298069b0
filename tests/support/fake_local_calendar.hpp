// SPDX-License-Identifier: GPL-3.0-or-later
// FakeLocalCalendar: days of a fixed UTC offset, so rule tests do not depend on the machine's
// time zone; DST is tested with core::SystemLocalCalendar under a pinned TZ instead.
#pragma once

#include "core/local_calendar.hpp"

namespace telpanel::tests {

class FakeLocalCalendar final : public core::LocalCalendar {
 public:
  explicit FakeLocalCalendar(std::chrono::minutes utc_offset = std::chrono::hours(3))
      : m_offset(utc_offset) {}
  core::TimePoint start_of_day(core::TimePoint t) const override {
    const auto local = t.time_since_epoch() + m_offset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    return core::TimePoint(std::chrono::duration_cast<core::Clock::duration>(day - m_offset));
  }
  core::TimePoint end_of_day(core::TimePoint t) const override {
    return start_of_day(t) + std::chrono::hours(24);
  }

 private:
  std::chrono::minutes m_offset;
};

}  // namespace telpanel::tests
