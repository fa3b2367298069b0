// SPDX-License-Identifier: GPL-3.0-or-later
// store migrations: a fresh file, an upgrade from every older version with data in it, a newer
// file refused, a failing step rolled back.
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "store/database.hpp"
#include "store/sqlite_call_journal.hpp"
#include "tests/store/temp_dir.hpp"
#include "tests/support/fake_local_calendar.hpp"
#include "tests/support/fake_number_normalizer.hpp"

namespace telpanel::store {
namespace {

using tests::TempDir;

std::int64_t query_int(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st) << st.error().detail;
  if (!st) return -1;
  auto row = st->step();
  EXPECT_TRUE(row && *row) << sql;
  return row && *row ? st->column_int64(0) : -1;
}

bool has_object(Database& db, const std::string& type, const std::string& name) {
  return query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = '" + type +
                           "' AND name = '" + name + "'") == 1;
}

// Data written by a database at schema version N, and what must hold after upgrading it to the
// latest. Adding schema version N+1 means adding an entry for N here (the test below insists).
struct Seed {
  std::function<void(Database&)> write;
  std::function<void(Database&)> check;
};

// The steps up to and including `version` (versions may have gaps: v1, v3, ...).
std::span<const Migration> steps_through(int version) {
  std::size_t n = 0;
  while (n < migrations().size() && migrations()[n].version <= version) ++n;
  return migrations().first(n);
}

std::string query_text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st) << st.error().detail;
  if (!st) return "?";
  auto row = st->step();
  EXPECT_TRUE(row && *row) << sql;
  return row && *row ? st->column_optional_text(0).value_or("NULL") : "?";
}

