// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRecordingCatalog: core::RecordingCatalog on the recordings table (schema v4), and the
// helper that fills JournalEntry::recordings for the journal's readers. Main thread.
#pragma once

#include <span>

#include "core/recording_catalog.hpp"

namespace telpanel::store {

class Database;

class SqliteRecordingCatalog final : public core::RecordingCatalog {
 public:
  explicit SqliteRecordingCatalog(Database& db) : m_db(db) {}

  core::Result<std::int64_t> add(const core::RecordingPart& part) override;
  core::Result<void> finish(std::int64_t id, std::chrono::milliseconds duration,
                            const std::string& error) override;
  core::Result<std::vector<core::RecordingPart>> parts(core::JournalId journal) const override;
  core::Result<core::JournalId> journal_for_call(const core::CallId& call) const override;

 private:
  Database& m_db;
};

/// Sets each entry's `recordings` (locations of its parts, in order) with one query.
core::Result<void> attach_recordings(Database& db, std::span<core::JournalEntry> entries);

}  // namespace telpanel::store
