// SPDX-License-Identifier: GPL-3.0-or-later
// store::SqliteCallJournal: derived values kept current as calls arrive, the query API (each
// filter, search in any formatting, paging, sort), comments, clearing attention, columns, bad
// input.
#include "store/sqlite_call_journal.hpp"

#include <gtest/gtest.h>

#include "core/journal_rules.hpp"
#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "store/sqlite_client_directory.hpp"
#include "tests/store/temp_dir.hpp"
#include "tests/support/fake_local_calendar.hpp"
#include "tests/support/fake_number_normalizer.hpp"

namespace telpanel::store {
namespace {

using core::CallDirection;
using core::CallStatus;
using core::JournalEntry;
using core::JournalId;
using core::JournalQuery;
using core::TimePoint;
using namespace std::chrono_literals;

// 2026-03-10 00:00 at UTC+3.
const TimePoint kDay = core::Clock::from_time_t(1773090000);

class SqliteCallJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(m_dir.file("telpanel.db"));
    ASSERT_TRUE(db) << db.error().detail;
    m_db = std::make_unique<Database>(std::move(*db));
    m_history = std::make_unique<SqliteCallHistory>(*m_db, m_calendar);
    m_journal = std::make_unique<SqliteCallJournal>(*m_db, m_numbers, m_calendar);
  }

  // A finished call `minutes` after local midnight of kDay, as CallController records it.
  JournalId call(CallDirection dir, const std::string& party, int minutes, bool answered,
                 const std::string& display = "", const std::string& account = "") {
    JournalEntry e;
    e.call_id = "c" + std::to_string(++m_serial);
    e.direction = dir;
    e.account = account;
    e.local_party = "sip:1001@pbx";
    e.remote_party = party;
    e.remote_display = display;
    e.started_at = kDay + std::chrono::minutes(minutes);
    const auto key = core::journal_match_key(m_numbers, party);
    e.remote_number = key.value;
    e.internal = key.internal;
    e.legs.push_back(core::CallLeg{0, party, e.started_at, {}, {}});
    auto id = m_history->add(e);
    EXPECT_TRUE(id) << id.error().detail;
    if (answered) EXPECT_TRUE(m_history->mark_answered(*id, e.started_at + 5s));
    EXPECT_TRUE(m_history->mark_ended(*id, e.started_at + 60s,
                                      core::CallEnd{core::EndedBy::Remote, 200, "hangup", ""}));
    return *id;
  }

  JournalEntry get(JournalId id) {
    auto e = m_journal->entry(id);
    EXPECT_TRUE(e) << e.error().detail;
    return e ? *e : JournalEntry{};
  }

  std::vector<JournalId> ids(const JournalQuery& q) {
    auto r = m_journal->query(q);
    EXPECT_TRUE(r) << r.error().detail;
    std::vector<JournalId> out;
    if (r)
      for (const auto& e : *r) out.push_back(e.id);
    return out;
  }

  tests::TempDir m_dir;
  tests::FakeLocalCalendar m_calendar{3h};
  tests::FakeNumberNormalizer m_numbers;
  std::unique_ptr<Database> m_db;
  std::unique_ptr<SqliteCallHistory> m_history;
  std::unique_ptr<SqliteCallJournal> m_journal;
  int m_serial = 0;
};

constexpr auto In = CallDirection::Incoming;
constexpr auto Out = CallDirection::Outgoing;

TEST_F(SqliteCallJournalTest, CallbackClearsTheMorningsLostCall) {
  const JournalId missed = call(In, "sip:+79123456789@pbx", 9 * 60, false);
  EXPECT_EQ(get(missed).status, CallStatus::Lost);
  EXPECT_TRUE(get(missed).needs_attention);
  EXPECT_TRUE(get(missed).new_number);
  // Another number's call changes nothing for this one.
  call(Out, "sip:+79990000000@pbx", 10 * 60, true);
  EXPECT_TRUE(get(missed).needs_attention);
  // The callback, dialled in another formatting, is answered in the afternoon.
  const JournalId back = call(Out, "sip:8 912 345-67-89@pbx", 15 * 60, true);
  EXPECT_EQ(get(back).status, CallStatus::Reached);
  EXPECT_FALSE(get(back).new_number);
  EXPECT_EQ(get(missed).status, CallStatus::NoAnswer);
  EXPECT_FALSE(get(missed).needs_attention);
}