const std::map<int, Seed>& seeds() {
  static const std::map<int, Seed> all = {
      {0,
       {// Before versioning nothing of ours exists; whatever else is in the file must survive.
        [](Database& db) {
          ASSERT_TRUE(
              db.exec("CREATE TABLE unrelated (x INTEGER); INSERT INTO unrelated VALUES (5)"));
        },
        [](Database& db) {
          EXPECT_EQ(query_int(db, "SELECT x FROM unrelated"), 5);
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM calls"), 0);
        }}},
      {1,
       {// v1 journal rows survive the directory's arrival (v2), which starts empty and usable.
        [](Database& db) {
          ASSERT_TRUE(
              db.exec("INSERT INTO calls (call_id, direction, remote_party, started_at) VALUES "
                      "('c1', 'incoming', 'sip:89123456789@pbx', 1000)"));
        },
        [](Database& db) {
          EXPECT_EQ(query_int(db,
                              "SELECT count(*) FROM calls WHERE remote_party = "
                              "'sip:89123456789@pbx'"),
                    1);
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM clients"), 0);
          ASSERT_TRUE(db.exec(
              "INSERT INTO clients (name, search_name, search_text) VALUES ('Acme', 'acme', "
              "'acme'); INSERT INTO client_phones (client_id, number, number_key, search_digits) "
              "VALUES (last_insert_rowid(), '8 912', '+79123456789', '79123456789 8912')"));
          EXPECT_EQ(query_int(db,
                              "SELECT count(*) FROM clients_fts WHERE clients_fts MATCH "
                              "'cme'"),
                    1);
          EXPECT_EQ(query_int(db,
                              "SELECT count(*) FROM client_phones_fts WHERE "
                              "client_phones_fts MATCH '234'"),
                    1);
        }}},
      {2,
       {// v2 journal rows (v1's calls table): an answered incoming call, a missed call from a new
        // number, an outgoing call never answered, all from 2026-03-10 (UTC+3).
        [](Database& db) {
          ASSERT_TRUE(db.exec(
              "INSERT INTO calls (id, call_id, direction, remote_party, started_at, answered_at, "
              "ended_at, ended_by, end_reason) VALUES "
              "(1, 'a', 'incoming', 'sip:+79123456789@pbx', 1773126000000, 1773126005000, "
              "1773126100000, 'remote', 'hangup'), "
              "(2, 'b', 'incoming', 'sip:89250000001@pbx', 1773127000000, NULL, "
              "1773127020000, 'remote', 'cancelled'), "
              "(3, 'c', 'outgoing', 'sip:1002@pbx', 1773128000000, NULL, "
              "1773128010000, 'local', 'cancelled')"));
        },
        [](Database& db) {
          // The SQL step fills what needs no number; the rest waits for backfill().
          EXPECT_EQ(query_text(db, "SELECT status FROM calls WHERE id = 1"), "accepted");
          EXPECT_EQ(query_text(db, "SELECT status FROM calls WHERE id = 2"), "NULL");
          EXPECT_EQ(query_text(db, "SELECT status FROM calls WHERE id = 3"), "cancelled");
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM calls WHERE remote_number IS NULL"), 3);
          tests::FakeNumberNormalizer numbers;
          tests::FakeLocalCalendar calendar;
          SqliteCallJournal journal(db, numbers, calendar);
          auto filled = journal.backfill();
          ASSERT_TRUE(filled) << filled.error().detail;
          EXPECT_EQ(*filled, 3);
          EXPECT_EQ(query_text(db, "SELECT remote_number FROM calls WHERE id = 2"), "+79250000001");
          EXPECT_EQ(query_text(db, "SELECT status FROM calls WHERE id = 2"), "lost");
          EXPECT_EQ(query_int(db, "SELECT needs_attention + new_number FROM calls WHERE id = 2"),
                    2);
          EXPECT_EQ(query_int(db, "SELECT internal FROM calls WHERE id = 3"), 1);
          EXPECT_EQ(query_text(db, "SELECT status FROM calls WHERE id = 3"), "NULL");
          EXPECT_EQ(*journal.backfill(), 0);  // once only
          // v1 rows are in the search index, with the numbers backfill() added.
          core::JournalQuery q;
          q.search = "8 925 000-00-01";
          auto found = journal.query(q);
          ASSERT_TRUE(found) << found.error().detail;
          ASSERT_EQ(found->size(), 1u);
          EXPECT_EQ(found->front().id, 2);
        }}},
      {3,
       {// A call with its first leg: after v6 the leg is kind 'call', transferred by nobody.
        [](Database& db) {
          ASSERT_TRUE(
              db.exec("INSERT INTO calls (id, call_id, direction, started_at) VALUES (7, 'c', "
                      "'incoming', 1000); INSERT INTO call_legs (call_ref, idx, party, started_at) "
                      "VALUES (7, 0, 'sip:a@b', 1000)"));
        },
        [](Database& db) {
          EXPECT_EQ(query_int(db,
                              "SELECT count(*) FROM call_legs WHERE call_ref = 7 AND "
                              "kind = 'call' AND transferred_by = ''"),
                    1);
        }}},
      {5,
       {// A v5 chat outbox entry waiting to be sent survives the later steps.
        [](Database& db) {
          ASSERT_TRUE(db.exec(
              "INSERT INTO chat_outbox (conversation, text, created_at) VALUES (7, 'hi', 5)"));
        },
        [](Database& db) {
          EXPECT_EQ(query_int(db,
                              "SELECT count(*) FROM chat_outbox WHERE conversation = 7 AND "
                              "state = 'pending'"),
                    1);
          EXPECT_TRUE(has_object(db, "table", "chat_outbox_files"));
          EXPECT_TRUE(has_object(db, "index", "chat_outbox_pending"));
        }}},
      {4,
       {// A v4 journal: its calls survive, and v4's recordings can be linked to them.
        [](Database& db) {
          ASSERT_TRUE(
              db.exec("INSERT INTO calls (id, call_id, direction, started_at) VALUES (7, 'c-1', "
                      "'incoming', 1000)"));
        },
        [](Database& db) {
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM calls WHERE call_id = 'c-1'"), 1);
          ASSERT_TRUE(
              db.exec("INSERT INTO recordings (call_ref, part, location, started_at) VALUES (7, 1, "
                      "'/r/c-1-1.opus', 2000)"));
          ASSERT_TRUE(db.exec("INSERT INTO personal_settings VALUES ('recording', 'always')"));
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM recordings WHERE call_ref = 7"), 1);
          // Deleting the call deletes its recordings' rows (the files are the user's).
          ASSERT_TRUE(db.exec("DELETE FROM calls WHERE id = 7"));
          EXPECT_EQ(query_int(db, "SELECT count(*) FROM recordings"), 0);
        }}},
  };
  return all;
}

class MigrationsTest : public ::testing::Test {
 protected:
  TempDir m_dir;
  std::string m_path = m_dir.file("telpanel.db");
};

