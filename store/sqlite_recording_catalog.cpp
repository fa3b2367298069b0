// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlite_recording_catalog.hpp"

#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace telpanel::store {

namespace {

std::int64_t to_ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

core::TimePoint from_ms(std::int64_t ms) {
  return core::TimePoint(
      std::chrono::duration_cast<core::Clock::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace

core::Result<std::int64_t> SqliteRecordingCatalog::add(const core::RecordingPart& part) {
  auto stmt = m_db.prepare(
      "INSERT INTO recordings (call_ref, part, location, started_at, duration_ms, error) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  stmt->bind(1, part.journal)
      .bind(2, part.part)
      .bind(3, part.location)
      .bind(4, to_ms(part.started_at))
      .bind(5, part.duration ? std::optional<std::int64_t>(part.duration->count()) : std::nullopt)
      .bind(6, part.error.empty() ? std::nullopt : std::optional<std::string>(part.error));
  if (auto r = stmt->run(); !r) return r.error();
  return m_db.last_insert_rowid();
}

core::Result<void> SqliteRecordingCatalog::finish(std::int64_t id,
                                                  std::chrono::milliseconds duration,
                                                  const std::string& error) {
  auto stmt = m_db.prepare("UPDATE recordings SET duration_ms = ?2, error = ?3 WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, id).bind(2, static_cast<std::int64_t>(duration.count()));
  stmt->bind(3, error.empty() ? std::nullopt : std::optional<std::string>(error));
  if (auto r = stmt->run(); !r) return r;
  if (m_db.changes() == 0)
    return core::make_error(core::ErrorCode::NotFound, "no recording " + std::to_string(id));
  return {};
}

core::Result<std::vector<core::RecordingPart>> SqliteRecordingCatalog::parts(
    core::JournalId journal) const {
  auto stmt = m_db.prepare(
      "SELECT id, call_ref, part, location, started_at, duration_ms, error FROM recordings "
      "WHERE call_ref = ?1 ORDER BY part");
  if (!stmt) return stmt.error();
  stmt->bind(1, journal);
  std::vector<core::RecordingPart> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    core::RecordingPart p;
    p.id = stmt->column_int64(0);
    p.journal = stmt->column_int64(1);
    p.part = static_cast<int>(stmt->column_int64(2));
    p.location = stmt->column_text(3);
    p.started_at = from_ms(stmt->column_int64(4));
    if (auto ms = stmt->column_optional_int64(5)) p.duration = std::chrono::milliseconds(*ms);
    p.error = stmt->column_text(6);
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<core::JournalId> SqliteRecordingCatalog::journal_for_call(
    const core::CallId& call) const {
  auto stmt = m_db.prepare("SELECT id FROM calls WHERE call_id = ?1 ORDER BY id DESC LIMIT 1");
  if (!stmt) return stmt.error();
  stmt->bind(1, call);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row)
    return core::make_error(core::ErrorCode::NotFound, "no call " + call + " in the journal");
  return stmt->column_int64(0);
}

core::Result<void> attach_recordings(Database& db, std::span<core::JournalEntry> entries) {
  if (entries.empty()) return {};
  std::unordered_map<core::JournalId, core::JournalEntry*> by_id;
  std::string ids;
  for (auto& e : entries) {
    by_id[e.id] = &e;
    ids += (ids.empty() ? "" : ",") + std::to_string(e.id);
  }
  // Ids are integers from the database itself, so listing them inline is safe; the statement
  // is not cached (its text changes with every page of the journal).
  auto stmt = db.prepare("SELECT call_ref, location FROM recordings WHERE call_ref IN (" + ids +
                         ") ORDER BY call_ref, part");
  if (!stmt) return stmt.error();
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    auto it = by_id.find(stmt->column_int64(0));
    if (it != by_id.end()) it->second->recordings.push_back(stmt->column_text(1));
  }
  return {};
}

}  // namespace telpanel::store
