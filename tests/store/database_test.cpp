// SPDX-License-Identifier: GPL-3.0-or-later
// store::Database: opening (and failing to open) files, pragmas, statements, error mapping.
#include "store/database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/store/temp_dir.hpp"

namespace telpanel::store {
namespace {

using tests::TempDir;

class DatabaseTest : public ::testing::Test {
 protected:
  TempDir m_dir;
};

TEST_F(DatabaseTest, CreatesFileInWalModeWithForeignKeys) {
  const auto path = m_dir.file("telpanel.db");
  auto db = Database::open(path);
  ASSERT_TRUE(db) << db.error().detail;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(db->path(), path);

  auto mode = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode);
  ASSERT_TRUE(*mode->step());
  EXPECT_EQ(mode->column_text(0), "wal");

  auto fk = db->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk);
  ASSERT_TRUE(*fk->step());
  EXPECT_EQ(fk->column_int64(0), 1);
}

TEST_F(DatabaseTest, MissingDirectoryNamesThePath) {
  const auto path = m_dir.file("no/such/dir/telpanel.db");
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, core::ErrorCode::Database);
  EXPECT_NE(db.error().detail.find(path), std::string::npos) << db.error().detail;
  EXPECT_NE(db.error().detail.find("unable to open database file"), std::string::npos)
      << db.error().detail;
}

TEST_F(DatabaseTest, ParentThatIsAFileNamesThePath) {
  std::ofstream(m_dir.file("plain")) << "x";
  const auto path = m_dir.file("plain/telpanel.db");
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().detail.find("cannot open database " + path), std::string::npos)
      << db.error().detail;
}

TEST_F(DatabaseTest, UnusableDirectoryNamesThePath) {
  // A regular file where the directory should be: fails for root too, unlike a chmod.
  const auto blocker = m_dir.file("not-a-directory");
  std::ofstream(blocker) << "x";
  const auto path = blocker + "/telpanel.db";
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, core::ErrorCode::Database);
  EXPECT_NE(db.error().detail.find("cannot open database " + path), std::string::npos)
      << db.error().detail;
}

TEST_F(DatabaseTest, GarbageFileIsNotADatabase) {
  const auto path = m_dir.file("telpanel.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 200; ++i) out << "this is a text file, not SQLite\n";
  }
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, core::ErrorCode::Database);
  EXPECT_NE(db.error().detail.find("cannot open database " + path), std::string::npos)
      << db.error().detail;
  EXPECT_NE(db.error().detail.find("file is not a database"), std::string::npos)
      << db.error().detail;
}

TEST_F(DatabaseTest, ConstraintViolationIsDatabaseError) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db) << db.error().detail;
  auto insert = db->prepare(
      "INSERT INTO calls (call_id, direction, started_at) VALUES ('c-1', 'sideways', 0)");
  ASSERT_TRUE(insert);
  auto r = insert->run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::Database);
  EXPECT_NE(r.error().detail.find("CHECK constraint failed"), std::string::npos)
      << r.error().detail;
}

TEST_F(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  auto r = db->exec("INSERT INTO call_legs (call_ref, idx, started_at) VALUES (42, 0, 0)");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::Database);
  EXPECT_NE(r.error().detail.find("FOREIGN KEY"), std::string::npos) << r.error().detail;
}

TEST_F(DatabaseTest, FullDiskIsIoError) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE blobs (b BLOB)"));
  // Cap the file at its current size so the next page allocation fails with SQLITE_FULL.
  std::int64_t pages = 0;
  {
    auto count = db->prepare("PRAGMA page_count");
    ASSERT_TRUE(count);
    ASSERT_TRUE(*count->step());
    pages = count->column_int64(0);
  }
  ASSERT_TRUE(db->exec("PRAGMA max_page_count = " + std::to_string(pages)));
  auto r = db->exec("INSERT INTO blobs VALUES (zeroblob(1000000))");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::Io);
  EXPECT_NE(r.error().detail.find("disk full"), std::string::npos) << r.error().detail;
}

TEST_F(DatabaseTest, TransactionRollsBackOnError) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (x INTEGER)"));
  auto r = db->transaction([&]() -> core::Result<void> {
    if (auto ins = db->exec("INSERT INTO t VALUES (1)"); !ins) return ins;
    return core::make_error(core::ErrorCode::Internal, "stop");
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "stop");
  auto n = db->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(n);
  ASSERT_TRUE(*n->step());
  EXPECT_EQ(n->column_int64(0), 0);
}

TEST_F(DatabaseTest, StatementsAreReusedAndReset) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (x INTEGER, s TEXT)"));
  for (int i = 0; i < 3; ++i) {
    auto ins = db->prepare("INSERT INTO t VALUES (?1, ?2)");
    ASSERT_TRUE(ins);
    // ?2 is bound only once: a reused statement must not keep the old binding.
    if (i == 0) ins->bind(2, "first");
    ASSERT_TRUE(ins->bind(1, i).run());
  }
  auto sel = db->prepare("SELECT x, s FROM t ORDER BY x");
  ASSERT_TRUE(sel);
  ASSERT_TRUE(*sel->step());
  EXPECT_EQ(sel->column_optional_text(1), std::optional<std::string>("first"));
  ASSERT_TRUE(*sel->step());
  EXPECT_EQ(sel->column_optional_text(1), std::nullopt);
  EXPECT_EQ(sel->column_text(1), "");
}

TEST_F(DatabaseTest, BadSqlIsDatabaseError) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  auto st = db->prepare("SELEC nonsense");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::Database);
  EXPECT_NE(st.error().detail.find("SELEC nonsense"), std::string::npos) << st.error().detail;
}

TEST_F(DatabaseTest, MovedDatabaseKeepsWorking) {
  auto opened = Database::open(":memory:");
  ASSERT_TRUE(opened);
  Database db = std::move(*opened);
  ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER)"));
  auto st = db.prepare("INSERT INTO t VALUES (7)");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->run());
  EXPECT_EQ(db.changes(), 1);
}

}  // namespace
}  // namespace telpanel::store
