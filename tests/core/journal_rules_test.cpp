// SPDX-License-Identifier: GPL-3.0-or-later
// JRN-2/JRN-3 rules (core/journal_rules.hpp), table-driven: every status, every indicator, the
// day boundary (a fake calendar at UTC+3) and DST days (the system calendar under a pinned TZ).
#include "core/journal_rules.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "core/digits_normalizer.hpp"
#include "tests/support/fake_local_calendar.hpp"

using namespace telpanel::core;
using namespace std::chrono_literals;
using telpanel::tests::FakeLocalCalendar;

namespace {

constexpr auto In = CallDirection::Incoming;
constexpr auto Out = CallDirection::Outgoing;
constexpr auto A = CallStatus::Accepted;
constexpr auto R = CallStatus::Reached;
constexpr auto N = CallStatus::NoAnswer;
constexpr auto L = CallStatus::Lost;
constexpr auto C = CallStatus::Cancelled;
const std::optional<CallStatus> none;

// 2026-03-10 00:00 at UTC+3 (the fake calendar's zone) is 2026-03-09 21:00 UTC.
const TimePoint kDay = Clock::from_time_t(1773090000);

// `minutes` after local midnight of kDay (may exceed a day).
TimePoint at(int minutes) { return kDay + std::chrono::minutes(minutes); }

struct Call {
  CallDirection dir;
  int minute;
  bool answered;
  bool ended = true;
  bool internal = false;
  bool cleared = false;
};

struct Expect {
  std::optional<CallStatus> status;
  bool new_number;
  bool attention;
};

struct Case {
  const char* name;
  NumberPast past;
  std::vector<Call> calls;
  std::vector<Expect> expect;
};

std::string describe(const DerivedValues& d) {
  return std::string(d.status ? call_status_name(*d.status) : "null") +
         (d.new_number ? " new" : "") + (d.needs_attention ? " attention" : "");
}

const NumberPast kNew{};                  // never seen
const NumberPast kKnown{true, true};      // talked before
const NumberPast kSeenOnly{true, false};  // called before, never answered

const Case kCases[] = {
    // Single calls: one per status.
    {"incoming answered is accepted", kKnown, {{In, 600, true}}, {{A, false, false}}},
    {"outgoing answered is reached", kKnown, {{Out, 600, true}}, {{R, false, false}}},
    {"outgoing never answered is cancelled", kKnown, {{Out, 600, false}}, {{C, false, false}}},
    {"missed from a known number is no_answer", kKnown, {{In, 600, false}}, {{N, false, true}}},
    {"missed from a new number is lost", kNew, {{In, 600, false}}, {{L, true, true}}},
    {"missed from a number seen but never answered is lost",
     kSeenOnly,
     {{In, 600, false}},
     {{L, false, true}}},
    {"internal call has no status or indicator",
     kNew,
     {{In, 600, false, true, true}},
     {{none, false, false}}},
    {"ringing call has no status yet", kNew, {{In, 600, false, false}}, {{none, true, false}}},
    // New number: only the first call ever.
    {"first call ever is new, later ones are not",
     kNew,
     {{Out, 600, true}, {In, 700, true}},
     {{R, true, false}, {A, false, false}}},
    {"first outgoing to a number is a new number too",
     kNew,
     {{Out, 600, false}},
     {{C, true, false}}},
    // Later contact clears attention and turns lost into no_answer.
    {"callback answered clears lost",
     kNew,
     {{In, 540, false}, {Out, 900, true}},
     {{N, true, false}, {R, false, false}}},
    {"client calls again and is accepted",
     kKnown,
     {{In, 540, false}, {In, 600, true}},
     {{N, false, false}, {A, false, false}}},
    {"unanswered callback does not clear",
     kNew,
     {{In, 540, false}, {Out, 600, false}},
     {{L, true, true}, {C, false, false}}},
    {"second missed call keeps both flagged",
     kNew,
     {{In, 540, false}, {In, 600, false}},
     {{L, true, true}, {L, false, true}}},
    {"answered contact clears every earlier missed call of the day",
     kNew,
     {{In, 540, false}, {In, 600, false}, {Out, 660, true}},
     {{N, true, false}, {N, false, false}, {R, false, false}}},
    {"a contact before the missed call does not clear it",
     kNew,
     {{Out, 500, true}, {In, 600, false}},
     {{R, true, false}, {N, false, true}}},
    {"internal call to the same key is no contact",
     kKnown,
     {{In, 540, false}, {Out, 600, true, true, true}},
     {{N, false, true}, {none, false, false}}},
    // The day boundary: the rest of the local calendar day.
    {"callback at 23:59 the same day clears",
     kNew,
     {{In, 600, false}, {Out, 1439, true}},
     {{N, true, false}, {R, false, false}}},
    {"callback at 00:00 the next day is too late",
     kNew,
     {{In, 600, false}, {Out, 1440, true}},
     {{L, true, true}, {R, false, false}}},
    {"missed at 23:50, callback at 00:10 is too late",
     kNew,
     {{In, 1430, false}, {Out, 1450, true}},
     {{L, true, true}, {R, false, false}}},
    {"next day's missed call from a number answered yesterday is no_answer",
     kNew,
     {{In, 600, true}, {In, 1440 + 600, false}},
     {{A, true, false}, {N, false, true}}},
    // A manager's clearing: the status stays.
    {"cleared lost call stays lost without attention",
     kNew,
     {{In, 600, false, true, false, true}},
     {{L, true, false}}},
    {"cleared no_answer stays no_answer",
     kKnown,
     {{In, 600, false, true, false, true}},
     {{N, false, false}}},
};

class JournalRulesTable : public ::testing::TestWithParam<Case> {};

TEST_P(JournalRulesTable, DerivesEveryValue) {
  const Case& c = GetParam();
  FakeLocalCalendar calendar(3h);
  std::vector<CallFacts> facts;
  for (const auto& call : c.calls)
    facts.push_back(
        {call.dir, call.internal, at(call.minute), call.answered, call.ended, call.cleared});
  const auto got = derive_for_number(facts, c.past, calendar);
  ASSERT_EQ(got.size(), c.expect.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const DerivedValues want{c.expect[i].status, c.expect[i].new_number, c.expect[i].attention};
    EXPECT_EQ(got[i], want) << "call " << i << ": got " << describe(got[i]) << ", want "
                            << describe(want);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, JournalRulesTable, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string name;
                           for (const char* p = info.param.name; *p; ++p)
                             name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
                           return name;
                         });

// The system calendar under a pinned zone; restores TZ afterwards.
class ZoneCalendar : public ::testing::Test {
 protected:
  void pin(const char* zone) {
    if (const char* old = std::getenv("TZ")) m_old = old;
    setenv("TZ", zone, 1);
    tzset();
  }
  void TearDown() override {
    if (m_old)
      setenv("TZ", m_old->c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  std::optional<std::string> m_old;
  SystemLocalCalendar m_calendar;
};

TEST_F(ZoneCalendar, PlainDayIs24Hours) {
  pin("Europe/Moscow");
  const TimePoint noon = Clock::from_time_t(1773133200);  // 2026-03-10 12:00 MSK
  EXPECT_EQ(m_calendar.start_of_day(noon), Clock::from_time_t(1773090000));
  EXPECT_EQ(m_calendar.end_of_day(noon) - m_calendar.start_of_day(noon), 24h);
  // A moment exactly at midnight belongs to the new day.
  EXPECT_EQ(m_calendar.start_of_day(Clock::from_time_t(1773090000)),
            Clock::from_time_t(1773090000));
}

TEST_F(ZoneCalendar, SpringForwardDayIs23Hours) {
  pin("Europe/Berlin");
  // 2026-03-29: clocks go 02:00 CET → 03:00 CEST. 10:00 CEST = 08:00 UTC.
  const TimePoint morning = Clock::from_time_t(1774771200);
  EXPECT_EQ(m_calendar.start_of_day(morning), Clock::from_time_t(1774738800));  // 00:00 CET
  EXPECT_EQ(m_calendar.end_of_day(morning), Clock::from_time_t(1774821600));    // 00:00 CEST
  EXPECT_EQ(m_calendar.end_of_day(morning) - m_calendar.start_of_day(morning), 23h);
}

TEST_F(ZoneCalendar, FallBackDayIs25HoursAndALateCallbackStillCounts) {
  pin("Europe/Berlin");
  // 2026-10-25: 03:00 CEST → 02:00 CET. Day: 2026-10-24 22:00 UTC .. 2026-10-25 23:00 UTC.
  const TimePoint start = Clock::from_time_t(1792879200);
  const TimePoint missed = start + 30min;  // 00:30 CEST
  EXPECT_EQ(m_calendar.end_of_day(missed) - m_calendar.start_of_day(missed), 25h);
  // A callback 24h 20min after midnight is 23:20 local on the long day: still the same day.
  const std::vector<CallFacts> calls = {{In, false, missed, false, true, false},
                                        {Out, false, start + 24h + 20min, true, true, false}};
  const auto got = derive_for_number(calls, {}, m_calendar);
  EXPECT_EQ(got[0].status, CallStatus::NoAnswer);
  EXPECT_FALSE(got[0].needs_attention);
  // 25h 10min after midnight is 00:10 the next day: too late.
  const std::vector<CallFacts> late = {{In, false, missed, false, true, false},
                                       {Out, false, start + 25h + 10min, true, true, false}};
  const auto got_late = derive_for_number(late, {}, m_calendar);
  EXPECT_EQ(got_late[0].status, CallStatus::Lost);
  EXPECT_TRUE(got_late[0].needs_attention);
}

TEST(DigitsNormalizer, KeepsDigitsAndPlusMarksShortNumbersInternal) {
  DigitsNormalizer n(5);
  EXPECT_EQ(n.normalize("sip:+7 (912) 345-67-89@pbx;user=phone"),
            (NumberKey{"+79123456789", false}));
  EXPECT_EQ(n.normalize("sip:1002@127.0.0.1:5060"), (NumberKey{"1002", true}));
  EXPECT_EQ(n.normalize("12345"), (NumberKey{"12345", true}));
  EXPECT_EQ(n.normalize("123456"), (NumberKey{"123456", false}));
  EXPECT_EQ(n.normalize("tel:8-912-345-67-89"), (NumberKey{"89123456789", false}));
  EXPECT_EQ(n.normalize("sip:alice@example.org"), NumberKey{});
  EXPECT_EQ(n.normalize(""), NumberKey{});
  EXPECT_EQ(DigitsNormalizer(3).normalize("sip:1002@x"), (NumberKey{"1002", false}));
}

TEST(JournalMatchKey, PeersWithoutANumberMatchOnTheirAddress) {
  DigitsNormalizer n(5);
  EXPECT_EQ(journal_match_key(n, "sip:Alice@Example.org;transport=tcp").value, "alice@example.org");
  EXPECT_EQ(journal_match_key(n, "sip:+79123456789@pbx").value, "+79123456789");
  EXPECT_EQ(journal_match_key(n, "").value, "");
}

}  // namespace
