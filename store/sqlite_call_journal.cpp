// SPDX-License-Identifier: GPL-3.0-or-later
// The journal query as SQL (indexes in store/migrations.cpp v3), annotations and columns.
// Main thread.
#include "store/sqlite_call_journal.hpp"

#include <cctype>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "core/journal_rules.hpp"
#include "store/database.hpp"
#include "store/journal_derivation.hpp"
#include "store/journal_rows.hpp"
#include "store/sqlite_recording_catalog.hpp"
#include "store/text_fold.hpp"

namespace telpanel::store {

namespace {

using core::JournalId;
using core::Result;

}  // namespace

// Values bound in order: the SQL text names them ?1, ?2, ...
struct SqlBinds {
  std::vector<std::variant<std::int64_t, std::string>> values;
  std::string add(std::int64_t v) {
    values.emplace_back(v);
    return "?" + std::to_string(values.size());
  }
  std::string add(std::string v) {
    values.emplace_back(std::move(v));
    return "?" + std::to_string(values.size());
  }
  void apply(Statement& st) const {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&values[i]))
        st.bind(static_cast<int>(i) + 1, *n);
      else
        st.bind(static_cast<int>(i) + 1, std::get<std::string>(values[i]));
    }
  }
};

namespace {

std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// An FTS5 phrase: the text in double quotes, quotes doubled. With the trigram tokenizer a
// phrase matches as a substring.
std::string fts_phrase(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// More matches than this and walking the newest calls with LIKE finds a page sooner than
// sorting every match.
constexpr int kSparseMatches = 2000;

}  // namespace

// JRN-5: a number in any formatting (or part of one), else a name, address or comment.
// Terms of 3+ characters go through the trigram index (calls_search) when they are rare;
// common or shorter terms are filtered with LIKE while walking calls newest first.
namespace {

// JRN-5: calls with a number of a client (or contact person) whose name matches, through the
// directory's folded names: trigram FTS5 from three characters, a LIKE scan below that.
std::string client_clause(std::string_view search, SqlBinds& b) {
  const std::string folded = fold_for_search(search);
  if (utf8_length(folded) >= 3) {
    const std::string phrase = b.add(fts_phrase(folded));
    return "remote_number IN (SELECT number_key FROM client_phones WHERE client_id IN "
           "(SELECT rowid FROM clients_fts WHERE clients_fts MATCH " +
           phrase +
           ") OR contact_id IN (SELECT rowid FROM contact_persons_fts WHERE "
           "contact_persons_fts MATCH " +
           phrase + "))";
  }
  const std::string p = b.add(like_pattern(folded));
  return "remote_number IN (SELECT number_key FROM client_phones WHERE client_id IN "
         "(SELECT id FROM clients WHERE search_text LIKE " +
         p +
         " ESCAPE '\\') OR contact_id IN (SELECT id FROM contact_persons WHERE search_name "
         "LIKE " +
         p + " ESCAPE '\\'))";
}

}  // namespace

Result<std::string> SqliteCallJournal::search_clause(std::string_view search, SqlBinds& b) const {
  std::string digits;
  bool letters = false;
  for (char ch : search) {
    if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    if (std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80)
      letters = true;
  }
  const bool number = !letters && !digits.empty();
  // The normaliser's key finds the number however it was typed; the last ten digits (a
  // national number without its trunk or country prefix) find it when the key cannot, and a
  // shorter part finds every number containing it.
  const std::string term = number
                               ? (digits.size() > 10 ? digits.substr(digits.size() - 10) : digits)
                               : std::string(search);
  const std::string key = number ? m_numbers.normalize(search).value : "";
  if (number && digits.size() >= 10) {
    // A whole number: two indexed equalities (calls_number, calls_number_tail).
    return "(remote_number = " + b.add(key) + " OR substr(remote_number, -10) = " + b.add(term) +
           ")";
  }
  if (utf8_length(term) >= 3) {
    const std::string match = number ? "remote_number : " + fts_phrase(term) : fts_phrase(term);
    // The hits go to a temporary table, so the index is searched once, not again inside the
    // main query.
    if (auto r = m_db.exec("CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY);"
                           "DELETE FROM temp.search_hits");
        !r)
      return r.error();
    auto fill = m_db.prepare(
        "INSERT INTO temp.search_hits SELECT rowid FROM calls_search WHERE calls_search MATCH ?1 "
        "LIMIT ?2");
    if (!fill) return fill.error();
    if (auto r = fill->bind(1, match).bind(2, kSparseMatches + 1).run(); !r) return r.error();
    if (m_db.changes() <= kSparseMatches) {
      std::string clause = "id IN (SELECT id FROM temp.search_hits";
      if (!key.empty()) clause += " UNION SELECT id FROM calls WHERE remote_number = " + b.add(key);
      clause += ")";
      return letters ? "(" + clause + " OR " + client_clause(search, b) + ")" : clause;
    }
  }
  if (number) {
    return "(remote_number = " + b.add(key) + " OR remote_number LIKE " +
           b.add(like_pattern(term)) + " ESCAPE '\\')";
  }
  const std::string p = b.add(like_pattern(search));
  return "(remote_display LIKE " + p + " ESCAPE '\\' OR remote_party LIKE " + p +
         " ESCAPE '\\' OR local_party LIKE " + p + " ESCAPE '\\' OR account LIKE " + p +
         " ESCAPE '\\' OR comment LIKE " + p + " ESCAPE '\\' OR " + client_clause(search, b) + ")";
}

namespace {

Result<std::vector<core::JournalEntry>> read_all(Statement& st) {
  std::vector<core::JournalEntry> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read_entry(st));
  }
}

}  // namespace

