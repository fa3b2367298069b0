// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/journal_rows.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace telpanel::store {

namespace {

core::EndedBy ended_by_from(const std::string& text) {
  if (text == "local") return core::EndedBy::Local;
  if (text == "remote") return core::EndedBy::Remote;
  return core::EndedBy::System;
}

}  // namespace

std::int64_t to_ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

core::TimePoint from_ms(std::int64_t ms) {
  return core::TimePoint(
      std::chrono::duration_cast<core::Clock::duration>(std::chrono::milliseconds(ms)));
}

std::optional<std::int64_t> to_ms(const std::optional<core::TimePoint>& t) {
  if (!t) return std::nullopt;
  return to_ms(*t);
}

std::optional<core::TimePoint> from_ms(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return from_ms(*ms);
}

core::Error journal_not_found(core::JournalId id) {
  return core::make_error(core::ErrorCode::NotFound, "no journal entry " + std::to_string(id));
}

const std::string_view kSelectCalls =
    "SELECT id, call_id, direction, account, local_party, remote_party, remote_display, "
    "started_at, answered_at, ended_at, ended_by, sip_status, end_reason, end_detail, "
    "remote_number, internal, status, new_number, needs_attention, attention_cleared, comment, "
    // The client directory's owner of the number (DIR-6): one lookup in the unique index on
    // client_phones.number_key per row, so a page of 100 costs 100 index probes.
    "(SELECT p.client_id FROM client_phones p WHERE p.number_key = calls.remote_number), "
    "(SELECT c.name FROM client_phones p JOIN clients c ON c.id = p.client_id "
    "WHERE p.number_key = calls.remote_number) "
    "FROM calls ";

core::JournalEntry read_entry(const Statement& row) {
  core::JournalEntry e;
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
  e.remote_number = row.column_text(14);
  e.internal = row.column_int64(15) != 0;
  if (auto s = row.column_optional_text(16)) e.status = core::parse_call_status(*s);
  e.new_number = row.column_int64(17) != 0;
  e.needs_attention = row.column_int64(18) != 0;
  e.attention_cleared = row.column_int64(19) != 0;
  e.comment = row.column_text(20);
  e.client_id = row.column_optional_int64(21);
  e.client_name = row.column_text(22);
  return e;
}

const std::string_view kSelectLegs =
    "SELECT call_ref, idx, party, started_at, answered_at, ended_at, kind, transferred_by "
    "FROM call_legs ";

core::CallLeg read_leg(const Statement& row) {
  return core::CallLeg{static_cast<int>(row.column_int64(1)),
                       row.column_text(2),
                       from_ms(row.column_int64(3)),
                       from_ms(row.column_optional_int64(4)),
                       from_ms(row.column_optional_int64(5)),
                       row.column_text(6),
                       row.column_text(7)};
}

core::Result<void> read_legs(Database& db, core::JournalEntry& entry) {
  static const std::string sql = std::string(kSelectLegs) + "WHERE call_ref = ?1 ORDER BY idx";
  auto legs = db.prepare(sql);
  if (!legs) return legs.error();
  legs->bind(1, entry.id);
  for (;;) {
    auto row = legs->step();
    if (!row) return row.error();
    if (!*row) return {};
    entry.legs.push_back(read_leg(*legs));
  }
}

core::Result<void> read_legs(Database& db, std::vector<core::JournalEntry>& entries) {
  // One query per chunk of calls rather than one per call; chunks stay far below SQLite's
  // limit on bound parameters.
  constexpr std::size_t kChunk = 500;
  std::unordered_map<core::JournalId, std::size_t> position;
  for (std::size_t i = 0; i < entries.size(); ++i) position.emplace(entries[i].id, i);
  for (std::size_t begin = 0; begin < entries.size(); begin += kChunk) {
    const std::size_t end = std::min(entries.size(), begin + kChunk);
    std::string sql = std::string(kSelectLegs) + "WHERE call_ref IN (";
    for (std::size_t i = begin; i < end; ++i) sql += i == begin ? "?" : ", ?";
    sql += ") ORDER BY call_ref, idx";
    auto legs = db.prepare(sql);
    if (!legs) return legs.error();
    for (std::size_t i = begin; i < end; ++i)
      legs->bind(static_cast<int>(i - begin + 1), entries[i].id);
    for (;;) {
      auto row = legs->step();
      if (!row) return row.error();
      if (!*row) break;
      auto it = position.find(legs->column_int64(0));
      if (it != position.end()) entries[it->second].legs.push_back(read_leg(*legs));
    }
  }
  return {};
}

}  // namespace telpanel::store
