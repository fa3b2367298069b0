// SPDX-License-Identifier: GPL-3.0-or-later
// store::SqliteCallHistory: round trips, answer/end, crash recovery, ordering, errors.
#include "store/sqlite_call_history.hpp"

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "tests/store/temp_dir.hpp"

namespace telpanel::store {
namespace {

using core::CallDirection;
using core::CallEnd;
using core::CallLeg;
using core::EndedBy;
using core::JournalEntry;
using core::TimePoint;
using std::chrono::milliseconds;

// Whole milliseconds: what the store keeps.
TimePoint at_ms(std::int64_t ms) { return TimePoint(milliseconds(ms)); }
constexpr std::int64_t t0 = 1'700'000'000'123;

JournalEntry make_entry(const std::string& call_id, std::int64_t started_ms) {
  JournalEntry e;
  e.call_id = call_id;
  e.direction = CallDirection::Incoming;
  e.account = "office";
  e.local_party = "sip:me@example.org";
  e.remote_party = "sip:bob@example.org";
  e.remote_display = "Bob";
  e.started_at = at_ms(started_ms);
  e.legs.push_back(CallLeg{0, e.remote_party, e.started_at, {}, {}, "call", {}});
  return e;
}

class SqliteCallHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(m_dir.file("telpanel.db"));
    ASSERT_TRUE(db) << db.error().detail;
    m_db = std::make_unique<Database>(std::move(*db));
    m_history = std::make_unique<SqliteCallHistory>(*m_db);
  }

  core::JournalId add(const JournalEntry& e) {
    auto id = m_history->add(e);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }

  JournalEntry get(core::JournalId id) {
    auto e = m_history->get(id);
    EXPECT_TRUE(e) << e.error().detail;
    return e ? *e : JournalEntry{};
  }

  tests::TempDir m_dir;
  std::unique_ptr<Database> m_db;
  std::unique_ptr<SqliteCallHistory> m_history;
};

TEST_F(SqliteCallHistoryTest, AddGetRoundTripMinimal) {
  JournalEntry in = make_entry("c-1", t0);
  in.direction = CallDirection::Outgoing;
  in.account = "";
  in.remote_display = "";
  in.legs.clear();
  const auto id = add(in);
  ASSERT_GT(id, 0);
  const auto out = get(id);
  EXPECT_EQ(out.id, id);
  EXPECT_EQ(out.call_id, "c-1");
  EXPECT_EQ(out.direction, CallDirection::Outgoing);
  EXPECT_EQ(out.account, "");
  EXPECT_EQ(out.local_party, in.local_party);
  EXPECT_EQ(out.remote_party, in.remote_party);
  EXPECT_EQ(out.remote_display, "");
  EXPECT_EQ(out.started_at, in.started_at);
  EXPECT_FALSE(out.answered_at);
  EXPECT_FALSE(out.ended_at);
  EXPECT_FALSE(out.end);
  EXPECT_TRUE(out.legs.empty());
}