Result<std::vector<core::JournalEntry>> SqliteCallJournal::query(
    const core::JournalQuery& q) const {
  if (q.limit < 0 || q.offset < 0)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "the journal's limit and offset must not be negative");
  if (q.from && q.to && *q.to <= *q.from)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "the journal's date range ends before it starts");
  SqlBinds b;
  std::string where;
  auto and_ = [&](const std::string& clause) {
    where += (where.empty() ? "WHERE " : " AND ") + clause;
  };
  if (q.direction)
    and_("direction = " + b.add(std::string(core::call_direction_name(*q.direction))));
  if (!q.statuses.empty()) {
    std::string list;
    for (auto s : q.statuses)
      list += (list.empty() ? "" : ", ") + b.add(std::string(core::call_status_name(s)));
    and_("status IN (" + list + ")");
  }
  if (q.from) and_("started_at >= " + b.add(to_ms(*q.from)));
  if (q.to) and_("started_at < " + b.add(to_ms(*q.to)));
  // Literal "= 1": the partial indexes calls_attention/calls_first_contact match only then.
  if (q.needs_attention_only) and_("needs_attention = 1");
  if (q.new_number_only) and_("new_number = 1");
  if (q.internal) and_(*q.internal ? "internal = 1" : "internal = 0");
  if (q.account) and_("account = " + b.add(*q.account));
  if (auto s = trimmed(q.search); !s.empty()) {
    auto clause = search_clause(s, b);
    if (!clause) return clause.error();
    and_(*clause);
  }
  const char* order =
      q.oldest_first ? " ORDER BY started_at, id" : " ORDER BY started_at DESC, id DESC";
  const std::string sql = std::string(kSelectCalls) + where + order + " LIMIT " +
                          b.add(q.limit == 0 ? std::int64_t{-1} : q.limit) + " OFFSET " +
                          b.add(std::int64_t{q.offset});
  auto st = m_db.prepare(sql);
  if (!st) return st.error();
  b.apply(*st);
  auto entries = read_all(*st);
  if (!entries) return entries;
  // The route (legs) and the recordings are part of every entry's shape (README, journal JSON).
  if (auto legs = read_legs(m_db, *entries); !legs) return legs.error();
  if (auto r = attach_recordings(m_db, *entries); !r) return r.error();
  return entries;
}

Result<core::JournalEntry> SqliteCallJournal::entry(JournalId id) const {
  auto st = m_db.prepare(std::string(kSelectCalls) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return journal_not_found(id);
  core::JournalEntry e = read_entry(*st);
  if (auto legs = read_legs(m_db, e); !legs) return legs.error();
  if (auto r = attach_recordings(m_db, std::span(&e, 1)); !r) return r.error();
  return e;
}

Result<void> SqliteCallJournal::set_comment(JournalId id, const std::string& text) {
  if (text.size() > kMaxComment)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "a comment may be at most " + std::to_string(kMaxComment) +
                                " bytes; this one has " + std::to_string(text.size()));
  auto st = m_db.prepare("UPDATE calls SET comment = ?2 WHERE id = ?1");
  if (!st) return st.error();
  if (auto r = st->bind(1, id).bind(2, text).run(); !r) return r;
  if (m_db.changes() == 0) return journal_not_found(id);
  return {};
}

