// SPDX-License-Identifier: GPL-3.0-or-later
// store::SqliteRecordingCatalog and SqliteSettingsStore (schema v4): parts listed per call and
// shown in the journal's entries, durations and errors kept, settings upserted.
#include "store/sqlite_recording_catalog.hpp"

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "store/sqlite_settings_store.hpp"

namespace telpanel::store {
namespace {

using std::chrono::milliseconds;

class SqliteRecordingCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().detail;
    db = std::make_unique<Database>(std::move(*opened));
    history = std::make_unique<SqliteCallHistory>(*db);
    catalog = std::make_unique<SqliteRecordingCatalog>(*db);
  }
  core::JournalId add_call(const std::string& call_id) {
    core::JournalEntry e;
    e.call_id = call_id;
    e.started_at = core::TimePoint(milliseconds(1000));
    auto id = history->add(e);
    EXPECT_TRUE(id);
    return *id;
  }

  std::unique_ptr<Database> db;
  std::unique_ptr<SqliteCallHistory> history;
  std::unique_ptr<SqliteRecordingCatalog> catalog;
};

TEST_F(SqliteRecordingCatalogTest, PartsAreListedInOrderAndShownInTheJournal) {
  const auto a = add_call("c-1");
  const auto b = add_call("c-2");
  const core::TimePoint t(milliseconds(5000));
  auto p2 = catalog->add({0, a, 2, "/r/c-1-2.opus", t, {}, ""});
  auto p1 = catalog->add({0, a, 1, "/r/c-1-1.opus", t, {}, ""});
  ASSERT_TRUE(p1 && p2);
  ASSERT_TRUE(catalog->add({0, b, 1, "https://pbx/rec/9.opus", t, {}, ""}));
  ASSERT_TRUE(catalog->finish(*p1, milliseconds(4200), ""));
  ASSERT_TRUE(catalog->finish(*p2, milliseconds(100), "disk full"));
  EXPECT_EQ(catalog->finish(999, milliseconds(1), "").error().code, core::ErrorCode::NotFound);

  auto parts = catalog->parts(a);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].location, "/r/c-1-1.opus");
  EXPECT_EQ((*parts)[0].duration, milliseconds(4200));
  EXPECT_EQ((*parts)[0].error, "");
  EXPECT_EQ((*parts)[1].error, "disk full");
  EXPECT_EQ(*catalog->journal_for_call("c-2"), b);
  EXPECT_EQ(catalog->journal_for_call("c-9").error().code, core::ErrorCode::NotFound);

  auto recent = history->recent(10);
  ASSERT_TRUE(recent);
  for (const auto& e : *recent) {
    if (e.id == a) {
      EXPECT_EQ(e.recordings, (std::vector<std::string>{"/r/c-1-1.opus", "/r/c-1-2.opus"}));
    } else {
      EXPECT_EQ(e.recordings, (std::vector<std::string>{"https://pbx/rec/9.opus"}));
    }
  }
  EXPECT_EQ(history->get(b)->recordings.size(), 1u);
  // One part number per call.
  EXPECT_FALSE(catalog->add({0, a, 1, "/r/dup.opus", t, {}, ""}));
}

TEST_F(SqliteRecordingCatalogTest, SettingsAreUpserted) {
  SqliteSettingsStore store(*db);
  ASSERT_TRUE(store.save("recording", "always"));
  ASSERT_TRUE(store.save("recording", "never"));
  ASSERT_TRUE(store.save("action_url", "https://x/{number}"));
  auto all = store.load();
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, (std::vector<std::pair<std::string, std::string>>{
                      {"action_url", "https://x/{number}"}, {"recording", "never"}}));
}

}  // namespace
}  // namespace telpanel::store