// Versions are reserved per feature, so a branch may have gaps (v1, v5); they must increase.
TEST_F(MigrationsTest, StepsAreNumberedInOrder) {
  const auto steps = migrations();
  ASSERT_FALSE(steps.empty());
  // Numbers are reserved per feature, so a branch may have gaps; they must only increase.
  EXPECT_EQ(steps[0].version, 1);
  for (std::size_t i = 1; i < steps.size(); ++i) EXPECT_GT(steps[i].version, steps[i - 1].version);
  EXPECT_EQ(latest_schema_version(), steps.back().version);
}

TEST_F(MigrationsTest, FreshDatabaseGetsLatestSchema) {
  auto db = Database::open(m_path);
  ASSERT_TRUE(db) << db.error().detail;
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
  EXPECT_TRUE(has_object(*db, "table", "calls"));
  EXPECT_TRUE(has_object(*db, "table", "call_legs"));
  EXPECT_TRUE(has_object(*db, "index", "calls_started_at"));
  EXPECT_TRUE(has_object(*db, "index", "calls_open"));
  for (const char* table : {"clients", "contact_persons", "client_phones", "clients_fts",
                            "contact_persons_fts", "client_phones_fts"})
    EXPECT_TRUE(has_object(*db, "table", table)) << table;
  EXPECT_TRUE(has_object(*db, "index", "calls_number"));
  EXPECT_TRUE(has_object(*db, "index", "calls_attention"));
  EXPECT_TRUE(has_object(*db, "table", "journal_columns"));
  EXPECT_TRUE(has_object(*db, "table", "calls_search"));
  EXPECT_EQ(query_int(*db,
                      "SELECT count(*) FROM sqlite_master WHERE name = 'calls_open' AND "
                      "sql LIKE '%WHERE ended_at IS NULL%'"),
            1);
}

TEST_F(MigrationsTest, ReopeningChangesNothing) {
  ASSERT_TRUE(Database::open(m_path));
  auto db = Database::open(m_path);
  ASSERT_TRUE(db) << db.error().detail;
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
}

TEST_F(MigrationsTest, EveryOlderVersionHasASeed) {
  EXPECT_TRUE(seeds().count(0)) << "no upgrade test data for an unversioned file";
  for (const auto& step : migrations()) {
    if (step.version == latest_schema_version()) continue;
    EXPECT_TRUE(seeds().count(step.version))
        << "no upgrade test data for schema version " << step.version;
  }
}

TEST_F(MigrationsTest, UpgradesFromEveryOlderVersionKeepingData) {
  for (const auto& [version, seed] : seeds()) {
    SCOPED_TRACE("from schema version " + std::to_string(version));
    TempDir dir;
    const auto path = dir.file("telpanel.db");
    {
      auto old = Database::open(path, steps_through(version));
      ASSERT_TRUE(old) << old.error().detail;
      ASSERT_EQ(*schema_version(*old), version);
      seed.write(*old);
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().detail;
    EXPECT_EQ(*schema_version(*db), latest_schema_version());
    seed.check(*db);
  }
}

TEST_F(MigrationsTest, NewerDatabaseIsRefused) {
  const int newer = latest_schema_version() + 1;
  {
    auto db = Database::open(m_path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(newer)));
  }
  auto db = Database::open(m_path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, core::ErrorCode::Database);
  const std::string expected = "database schema version " + std::to_string(newer) +
                               " is newer than this telpanel supports (" +
                               std::to_string(latest_schema_version()) + ")";
  EXPECT_NE(db.error().detail.find(expected), std::string::npos) << db.error().detail;
  EXPECT_NE(db.error().detail.find(m_path), std::string::npos) << db.error().detail;
}

TEST_F(MigrationsTest, FailingStepIsRolledBack) {
  const Migration steps[] = {
      {1, "CREATE TABLE a (x INTEGER)"},
      {2, "CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1)"},
  };
  {
    auto db = Database::open(m_path, steps);
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().detail.find("schema upgrade to version 2 failed"), std::string::npos)
        << db.error().detail;
    EXPECT_NE(db.error().detail.find("no such table: missing"), std::string::npos)
        << db.error().detail;
  }
  auto db = Database::open(m_path, std::span(steps).first(1));
  ASSERT_TRUE(db) << db.error().detail;
  EXPECT_EQ(*schema_version(*db), 1);
  EXPECT_TRUE(has_object(*db, "table", "a"));
  EXPECT_FALSE(has_object(*db, "table", "b"));
}

}  // namespace
}  // namespace telpanel::store