TEST_F(SqliteCallJournalTest, RingingCallHasNoStatusUntilItEnds) {
  JournalEntry e;
  e.call_id = "ring";
  e.direction = In;
  e.remote_party = "sip:+79123456789@pbx";
  e.remote_number = "+79123456789";
  e.started_at = kDay + 1h;
  auto id = m_history->add(e);
  ASSERT_TRUE(id);
  EXPECT_EQ(get(*id).status, std::nullopt);
  EXPECT_FALSE(get(*id).needs_attention);
  ASSERT_TRUE(m_history->mark_answered(*id, e.started_at + 3s));
  EXPECT_EQ(get(*id).status, CallStatus::Accepted);
}

TEST_F(SqliteCallJournalTest, InternalCallsHaveNoStatusAndAreFilteredApart) {
  const JournalId colleague = call(In, "sip:1002@pbx", 60, false);
  const JournalId client = call(In, "sip:+79123456789@pbx", 61, true);
  EXPECT_TRUE(get(colleague).internal);
  EXPECT_EQ(get(colleague).status, std::nullopt);
  EXPECT_FALSE(get(colleague).needs_attention);
  JournalQuery q;
  q.internal = true;
  EXPECT_EQ(ids(q), std::vector<JournalId>{colleague});
  q.internal = false;
  EXPECT_EQ(ids(q), std::vector<JournalId>{client});
  EXPECT_EQ(ids(JournalQuery{}).size(), 2u);  // default: both
}

TEST_F(SqliteCallJournalTest, EachFilterNarrowsTheResult) {
  const JournalId accepted = call(In, "sip:+79000000001@pbx", 60, true, "", "office");
  const JournalId reached = call(Out, "sip:+79000000002@pbx", 120, true);
  const JournalId cancelled = call(Out, "sip:+79000000003@pbx", 180, false);
  const JournalId lost = call(In, "sip:+79000000004@pbx", 24 * 60 + 60, false);
  const JournalId no_answer = call(In, "sip:+79000000001@pbx", 24 * 60 + 120, false);
  JournalQuery q;
  q.direction = In;
  EXPECT_EQ(ids(q), (std::vector{no_answer, lost, accepted}));
  q = {};
  q.statuses = {CallStatus::Lost, CallStatus::NoAnswer};
  EXPECT_EQ(ids(q), (std::vector{no_answer, lost}));
  q = {};
  q.statuses = {CallStatus::Cancelled};
  EXPECT_EQ(ids(q), std::vector{cancelled});
  q = {};
  q.from = kDay + 24h;
  EXPECT_EQ(ids(q), (std::vector{no_answer, lost}));
  q = {};
  q.to = kDay + 2h;
  EXPECT_EQ(ids(q), std::vector{accepted});
  q = {};
  q.needs_attention_only = true;
  EXPECT_EQ(ids(q), (std::vector{no_answer, lost}));
  q = {};
  q.new_number_only = true;
  EXPECT_EQ(ids(q), (std::vector{lost, cancelled, reached, accepted}));
  q = {};
  q.account = "office";
  EXPECT_EQ(ids(q), std::vector{accepted});
  q = {};
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(ids(q), (std::vector{lost, cancelled}));
  q = {};
  q.oldest_first = true;
  q.limit = 1;
  EXPECT_EQ(ids(q), std::vector{accepted});
}

TEST_F(SqliteCallJournalTest, SearchFindsNumbersInAnyFormattingAndNames) {
  const JournalId ivan = call(In, "sip:+79123456789@pbx", 60, true, "Ivan Petrov");
  const JournalId other = call(In, "sip:+74950000000@pbx", 120, true, "Acme_Support");
  JournalQuery q;
  for (const char* typed : {"8 (912) 345-67-89", "+7 912 345 67 89", "9123456789", "345-67"}) {
    q.search = typed;
    EXPECT_EQ(ids(q), std::vector{ivan}) << typed;
  }
  q.search = "petrov";
  EXPECT_EQ(ids(q), std::vector{ivan});
  q.search = "e%t";  // LIKE wildcards are literal: no "e…t" match
  EXPECT_EQ(ids(q), std::vector<JournalId>{});
  q.search = "cm_";  // "_" is no single-character wildcard: "cme" does not match
  EXPECT_EQ(ids(q), std::vector<JournalId>{});
  q.search = "acme_";
  EXPECT_EQ(ids(q), std::vector{other});
  q.search = "%";
  EXPECT_EQ(ids(q), std::vector<JournalId>{});
}

