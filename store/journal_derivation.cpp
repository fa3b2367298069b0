// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/journal_derivation.hpp"

#include <string>
#include <vector>

#include "core/journal_rules.hpp"
#include "store/database.hpp"
#include "store/journal_rows.hpp"

namespace telpanel::store {

namespace {

struct Row {
  core::JournalId id;
  core::CallFacts facts;
  core::DerivedValues stored;
};

constexpr const char* kFactsColumns =
    "SELECT id, direction, internal, started_at, answered_at IS NOT NULL, ended_at IS NOT NULL, "
    "attention_cleared, status, new_number, needs_attention FROM calls ";

Row read_row(const Statement& st) {
  Row r;
  r.id = st.column_int64(0);
  r.facts.direction = st.column_text(1) == "incoming" ? core::CallDirection::Incoming
                                                      : core::CallDirection::Outgoing;
  r.facts.internal = st.column_int64(2) != 0;
  r.facts.started_at = from_ms(st.column_int64(3));
  r.facts.answered = st.column_int64(4) != 0;
  r.facts.ended = st.column_int64(5) != 0;
  r.facts.attention_cleared = st.column_int64(6) != 0;
  if (auto s = st.column_optional_text(7)) r.stored.status = core::parse_call_status(*s);
  r.stored.new_number = st.column_int64(8) != 0;
  r.stored.needs_attention = st.column_int64(9) != 0;
  return r;
}

core::Result<std::vector<Row>> read_rows(Statement& st) {
  std::vector<Row> rows;
  for (;;) {
    auto more = st.step();
    if (!more) return more.error();
    if (!*more) return rows;
    rows.push_back(read_row(st));
  }
}

core::Result<bool> exists(Database& db, const char* sql, const std::string& number,
                          std::int64_t before) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind(1, number).bind(2, before);
  auto row = st->step();
  if (!row) return row.error();
  return *row;
}

core::Result<void> write_changes(Database& db, const std::vector<Row>& rows,
                                 const std::vector<core::DerivedValues>& derived) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].stored == derived[i]) continue;  // most rows of a day do not change
    auto up = db.prepare(
        "UPDATE calls SET status = ?2, new_number = ?3, needs_attention = ?4 WHERE id = ?1");
    if (!up) return up.error();
    const auto& d = derived[i];
    up->bind(1, rows[i].id)
        .bind(2, d.status ? std::optional<std::string>(core::call_status_name(*d.status))
                          : std::nullopt)
        .bind(3, d.new_number ? 1 : 0)
        .bind(4, d.needs_attention ? 1 : 0);
    if (auto r = up->run(); !r) return r;
  }
  return {};
}

}  // namespace

core::Result<void> rederive_number_of(Database& db, core::JournalId id,
                                      const core::LocalCalendar& calendar) {
  auto key = db.prepare("SELECT remote_number, started_at FROM calls WHERE id = ?1");
  if (!key) return key.error();
  key->bind(1, id);
  auto found = key->step();
  if (!found) return found.error();
  if (!*found) return journal_not_found(id);
  if (key->column_is_null(0)) return {};
  const std::string number = key->column_text(0);
  const std::int64_t started = key->column_int64(1);

  std::vector<Row> rows;
  core::NumberPast past;
  if (number.empty()) {
    // No number to match on: the call stands alone (a first and only contact).
    auto one = db.prepare(std::string(kFactsColumns) + "WHERE id = ?1");
    if (!one) return one.error();
    one->bind(1, id);
    auto r = read_rows(*one);
    if (!r) return r.error();
    rows = std::move(*r);
  } else {
    const std::int64_t day_start = to_ms(calendar.start_of_day(from_ms(started)));
    auto any = exists(db,
                      "SELECT 1 FROM calls WHERE remote_number = ?1 AND started_at < ?2 "
                      "AND internal = 0 LIMIT 1",
                      number, day_start);
    if (!any) return any.error();
    auto answered = exists(db,
                           "SELECT 1 FROM calls WHERE remote_number = ?1 AND started_at < ?2 "
                           "AND internal = 0 AND answered_at IS NOT NULL LIMIT 1",
                           number, day_start);
    if (!answered) return answered.error();
    past = core::NumberPast{*any, *answered};
    // Everything from the day on: in normal use that is today's few calls; after an
    // out-of-order insert (backfill) it is what the change can affect.
    auto st = db.prepare(std::string(kFactsColumns) +
                         "WHERE remote_number = ?1 AND started_at >= ?2 ORDER BY started_at, id");
    if (!st) return st.error();
    st->bind(1, number).bind(2, day_start);
    auto r = read_rows(*st);
    if (!r) return r.error();
    rows = std::move(*r);
  }
  std::vector<core::CallFacts> facts;
  facts.reserve(rows.size());
  for (const auto& r : rows) facts.push_back(r.facts);
  return write_changes(db, rows, core::derive_for_number(facts, past, calendar));
}

}  // namespace telpanel::store