TEST_F(SqliteCallHistoryTest, AddGetRoundTripWithLegsAndOptionalFields) {
  JournalEntry in = make_entry("c-2", t0);
  in.answered_at = at_ms(t0 + 2'500);
  in.ended_at = at_ms(t0 + 60'000);
  in.end = CallEnd{EndedBy::Remote, 200, "hangup", "Normal \"BYE\" — ünïcode"};
  in.legs[0].answered_at = in.answered_at;
  in.legs[0].ended_at = at_ms(t0 + 30'000);
  in.legs.push_back(CallLeg{1, "sip:carol@example.org", at_ms(t0 + 30'000), at_ms(t0 + 31'000),
                            in.ended_at, "blind", "sip:1001@example.org"});
  const auto out = get(add(in));
  EXPECT_EQ(out.direction, CallDirection::Incoming);
  EXPECT_EQ(out.account, "office");
  EXPECT_EQ(out.remote_display, "Bob");
  EXPECT_EQ(out.answered_at, in.answered_at);
  EXPECT_EQ(out.ended_at, in.ended_at);
  ASSERT_TRUE(out.end);
  EXPECT_EQ(out.end->by, EndedBy::Remote);
  EXPECT_EQ(out.end->sip_status, 200);
  EXPECT_EQ(out.end->reason, "hangup");
  EXPECT_EQ(out.end->detail, in.end->detail);
  ASSERT_EQ(out.legs.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(out.legs[i].index, in.legs[i].index);
    EXPECT_EQ(out.legs[i].party, in.legs[i].party);
    EXPECT_EQ(out.legs[i].started_at, in.legs[i].started_at);
    EXPECT_EQ(out.legs[i].answered_at, in.legs[i].answered_at);
    EXPECT_EQ(out.legs[i].ended_at, in.legs[i].ended_at);
    EXPECT_EQ(out.legs[i].kind, in.legs[i].kind);
    EXPECT_EQ(out.legs[i].transferred_by, in.legs[i].transferred_by);
  }
  EXPECT_EQ(out.talk_duration(), std::chrono::seconds(58));  // 57.5 s rounds up
}

TEST_F(SqliteCallHistoryTest, AddLegAppendsATransferLegAndMarksItAnswered) {
  const core::JournalId id = add(make_entry("c-legs", t0));
  CallLeg leg;
  leg.party = "sip:1003@example.org";
  leg.started_at = at_ms(t0 + 5'000);
  leg.kind = "attended";
  leg.transferred_by = "sip:1001@example.org";
  auto index = m_history->add_leg(id, leg);
  ASSERT_TRUE(index) << index.error().detail;
  EXPECT_EQ(*index, 1);
  ASSERT_TRUE(m_history->mark_leg_answered(id, 1, at_ms(t0 + 6'000)));
  ASSERT_TRUE(m_history->mark_ended(id, at_ms(t0 + 9'000),
                                    CallEnd{EndedBy::Local, 200, "transferred", "to 1003"}));
  const auto out = get(id);
  ASSERT_EQ(out.legs.size(), 2u);
  EXPECT_EQ(out.legs[0].kind, "call");
  EXPECT_EQ(out.legs[1].party, "sip:1003@example.org");
  EXPECT_EQ(out.legs[1].kind, "attended");
  EXPECT_EQ(out.legs[1].transferred_by, "sip:1001@example.org");
  EXPECT_EQ(out.legs[1].answered_at, at_ms(t0 + 6'000));
  EXPECT_EQ(out.legs[1].ended_at, at_ms(t0 + 9'000));
  // Bad input loses nothing: an unknown entry or leg is a clear NotFound.
  auto missing = m_history->add_leg(id + 100, leg);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  auto no_leg = m_history->mark_leg_answered(id, 7, at_ms(t0));
  ASSERT_FALSE(no_leg);
  EXPECT_EQ(no_leg.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(get(id).legs.size(), 2u);
}

TEST_F(SqliteCallHistoryTest, SubMillisecondTimesAreTruncated) {
  JournalEntry in = make_entry("c-3", t0);
  in.started_at += std::chrono::microseconds(999);
  EXPECT_EQ(get(add(in)).started_at, at_ms(t0));
}

TEST_F(SqliteCallHistoryTest, DuplicateLegIndexFailsWithoutPartialRow) {
  JournalEntry in = make_entry("c-4", t0);
  in.legs.push_back(in.legs[0]);
  auto id = m_history->add(in);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, core::ErrorCode::Database);
  EXPECT_TRUE(m_history->recent(10)->empty());  // the call row was rolled back too
}

TEST_F(SqliteCallHistoryTest, AnsweredThenEnded) {
  const auto id = add(make_entry("c-5", t0));
  ASSERT_TRUE(m_history->mark_answered(id, at_ms(t0 + 3'000)));
  auto mid = get(id);
  EXPECT_EQ(mid.answered_at, at_ms(t0 + 3'000));
  EXPECT_EQ(mid.legs.at(0).answered_at, at_ms(t0 + 3'000));
  EXPECT_FALSE(mid.ended_at);

  const CallEnd end{EndedBy::Local, 0, "hangup", ""};
  ASSERT_TRUE(m_history->mark_ended(id, at_ms(t0 + 63'000), end));
  const auto out = get(id);
  EXPECT_EQ(out.ended_at, at_ms(t0 + 63'000));
  ASSERT_TRUE(out.end);
  EXPECT_EQ(out.end->by, EndedBy::Local);
  EXPECT_EQ(out.end->sip_status, 0);
  EXPECT_EQ(out.end->reason, "hangup");
  EXPECT_EQ(out.legs.at(0).ended_at, at_ms(t0 + 63'000));
  EXPECT_EQ(out.wait_duration(), std::chrono::seconds(3));
  EXPECT_EQ(out.talk_duration(), std::chrono::seconds(60));
}

TEST_F(SqliteCallHistoryTest, EndedLeavesClosedLegsAlone) {
  JournalEntry in = make_entry("c-6", t0);
  in.legs[0].ended_at = at_ms(t0 + 1'000);
  in.legs.push_back(CallLeg{1, "sip:carol@example.org", at_ms(t0 + 1'000), {}, {}, "blind", {}});
  const auto id = add(in);
  ASSERT_TRUE(m_history->mark_ended(id, at_ms(t0 + 9'000),
                                    CallEnd{EndedBy::Remote, 487, "cancelled", "Terminated"}));
  const auto out = get(id);
  EXPECT_EQ(out.legs.at(0).ended_at, at_ms(t0 + 1'000));
  EXPECT_EQ(out.legs.at(1).ended_at, at_ms(t0 + 9'000));
  EXPECT_EQ(out.end->sip_status, 487);
}

TEST_F(SqliteCallHistoryTest, UnknownIdIsNotFound) {
  auto e = m_history->get(999);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(m_history->mark_answered(999, at_ms(t0)).error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(m_history->mark_ended(999, at_ms(t0), CallEnd{}).error().code,
            core::ErrorCode::NotFound);
  EXPECT_EQ(m_history->touch(999, at_ms(t0)).error().code, core::ErrorCode::NotFound);
}

TEST_F(SqliteCallHistoryTest, RecoverUnfinished) {
  // Open, never touched, never answered: ends at its start.
  const auto ringing = add(make_entry("c-ringing", t0));
  // Open and answered, no touch: ends at the answer.
  const auto answered = add(make_entry("c-answered", t0 + 1'000));
  ASSERT_TRUE(m_history->mark_answered(answered, at_ms(t0 + 4'000)));
  // Open, answered and touched: ends at the last touch.
  const auto touched = add(make_entry("c-touched", t0 + 2'000));
  ASSERT_TRUE(m_history->mark_answered(touched, at_ms(t0 + 5'000)));
  ASSERT_TRUE(m_history->touch(touched, at_ms(t0 + 20'000)));
  ASSERT_TRUE(m_history->touch(touched, at_ms(t0 + 25'000)));
  // Already ended: untouched by recovery.
  const auto done = add(make_entry("c-done", t0 + 3'000));
  ASSERT_TRUE(m_history->touch(done, at_ms(t0 + 6'000)));
  const CallEnd normal{EndedBy::Remote, 200, "hangup", "BYE"};
  ASSERT_TRUE(m_history->mark_ended(done, at_ms(t0 + 7'000), normal));

  auto n = m_history->recover_unfinished();
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 3);

  const struct {
    core::JournalId id;
    std::int64_t end_ms;
  } expected[] = {{ringing, t0}, {answered, t0 + 4'000}, {touched, t0 + 25'000}};
  for (const auto& x : expected) {
    const auto e = get(x.id);
    SCOPED_TRACE(e.call_id);
    EXPECT_EQ(e.ended_at, at_ms(x.end_ms));
    ASSERT_TRUE(e.end);
    EXPECT_EQ(e.end->by, EndedBy::System);
    EXPECT_EQ(e.end->sip_status, 0);
    EXPECT_EQ(e.end->reason, "interrupted");
    EXPECT_EQ(e.end->detail, "telpanel stopped during the call");
    EXPECT_EQ(e.legs.at(0).ended_at, at_ms(x.end_ms));
  }
  const auto d = get(done);
  EXPECT_EQ(d.ended_at, at_ms(t0 + 7'000));
  EXPECT_EQ(d.end->by, EndedBy::Remote);
  EXPECT_EQ(d.end->sip_status, 200);
  EXPECT_EQ(d.end->reason, "hangup");
  EXPECT_EQ(d.end->detail, "BYE");

  auto again = m_history->recover_unfinished();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(SqliteCallHistoryTest, RecoverNeverEndsBeforeTheAnswer) {
  // Touched while ringing, answered, then the process died before the next touch.
  const auto id = add(make_entry("c-1", t0));
  ASSERT_TRUE(m_history->touch(id, at_ms(t0 + 1'000)));
  ASSERT_TRUE(m_history->mark_answered(id, at_ms(t0 + 2'000)));
  ASSERT_EQ(*m_history->recover_unfinished(), 1);
  EXPECT_EQ(get(id).ended_at, at_ms(t0 + 2'000));
}

TEST_F(SqliteCallHistoryTest, RecoverSurvivesReopen) {
  const auto path = m_dir.file("crash.db");
  core::JournalId id = 0;
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    SqliteCallHistory history(*db);
    id = *history.add(make_entry("c-1", t0));
    ASSERT_TRUE(history.touch(id, at_ms(t0 + 10'000)));
  }  // "crash": the connection goes away with the call open
  auto db = Database::open(path);
  ASSERT_TRUE(db);
  SqliteCallHistory history(*db);
  ASSERT_EQ(*history.recover_unfinished(), 1);
  EXPECT_EQ(history.get(id)->ended_at, at_ms(t0 + 10'000));
}

TEST_F(SqliteCallHistoryTest, RecentIsNewestFirstWithLimitAndLegs) {
  const auto a = add(make_entry("a", t0 + 1'000));
  const auto b = add(make_entry("b", t0 + 3'000));
  const auto c = add(make_entry("c", t0 + 2'000));
  const auto d = add(make_entry("d", t0 + 3'000));  // same start as b, added later
  JournalEntry two_legs = make_entry("e", t0);
  two_legs.legs.push_back(
      CallLeg{1, "sip:carol@example.org", at_ms(t0 + 500), {}, {}, "blind", {}});
  const auto e = add(two_legs);

  auto all = m_history->recent(10);
  ASSERT_TRUE(all) << all.error().detail;
  ASSERT_EQ(all->size(), 5u);
  const core::JournalId order[] = {d, b, c, a, e};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ((*all)[i].id, order[i]) << i;
  for (const auto& entry : *all) {
    SCOPED_TRACE(entry.call_id);
    ASSERT_EQ(entry.legs.size(), entry.id == e ? 2u : 1u);
    EXPECT_EQ(entry.legs[0].index, 0);
    EXPECT_EQ(entry.legs[0].started_at, entry.started_at);
  }
  EXPECT_EQ(all->back().legs[1].party, "sip:carol@example.org");

  auto top = m_history->recent(2);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].id, d);
  EXPECT_EQ((*top)[1].id, b);

  EXPECT_TRUE(m_history->recent(0)->empty());
  EXPECT_EQ(m_history->recent(-1).error().code, core::ErrorCode::InvalidArgument);
}

TEST_F(SqliteCallHistoryTest, RecentOnEmptyJournal) {
  auto none = m_history->recent(5);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(SqliteCallHistoryTest, WorksInMemory) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db) << db.error().detail;
  SqliteCallHistory history(*db);
  auto id = history.add(make_entry("m-1", t0));
  ASSERT_TRUE(id);
  EXPECT_EQ(history.get(*id)->call_id, "m-1");
}

}  // namespace
}  // namespace telpanel::store