TEST_F(SqliteCallJournalTest, SearchFindsCallsByTheirClientsOrContactPersonsName) {
  SqliteClientDirectory directory(*m_db, m_numbers);
  core::Client client;
  client.name = "Ромашка LLC";
  client.phones.push_back({"8 495 111-22-33", "", ""});
  client.contacts.push_back({0, "Olga Smirnova", "", {{"+7 916 000 11 22", "", ""}}});
  auto id = directory.create(client);
  ASSERT_TRUE(id) << id.error().detail;
  const JournalId company = call(In, "sip:84951112233@pbx", 60, true);
  const JournalId olga = call(Out, "sip:+79160001122@pbx", 120, true);
  call(In, "sip:+74950000000@pbx", 180, true, "Someone else");

  JournalQuery q;
  // The client's name finds the calls of all its numbers, its contact persons' included.
  q.search = "ромашка";  // folded: case does not matter, trigram index
  EXPECT_EQ(ids(q), (std::vector{olga, company}));
  q.search = "smirnova";  // a contact person's name: that person's numbers only
  EXPECT_EQ(ids(q), std::vector{olga});
  q.search = "Ро";  // shorter than a trigram: the LIKE path
  EXPECT_EQ(ids(q), (std::vector{olga, company}));
  const auto e = get(company);
  EXPECT_EQ(e.client_id, std::optional<std::int64_t>(*id));
  EXPECT_EQ(e.client_name, "Ромашка LLC");
  EXPECT_EQ(get(olga).client_id, std::optional<std::int64_t>(*id));  // a contact's number
}

TEST_F(SqliteCallJournalTest, CommentsAreKeptAndSearchable) {
  const JournalId id = call(In, "sip:+79123456789@pbx", 60, true);
  ASSERT_TRUE(m_journal->set_comment(id, "asked for a quote, \"urgent\""));
  EXPECT_EQ(get(id).comment, "asked for a quote, \"urgent\"");
  JournalQuery q;
  q.search = "quote";
  EXPECT_EQ(ids(q), std::vector{id});
  auto missing = m_journal->set_comment(id + 100, "x");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  auto huge = m_journal->set_comment(id, std::string(SqliteCallJournal::kMaxComment + 1, 'x'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, core::ErrorCode::InvalidArgument);
  EXPECT_EQ(get(id).comment, "asked for a quote, \"urgent\"");  // nothing lost
}

TEST_F(SqliteCallJournalTest, ClearingAttentionKeepsTheCallMissed) {
  const JournalId missed = call(In, "sip:+79123456789@pbx", 60, false);
  ASSERT_TRUE(m_journal->clear_attention(missed));
  EXPECT_EQ(get(missed).status, CallStatus::Lost);
  EXPECT_FALSE(get(missed).needs_attention);
  EXPECT_TRUE(get(missed).attention_cleared);
  // A later unanswered call from the number re-derives the day; the clearing stays.
  call(In, "sip:+79123456789@pbx", 120, false);
  EXPECT_FALSE(get(missed).needs_attention);
  JournalQuery q;
  q.needs_attention_only = true;
  EXPECT_EQ(ids(q).size(), 1u);
  const JournalId answered = call(In, "sip:+79000000000@pbx", 60, true);
  auto refused = m_journal->clear_attention(answered);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidState);
  EXPECT_EQ(m_journal->clear_attention(9999).error().code, core::ErrorCode::NotFound);
}

