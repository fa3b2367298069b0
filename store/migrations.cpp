// SPDX-License-Identifier: GPL-3.0-or-later
// Schema steps v1..vN and the code that applies them. Main thread.
#include "store/migrations.hpp"

#include <string>

#include "store/database.hpp"

namespace telpanel::store {

namespace {

// Times are unix milliseconds (UTC). A NULL ended_at marks a call still open (or left open by a
// crash, see SqliteCallHistory::recover_unfinished); alive_at is the last sign of life.
constexpr const char* v1_calls = R"sql(
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  account TEXT NOT NULL DEFAULT '',
  local_party TEXT NOT NULL DEFAULT '',
  remote_party TEXT NOT NULL DEFAULT '',
  remote_display TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  alive_at INTEGER,
  ended_by TEXT CHECK (ended_by IN ('local', 'remote', 'system')),
  sip_status INTEGER,
  end_reason TEXT,
  end_detail TEXT
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_open ON calls (started_at) WHERE ended_at IS NULL;
CREATE TABLE call_legs (
  call_ref INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  party TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  PRIMARY KEY (call_ref, idx)
) WITHOUT ROWID;
)sql";

// v4 (REC-1, ACT-1..3): a call's recorded parts (a file path or an http(s) URL each) and the
// user's personal settings as key/value text (validated by core::PersonalSettings).
constexpr const char* v4_recordings_settings = R"sql(
CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  call_ref INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  location TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER,
  error TEXT,
  UNIQUE (call_ref, part)
);
CREATE TABLE personal_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Append new steps here; numbers are reserved per feature so branches merge without clashes:
// v2 client directory, v3 journal statuses/comments/columns, v4 recordings and personal
// settings, v5 chat outbox, v6 transfers (legs), v7 own presence.
// Append, and a seed for the previous version in
// tests/store/migrations_test.cpp so the upgrade from it is tested.
constexpr Migration all_steps[] = {
    {1, v1_calls},
    {4, v4_recordings_settings},
};

}  // namespace

std::span<const Migration> migrations() { return all_steps; }

int latest_schema_version() { return all_steps[std::size(all_steps) - 1].version; }

core::Result<int> schema_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? static_cast<int>(stmt->column_int64(0)) : 0;
}

core::Result<void> migrate(Database& db, std::span<const Migration> steps) {
  auto current = schema_version(db);
  if (!current) return current.error();
  const int supported = steps.empty() ? 0 : steps.back().version;
  if (*current > supported) {
    return core::make_error(core::ErrorCode::Database,
                            "database schema version " + std::to_string(*current) +
                                " is newer than this telpanel supports (" +
                                std::to_string(supported) + ")");
  }
  for (const auto& step : steps) {
    if (step.version <= *current) continue;
    auto r = db.transaction([&]() -> core::Result<void> {
      if (auto applied = db.exec(step.sql); !applied) return applied;
      // user_version is transactional: the step and its number commit together.
      return db.exec("PRAGMA user_version = " + std::to_string(step.version));
    });
    if (!r) {
      return core::make_error(r.error().code, "schema upgrade to version " +
                                                  std::to_string(step.version) +
                                                  " failed: " + r.error().detail);
    }
  }
  return {};
}

}  // namespace telpanel::store
