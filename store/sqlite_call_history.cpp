// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's SQL: rows of calls and call_legs <-> core::JournalEntry. Main thread.
#include "store/sqlite_call_history.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/database.hpp"
#include "store/sqlite_recording_catalog.hpp"

namespace telpanel::store {

namespace {

using core::ErrorCode;
using core::JournalEntry;
using core::JournalId;
using core::Result;
using core::TimePoint;

std::int64_t to_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_ms(std::int64_t ms) {
  return TimePoint(
      std::chrono::duration_cast<core::Clock::duration>(std::chrono::milliseconds(ms)));
}

std::optional<std::int64_t> to_ms(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return to_ms(*t);
}

std::optional<TimePoint> from_ms(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return from_ms(*ms);
}

core::EndedBy ended_by_from(const std::string& text) {
  if (text == "local") return core::EndedBy::Local;
  if (text == "remote") return core::EndedBy::Remote;
  return core::EndedBy::System;
}

core::Error not_found(JournalId id) {
  return core::make_error(ErrorCode::NotFound, "no journal entry " + std::to_string(id));
}

// The columns read_entry() expects, in its order; get() and recent() append their clauses.
constexpr std::string_view select_calls =
    "SELECT id, call_id, direction, account, local_party, remote_party, remote_display, "
    "started_at, answered_at, ended_at, ended_by, sip_status, end_reason, end_detail FROM calls ";

JournalEntry read_entry(const Statement& row) {
  JournalEntry e;
  e.id = row.column_int64(0);
  e.call_id = row.column_text(1);
  e.direction = row.column_text(2) == "incoming" ? core::CallDirection::Incoming
                                                 : core::CallDirection::Outgoing;
  e.account = row.column_text(3);
  e.local_party = row.column_text(4);
  e.remote_party = row.column_text(5);
  e.remote_display = row.column_text(6);
  e.started_at = from_ms(row.column_int64(7));
  e.answered_at = from_ms(row.column_optional_int64(8));
  e.ended_at = from_ms(row.column_optional_int64(9));
  if (!row.column_is_null(10)) {
    e.end = core::CallEnd{ended_by_from(row.column_text(10)),
                          static_cast<int>(row.column_optional_int64(11).value_or(0)),
                          row.column_text(12), row.column_text(13)};
  }
  return e;
}

// Legs are read as (call_ref, idx, party, started_at, answered_at, ended_at).
core::CallLeg read_leg(const Statement& row) {
  return core::CallLeg{static_cast<int>(row.column_int64(1)), row.column_text(2),
                       from_ms(row.column_int64(3)), from_ms(row.column_optional_int64(4)),
                       from_ms(row.column_optional_int64(5))};
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

Result<JournalId> SqliteCallHistory::add(const JournalEntry& entry) {
  JournalId id = 0;
  auto r = m_db.transaction([&]() -> Result<void> {
    auto call = m_db.prepare(
        "INSERT INTO calls (call_id, direction, account, local_party, remote_party, "
        "remote_display, started_at, answered_at, ended_at, ended_by, sip_status, end_reason, "
        "end_detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!call) return call.error();
    call->bind(1, entry.call_id)
        .bind(2, core::call_direction_name(entry.direction))
        .bind(3, entry.account)
        .bind(4, entry.local_party)
        .bind(5, entry.remote_party)
        .bind(6, entry.remote_display)
        .bind(7, to_ms(entry.started_at))
        .bind(8, to_ms(entry.answered_at))
        .bind(9, to_ms(entry.ended_at));
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
      auto ins = m_db.prepare(
          "INSERT INTO call_legs (call_ref, idx, party, started_at, answered_at, ended_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      if (!ins) return ins.error();
      ins->bind(1, id)
          .bind(2, leg.index)
          .bind(3, leg.party)
          .bind(4, to_ms(leg.started_at))
          .bind(5, to_ms(leg.answered_at))
          .bind(6, to_ms(leg.ended_at));
      if (auto done = ins->run(); !done) return done;
    }
    return {};
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
    return leg->bind(1, id).bind(2, to_ms(at)).run();
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
    return legs->bind(1, id).bind(2, to_ms(at)).run();
  });
}

Result<void> SqliteCallHistory::touch(JournalId id, TimePoint at) {
  return update_call(m_db, "UPDATE calls SET alive_at = ?2 WHERE id = ?1", id, at);
}

Result<int> SqliteCallHistory::recover_unfinished() {
  int closed = 0;
  // The end is the last moment the call is known to have been alive: the last touch, else the
  // answer, else the start. MAX() guards against a touch older than the answer.
  auto r = m_db.transaction([&]() -> Result<void> {
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
  std::unordered_map<JournalId, std::size_t> position;
  for (;;) {
    auto row = calls->step();
    if (!row) return row.error();
    if (!*row) break;
    position.emplace(calls->column_int64(0), out.size());
    out.push_back(read_entry(*calls));
  }
  if (out.empty()) return out;
  // All legs of those calls in one query, rather than one query per call.
  auto legs = m_db.prepare(
      "SELECT call_ref, idx, party, started_at, answered_at, ended_at FROM call_legs "
      "WHERE call_ref IN (SELECT id FROM calls ORDER BY started_at DESC, id DESC LIMIT ?1) "
      "ORDER BY call_ref, idx");
  if (!legs) return legs.error();
  legs->bind(1, limit);
  for (;;) {
    auto row = legs->step();
    if (!row) return row.error();
    if (!*row) break;
    auto it = position.find(legs->column_int64(0));
    if (it != position.end()) out[it->second].legs.push_back(read_leg(*legs));
  }
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
  auto legs = m_db.prepare(
      "SELECT call_ref, idx, party, started_at, answered_at, ended_at FROM call_legs "
      "WHERE call_ref = ?1 ORDER BY idx");
  if (!legs) return legs.error();
  legs->bind(1, id);
  for (;;) {
    auto leg = legs->step();
    if (!leg) return leg.error();
    if (!*leg) break;
    entry.legs.push_back(read_leg(*legs));
  }
  if (auto r = attach_recordings(m_db, std::span(&entry, 1)); !r) return r.error();
  return entry;
}

}  // namespace telpanel::store
