// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's SQL: rows of calls and call_legs <-> core::JournalEntry. Main thread.
#include "store/sqlite_call_history.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/database.hpp"
#include "store/journal_derivation.hpp"
#include "store/journal_rows.hpp"
#include "store/sqlite_recording_catalog.hpp"

namespace telpanel::store {

namespace {

using core::ErrorCode;
using core::JournalEntry;
using core::JournalId;
using core::Result;
using core::TimePoint;

const core::SystemLocalCalendar kSystemCalendar;

core::Error not_found(JournalId id) { return journal_not_found(id); }

const std::string_view select_calls = kSelectCalls;

Result<void> insert_leg(Database& db, JournalId id, const core::CallLeg& leg) {
  auto ins = db.prepare(
      "INSERT INTO call_legs (call_ref, idx, party, started_at, answered_at, ended_at, kind, "
      "transferred_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!ins) return ins.error();
  return ins->bind(1, id)
      .bind(2, leg.index)
      .bind(3, leg.party)
      .bind(4, to_ms(leg.started_at))
      .bind(5, to_ms(leg.answered_at))
      .bind(6, to_ms(leg.ended_at))
      .bind(7, leg.kind)
      .bind(8, leg.transferred_by)
      .run();
}

// An UPDATE of one call by id (?1) at a time (?2); NotFound when no row matched.
Result<void> update_call(Database& db, const char* sql, JournalId id, TimePoint at) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  if (auto r = stmt->bind(1, id).bind(2, to_ms(at)).run(); !r) return r;
  if (db.changes() == 0) return not_found(id);
  return {};
}

}  // namespace

SqliteCallHistory::SqliteCallHistory(Database& db) : m_db(db), m_calendar(kSystemCalendar) {}

Result<JournalId> SqliteCallHistory::add(const JournalEntry& entry) {
  JournalId id = 0;
  auto r = m_db.transaction([&]() -> Result<void> {
    auto call = m_db.prepare(
        "INSERT INTO calls (call_id, direction, account, local_party, remote_party, "
        "remote_display, started_at, answered_at, ended_at, ended_by, sip_status, end_reason, "
        "end_detail, remote_number, internal) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!call) return call.error();
    call->bind(1, entry.call_id)
        .bind(2, core::call_direction_name(entry.direction))
        .bind(3, entry.account)
        .bind(4, entry.local_party)
        .bind(5, entry.remote_party)
        .bind(6, entry.remote_display)
        .bind(7, to_ms(entry.started_at))
        .bind(8, to_ms(entry.answered_at))
        .bind(9, to_ms(entry.ended_at))
        .bind(14, entry.remote_number)
        .bind(15, entry.internal ? 1 : 0);
    if (entry.end) {
      call->bind(10, core::ended_by_name(entry.end->by))
          .bind(11, entry.end->sip_status != 0 ? std::optional<std::int64_t>(entry.end->sip_status)
                                               : std::nullopt)
          .bind(12, entry.end->reason)
          .bind(13, entry.end->detail);
    }
    if (auto done = call->run(); !done) return done;
    id = m_db.last_insert_rowid();
    for (const auto& leg : entry.legs) {
      if (auto done = insert_leg(m_db, id, leg); !done) return done;
    }
    return rederive_number_of(m_db, id, m_calendar);
  });
  if (!r) return r.error();
  return id;
}

Result<void> SqliteCallHistory::mark_answered(JournalId id, TimePoint at) {
  return m_db.transaction([&]() -> Result<void> {
    if (auto r = update_call(m_db, "UPDATE calls SET answered_at = ?2 WHERE id = ?1", id, at); !r)
      return r;
    auto leg =
        m_db.prepare("UPDATE call_legs SET answered_at = ?2 WHERE call_ref = ?1 AND idx = 0");
    if (!leg) return leg.error();
    if (auto r = leg->bind(1, id).bind(2, to_ms(at)).run(); !r) return r;
    return rederive_number_of(m_db, id, m_calendar);
  });
}

Result<void> SqliteCallHistory::mark_ended(JournalId id, TimePoint at, const core::CallEnd& end) {
  return m_db.transaction([&]() -> Result<void> {
    auto call = m_db.prepare(
        "UPDATE calls SET ended_at = ?2, ended_by = ?3, sip_status = ?4, end_reason = ?5, "
        "end_detail = ?6 WHERE id = ?1");
    if (!call) return call.error();
    call->bind(1, id)
        .bind(2, to_ms(at))
        .bind(3, core::ended_by_name(end.by))
        .bind(4, end.sip_status != 0 ? std::optional<std::int64_t>(end.sip_status) : std::nullopt)
        .bind(5, end.reason)
        .bind(6, end.detail);
    if (auto r = call->run(); !r) return r;
    if (m_db.changes() == 0) return not_found(id);
    auto legs =
        m_db.prepare("UPDATE call_legs SET ended_at = ?2 WHERE call_ref = ?1 AND ended_at IS NULL");
    if (!legs) return legs.error();
    if (auto r = legs->bind(1, id).bind(2, to_ms(at)).run(); !r) return r;
    return rederive_number_of(m_db, id, m_calendar);
  });
}

Result<int> SqliteCallHistory::add_leg(JournalId id, const core::CallLeg& leg) {
  int index = 0;
  auto r = m_db.transaction([&]() -> Result<void> {
    auto next = m_db.prepare(
        "SELECT (SELECT COALESCE(MAX(idx) + 1, 0) FROM call_legs WHERE call_ref = ?1), "
        "(SELECT count(*) FROM calls WHERE id = ?1)");
    if (!next) return next.error();
    next->bind(1, id);
    auto row = next->step();
    if (!row) return row.error();
    if (!*row || next->column_int64(1) == 0) return not_found(id);
    index = static_cast<int>(next->column_int64(0));
    core::CallLeg copy = leg;
    copy.index = index;
    return insert_leg(m_db, id, copy);
  });
  if (!r) return r.error();
  return index;
}

Result<void> SqliteCallHistory::mark_leg_answered(JournalId id, int index, TimePoint at) {
  auto leg = m_db.prepare("UPDATE call_legs SET answered_at = ?2 WHERE call_ref = ?1 AND idx = ?3");
  if (!leg) return leg.error();
  if (auto r = leg->bind(1, id).bind(2, to_ms(at)).bind(3, index).run(); !r) return r;
  if (m_db.changes() == 0)
    return core::make_error(ErrorCode::NotFound, "no leg " + std::to_string(index) +
                                                     " in journal entry " + std::to_string(id));
  return {};
}

Result<void> SqliteCallHistory::touch(JournalId id, TimePoint at) {
  return update_call(m_db, "UPDATE calls SET alive_at = ?2 WHERE id = ?1", id, at);
}

Result<int> SqliteCallHistory::recover_unfinished() {
  int closed = 0;
  // The end is the last moment the call is known to have been alive: the last touch, else the
  // answer, else the start. MAX() guards against a touch older than the answer.
  auto r = m_db.transaction([&]() -> Result<void> {
    std::vector<JournalId> open;
    auto find = m_db.prepare("SELECT id FROM calls WHERE ended_at IS NULL");
    if (!find) return find.error();
    for (;;) {
      auto row = find->step();
      if (!row) return row.error();
      if (!*row) break;
      open.push_back(find->column_int64(0));
    }
    auto legs = m_db.prepare(
        "UPDATE call_legs SET ended_at = (SELECT MAX(call_legs.started_at, "
        "COALESCE(c.alive_at, c.answered_at, c.started_at), "
        "COALESCE(c.answered_at, c.started_at)) FROM calls c WHERE c.id = call_legs.call_ref) "
        "WHERE ended_at IS NULL AND call_ref IN (SELECT id FROM calls WHERE ended_at IS NULL)");
    if (!legs) return legs.error();
    if (auto done = legs->run(); !done) return done;
    auto calls = m_db.prepare(
        "UPDATE calls SET ended_at = MAX(COALESCE(alive_at, answered_at, started_at), "
        "COALESCE(answered_at, started_at)), ended_by = 'system', sip_status = NULL, "
        "end_reason = 'interrupted', end_detail = 'telpanel stopped during the call' "
        "WHERE ended_at IS NULL");
    if (!calls) return calls.error();
    if (auto done = calls->run(); !done) return done;
    closed = m_db.changes();
    for (JournalId id : open) {
      if (auto d = rederive_number_of(m_db, id, m_calendar); !d) return d;
    }
    return {};
  });
  if (!r) return r.error();
  return closed;
}

Result<std::vector<JournalEntry>> SqliteCallHistory::recent(int limit) const {
  if (limit < 0) return core::make_error(ErrorCode::InvalidArgument, "negative journal limit");
  std::vector<JournalEntry> out;
  if (limit == 0) return out;
  static const std::string sql =
      std::string(select_calls) + "ORDER BY started_at DESC, id DESC LIMIT ?1";
  auto calls = m_db.prepare(sql);
  if (!calls) return calls.error();
  calls->bind(1, limit);
  for (;;) {
    auto row = calls->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(read_entry(*calls));
  }
  if (auto legs = read_legs(m_db, out); !legs) return legs.error();
  if (auto r = attach_recordings(m_db, out); !r) return r.error();
  return out;
}

Result<JournalEntry> SqliteCallHistory::get(JournalId id) const {
  static const std::string sql = std::string(select_calls) + "WHERE id = ?1";
  auto call = m_db.prepare(sql);
  if (!call) return call.error();
  call->bind(1, id);
  auto row = call->step();
  if (!row) return row.error();
  if (!*row) return not_found(id);
  JournalEntry entry = read_entry(*call);
  if (auto legs = read_legs(m_db, entry); !legs) return legs.error();
  if (auto r = attach_recordings(m_db, std::span(&entry, 1)); !r) return r.error();
  return entry;
}

}  // namespace telpanel::store