TEST_F(SqliteCallJournalTest, ColumnsArePerUserAndDefaultToAll) {
  auto cols = m_journal->columns("anna");
  ASSERT_TRUE(cols);
  EXPECT_EQ(*cols, core::default_journal_columns());
  const std::vector chosen{core::JournalColumn::Status, core::JournalColumn::PhoneNumber};
  ASSERT_TRUE(m_journal->set_columns("anna", chosen));
  EXPECT_EQ(*m_journal->columns("anna"), chosen);
  EXPECT_EQ(*m_journal->columns("boris"), core::default_journal_columns());
  EXPECT_FALSE(m_journal->set_columns("anna", {}));
  EXPECT_EQ(*m_journal->columns("anna"), chosen);
}

TEST_F(SqliteCallJournalTest, BadQueriesAreRefused) {
  JournalQuery q;
  q.limit = -1;
  EXPECT_EQ(m_journal->query(q).error().code, core::ErrorCode::InvalidArgument);
  q = {};
  q.from = kDay + 1h;
  q.to = kDay;
  auto r = m_journal->query(q);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("ends before it starts"), std::string::npos);
}

TEST_F(SqliteCallJournalTest, EntryHasItsLegs) {
  const JournalId id = call(Out, "sip:+79123456789@pbx", 60, true);
  const auto e = get(id);
  ASSERT_EQ(e.legs.size(), 1u);
  EXPECT_EQ(e.legs[0].party, "sip:+79123456789@pbx");
  EXPECT_TRUE(e.legs[0].answered_at);
  EXPECT_EQ(m_journal->entry(id + 50).error().code, core::ErrorCode::NotFound);
}

}  // namespace
}  // namespace telpanel::store

namespace telpanel::store {
namespace {

// Common terms are filtered while walking the newest calls, rare ones come from the trigram
// index: both give the same answers.
TEST_F(SqliteCallJournalTest, CommonAndRareTermsGiveTheSameKindOfAnswer) {
  for (int i = 0; i < 2100; ++i) {
    JournalEntry e;
    e.call_id = "bulk" + std::to_string(i);
    e.direction = In;
    e.remote_party = "sip:+7912000" + std::to_string(1000 + i) + "@pbx";
    e.remote_number = "+7912000" + std::to_string(1000 + i);
    e.remote_display = i == 7 ? "Acme Rare Branch" : "Acme Trading";
    e.started_at = kDay + std::chrono::seconds(i);
    ASSERT_TRUE(m_history->add(e));
  }
  JournalQuery q;
  q.search = "acme";  // 2100 matches: the LIKE walk
  auto common = ids(q);
  ASSERT_EQ(common.size(), 100u);
  EXPECT_EQ(common.front(), 2100);
  q.search = "RARE";  // one match: the index
  EXPECT_EQ(ids(q), std::vector<JournalId>{8});
  q.search = "9120001";  // a number part shared by 1000 calls
  q.limit = 0;
  EXPECT_EQ(ids(q).size(), 1000u);
  q.search = "8 912 000-10-07";  // one number in national formatting
  EXPECT_EQ(ids(q), std::vector<JournalId>{8});
}

}  // namespace
}  // namespace telpanel::store

namespace telpanel::store {
namespace {

TEST_F(SqliteCallJournalTest, AnotherNormaliserRekeysEveryRowOnce) {
  ASSERT_EQ(*m_journal->backfill("fake:1"), 0);  // nothing keyed yet
  const JournalId a = call(In, "sip:+79123456789@pbx", 60, false);
  const JournalId b = call(Out, "sip:1002@pbx", 61, true);
  ASSERT_TRUE(m_db->exec("UPDATE calls SET remote_number = 'stale', internal = 0"));
  EXPECT_EQ(*m_journal->backfill("fake:1"), 0);  // same normaliser: rows are trusted
  EXPECT_EQ(get(a).remote_number, "stale");
  EXPECT_EQ(*m_journal->backfill("fake:2"), 2);
  EXPECT_EQ(get(a).remote_number, "+79123456789");
  EXPECT_EQ(get(a).status, CallStatus::Lost);
  EXPECT_TRUE(get(b).internal);
  EXPECT_EQ(get(b).status, std::nullopt);
  EXPECT_EQ(*m_journal->backfill("fake:2"), 0);
}

}  // namespace
}  // namespace telpanel::store