Result<void> SqliteCallJournal::clear_attention(JournalId id) {
  auto current = entry(id);
  if (!current) return current.error();
  if (current->status != core::CallStatus::NoAnswer && current->status != core::CallStatus::Lost)
    return core::make_error(core::ErrorCode::InvalidState,
                            "journal entry " + std::to_string(id) +
                                " is not a missed call; only missed calls need attention");
  auto st =
      m_db.prepare("UPDATE calls SET attention_cleared = 1, needs_attention = 0 WHERE id = ?1");
  if (!st) return st.error();
  return st->bind(1, id).run();
}

Result<std::vector<core::JournalColumn>> SqliteCallJournal::columns(const std::string& user) const {
  auto st = m_db.prepare("SELECT columns FROM journal_columns WHERE user = ?1");
  if (!st) return st.error();
  st->bind(1, user);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return core::default_journal_columns();
  auto parsed = core::parse_journal_columns(st->column_text(0));
  // A layout written by a newer build may name a column this one does not know: fall back
  // rather than fail the whole journal.
  if (!parsed) return core::default_journal_columns();
  return *parsed;
}

Result<void> SqliteCallJournal::set_columns(const std::string& user,
                                            const std::vector<core::JournalColumn>& columns) {
  if (columns.empty())
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "the journal needs at least one column");
  std::string list;
  for (auto c : columns)
    list += (list.empty() ? "" : ",") + std::string(core::journal_column_name(c));
  auto st = m_db.prepare(
      "INSERT INTO journal_columns (user, columns) VALUES (?1, ?2) "
      "ON CONFLICT (user) DO UPDATE SET columns = excluded.columns");
  if (!st) return st.error();
  return st->bind(1, user).bind(2, list).run();
}

Result<int> SqliteCallJournal::backfill(const std::string& normalizer_id) {
  int filled = 0;
  auto r = m_db.transaction([&]() -> Result<void> {
    if (!normalizer_id.empty()) {
      auto known = m_db.prepare("SELECT value FROM journal_meta WHERE key = 'number_normalizer'");
      if (!known) return known.error();
      auto row = known->step();
      if (!row) return row.error();
      const std::string before = *row ? known->column_text(0) : "";
      if (before != normalizer_id) {
        if (auto reset =
                m_db.exec("UPDATE calls SET remote_number = NULL WHERE remote_number IS NOT NULL");
            !reset)
          return reset;
        auto store = m_db.prepare(
            "INSERT INTO journal_meta (key, value) VALUES ('number_normalizer', ?1) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        if (!store) return store.error();
        if (auto done = store->bind(1, normalizer_id).run(); !done) return done;
      }
    }
    std::vector<std::pair<JournalId, std::string>> rows;
    auto find = m_db.prepare(
        "SELECT id, remote_party FROM calls WHERE remote_number IS NULL ORDER BY started_at, id");
    if (!find) return find.error();
    for (;;) {
      auto row = find->step();
      if (!row) return row.error();
      if (!*row) break;
      rows.emplace_back(find->column_int64(0), find->column_text(1));
    }
    for (const auto& [id, party] : rows) {
      const core::NumberKey key = core::journal_match_key(m_numbers, party);
      auto up = m_db.prepare("UPDATE calls SET remote_number = ?2, internal = ?3 WHERE id = ?1");
      if (!up) return up.error();
      if (auto done = up->bind(1, id).bind(2, key.value).bind(3, key.internal ? 1 : 0).run(); !done)
        return done;
    }
    // Oldest first, so each number's first re-derivation covers all its later calls.
    std::unordered_set<std::string> done;
    for (const auto& [id, party] : rows) {
      const std::string key = core::journal_match_key(m_numbers, party).value;
      if (!key.empty() && !done.insert(key).second) continue;
      if (auto d = rederive_number_of(m_db, id, m_calendar); !d) return d;
    }
    filled = static_cast<int>(rows.size());
    return {};
  });
  if (!r) return r.error();
  return filled;
}

}  // namespace telpanel::store
