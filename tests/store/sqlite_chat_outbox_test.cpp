// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteChatOutbox: entries and copies of their files survive a reopen, come back in order,
// attempts are counted, and sending removes the copies.
#include "store/sqlite_chat_outbox.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/database.hpp"
#include "tests/store/temp_dir.hpp"

namespace telpanel::store {
namespace {

TEST(SqliteChatOutbox, SurvivesReopenInOrderWithFileCopies) {
  tests::TempDir dir;
  const auto db_path = dir.file("telpanel.db");
  const auto files = dir.file("outbox");
  const auto original = dir.file("photo.jpg");
  std::ofstream(original, std::ios::binary) << "JPEG";
  {
    auto db = Database::open(db_path);
    ASSERT_TRUE(db) << db.error().detail;
    SqliteChatOutbox outbox(*db, files);
    core::OutboxEntry a;
    a.conversation = 5;
    a.message.text = "first";
    a.take_first = true;
    a.created_at = 100;
    a.message.files.push_back({original, "photo.jpg", "image/jpeg"});
    core::OutboxEntry b;
    b.conversation = 5;
    b.message.text = "second";
    b.message.is_private = true;
    ASSERT_TRUE(outbox.add(a));
    ASSERT_TRUE(outbox.add(b));
    ASSERT_TRUE(outbox.mark_attempt(1, 200));
    ASSERT_TRUE(outbox.mark_attempt(1, 300));
  }
  std::filesystem::remove(original);  // the outbox has its own copy
  auto db = Database::open(db_path);
  ASSERT_TRUE(db);
  SqliteChatOutbox outbox(*db, files);
  auto pending = outbox.pending();
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  const auto& a = (*pending)[0];
  EXPECT_EQ(a.message.text, "first");
  EXPECT_TRUE(a.take_first);
  EXPECT_EQ(a.attempts, 2);
  EXPECT_EQ(a.first_attempt_at, 200);
  ASSERT_EQ(a.message.files.size(), 1u);
  const auto copy = a.message.files[0].path;
  EXPECT_TRUE(std::filesystem::exists(copy));
  EXPECT_EQ(a.message.files[0].content_type, "image/jpeg");
  EXPECT_TRUE((*pending)[1].message.is_private);

  ASSERT_TRUE(outbox.mark_sent(1, 777));
  EXPECT_FALSE(std::filesystem::exists(copy));
  ASSERT_TRUE(outbox.mark_state(2, core::OutboxState::Held, "taken by Boris"));
  EXPECT_TRUE(outbox.pending()->empty());
  auto unsent = outbox.unsent(5);
  ASSERT_EQ(unsent->size(), 1u);
  EXPECT_EQ((*unsent)[0].error, "taken by Boris");
  EXPECT_EQ(*outbox.sent_ids(5), std::vector<std::int64_t>{777});
}

TEST(SqliteChatOutbox, MissingFileStoresNothing) {
  tests::TempDir dir;
  auto db = Database::open(dir.file("telpanel.db"));
  ASSERT_TRUE(db);
  SqliteChatOutbox outbox(*db, dir.file("outbox"));
  core::OutboxEntry e;
  e.conversation = 1;
  e.message.files.push_back({dir.file("gone.pdf"), "gone.pdf", ""});
  auto r = outbox.add(e);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("gone.pdf"), std::string::npos);
  EXPECT_TRUE(outbox.pending()->empty());
}

}  // namespace
}  // namespace telpanel::store
