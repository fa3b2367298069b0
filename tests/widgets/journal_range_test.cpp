// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's free date range (JRN-4): what a typed day means and which ranges are refused.
#include "widgets/journal_range.hpp"

#include <glibmm/datetime.h>
#include <gtest/gtest.h>

#include <clocale>
#include <string>

namespace telpanel::widgets {
namespace {

core::TimePoint local(int y, int m, int d) {
  auto t = Glib::DateTime::create_local(y, m, d, 0, 0, 0);
  return core::TimePoint(std::chrono::seconds(t.to_unix()));
}

TEST(JournalRange, IsoDaysAndTheLocaleOrder) {
  auto d = parse_day("2026-03-12");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->get_year(), 2026);
  EXPECT_EQ(d->get_month(), Glib::Date::MARCH);
  EXPECT_EQ(d->get_day(), 12);
  EXPECT_TRUE(parse_day(" 2026-03-12 "));
  // The C locale's order is month/day/year (a Russian one reads 12.03.2026).
  const std::string was = setlocale(LC_TIME, nullptr);
  setlocale(LC_TIME, "C");
  d = parse_day("3/12/2026");
  auto dashes = parse_day("3-12-2026");  // not ISO: the locale's order with dashes
  setlocale(LC_TIME, was.c_str());
  ASSERT_TRUE(dashes);
  EXPECT_EQ(dashes->get_day(), 12);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->get_day(), 12);
  EXPECT_EQ(d->get_month(), Glib::Date::MARCH);
}

TEST(JournalRange, NotADay) {
  for (const char* bad : {"", "2026-02-30", "2026-13-01", "12", "yesterday", "2026-03-12x"})
    EXPECT_FALSE(parse_day(bad)) << bad;
}

TEST(JournalRange, WholeDaysInLocalTime) {
  auto r = day_range("2026-03-10", "2026-03-12");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->first, local(2026, 3, 10));
  EXPECT_EQ(r->second, local(2026, 3, 13));  // the To day is included to its end
  r = day_range("2026-03-12", "2026-03-12");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->second, local(2026, 3, 13));
}

TEST(JournalRange, RefusalsNameTheProblem) {
  auto r = day_range("2026-03-15", "2026-03-10");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "The range starts (2026-03-15) after it ends (2026-03-10)");
  r = day_range("2026-02-30", "2026-03-10");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "From: “2026-02-30” is not a date; type it as 2026-03-12");
  r = day_range("2026-03-01", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "To: enter a date, e.g. 2026-03-12");
}

}  // namespace
}  // namespace telpanel::widgets
