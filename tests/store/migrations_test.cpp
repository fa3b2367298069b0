// SPDX-License-Identifier: GPL-3.0-or-later
// store migrations: a fresh file, an upgrade from every older version with data in it, a newer
// file refused, a failing step rolled back.
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "store/database.hpp"
#include "tests/store/temp_dir.hpp"

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
       {// A v1 journal: its calls survive, and v4's recordings can be linked to them.
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

// The steps up to and including `version` (numbers may have gaps).
std::span<const Migration> steps_through(int version) {
  std::size_t n = 0;
  while (n < migrations().size() && migrations()[n].version <= version) ++n;
  return migrations().first(n);
}

class MigrationsTest : public ::testing::Test {
 protected:
  TempDir m_dir;
  std::string m_path = m_dir.file("telpanel.db");
};

TEST_F(MigrationsTest, StepsAreNumberedInOrder) {
  const auto steps = migrations();
  ASSERT_FALSE(steps.empty());
  // Numbers are reserved per feature, so a build may skip some (v1, v4): increasing is enough.
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
  EXPECT_TRUE(seeds().count(0));
  for (const auto& step : migrations()) {
    if (step.version != latest_schema_version()) {
      EXPECT_TRUE(seeds().count(step.version))
          << "no upgrade test data for schema version " << step.version;
    }
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
