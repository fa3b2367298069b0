// SPDX-License-Identifier: GPL-3.0-or-later
// Smart search (DIR-4): one indexed query per tier of core::SearchMatch, best tier first, each
// cut to what is still missing, so the cost does not grow with the directory: exact key and
// prefixes use B-tree range scans, infixes the trigram FTS5 tables. Main thread.
#include <set>
#include <utility>

#include "store/database.hpp"
#include "store/sqlite_client_directory.hpp"
#include "store/text_fold.hpp"

namespace telpanel::store {

namespace {

using core::SearchHit;
using core::SearchMatch;

// Every tier's query returns (client id, client name, contact id, contact name, number key).
constexpr const char* kPhoneColumns =
    "SELECT p.client_id, c.name, p.contact_id, cp.name, p.number_key ";
constexpr const char* kPhoneJoins =
    "JOIN clients c ON c.id = p.client_id LEFT JOIN contact_persons cp ON cp.id = p.contact_id ";
constexpr const char* kClientColumns =
    "SELECT c.id, c.name, NULL, '', (SELECT number_key FROM client_phones WHERE client_id = c.id "
    "AND contact_id IS NULL ORDER BY id LIMIT 1) ";
constexpr const char* kContactColumns =
    "SELECT cp.client_id, c.name, cp.id, cp.name, (SELECT number_key FROM client_phones WHERE "
    "contact_id = cp.id ORDER BY id LIMIT 1) ";

// Above every UTF-8 sequence: "abc" <= x < "abc" + kTop selects the prefix "abc".
const std::string kTop = "\xF4\x8F\xBF\xBF";

std::string fts_phrase(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Digits of a query that looks like a number (only digits and the usual separators).
std::optional<std::string> query_digits(std::string_view q) {
  std::string digits;
  for (char c : q) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '+' || c == '/'))
      return std::nullopt;
  }
  if (digits.empty()) return std::nullopt;
  return digits;
}

class Collector {
 public:
  Collector(Database& db, int limit) : m_db(db), m_limit(limit) {}

  bool full() const { return int(m_hits.size()) >= m_limit; }

  /// Runs `sql` with ?1 = `a`, ?2 = how many rows to read, ?3 = `b` (when given); adds unseen
  /// hits.
  core::Result<void> tier(SearchMatch match, const std::string& sql, const std::string& a,
                          const std::string& b = {}) {
    if (full()) return {};
    auto st = m_db.prepare(sql);
    if (!st) return st.error();
    // Read enough to fill the rest even when every earlier hit comes back again.
    st->bind(1, a).bind(2, std::int64_t(m_limit + m_hits.size()));
    if (!b.empty()) st->bind(3, b);
    while (!full()) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      SearchHit hit{st->column_int64(0), st->column_text(1), st->column_optional_int64(2),
                    st->column_text(3),  st->column_text(4), match};
      if (m_seen.insert({hit.client, hit.contact.value_or(0)}).second)
        m_hits.push_back(std::move(hit));
    }
    return {};
  }

  std::vector<SearchHit> take() { return std::move(m_hits); }

 private:
  Database& m_db;
  int m_limit;
  std::vector<SearchHit> m_hits;
  std::set<std::pair<core::ClientId, core::ContactId>> m_seen;
};

}  // namespace

core::Result<std::vector<SearchHit>> SqliteClientDirectory::search(std::string_view query,
                                                                   int limit) const {
  const std::string folded = fold_for_search(query);
  if (folded.empty() || limit <= 0) return std::vector<SearchHit>();
  Collector hits(m_db, limit);
  const std::string phone_from = std::string("FROM client_phones p ") + kPhoneJoins;
  const std::string phone_fts_from =
      std::string("FROM client_phones_fts f JOIN client_phones p ON p.id = f.rowid ") +
      kPhoneJoins + "WHERE client_phones_fts MATCH ?1 LIMIT ?2";
  const std::string client_fts_from =
      "FROM clients_fts f JOIN clients c ON c.id = f.rowid WHERE clients_fts MATCH ?1 LIMIT ?2";
  const std::string contact_fts_from =
      "FROM contact_persons_fts f JOIN contact_persons cp ON cp.id = f.rowid "
      "JOIN clients c ON c.id = cp.client_id WHERE contact_persons_fts MATCH ?1 LIMIT ?2";
  struct Tier {
    SearchMatch match;
    std::string sql, a, b;
  };
  std::vector<Tier> tiers;
  auto add = [&](SearchMatch m, std::string sql, std::string a, std::string b = {}) {
    tiers.push_back({m, std::move(sql), std::move(a), std::move(b)});
  };

  if (auto digits = query_digits(query)) {
    const auto key = m_numbers.normalize(query);
    if (!key.value.empty() && !key.internal)
      add(SearchMatch::ExactNumber,
          std::string(kPhoneColumns) + phone_from + "WHERE p.number_key = ?1 LIMIT ?2", key.value);
    add(SearchMatch::NumberPrefix,
        std::string(kPhoneColumns) + phone_from +
            "WHERE p.search_digits >= ?1 AND p.search_digits < ?3 ORDER BY p.search_digits "
            "LIMIT ?2",
        *digits, *digits + ":");
    if (digits->size() >= 3)
      add(SearchMatch::NumberInfix, std::string(kPhoneColumns) + phone_fts_from,
          fts_phrase(*digits));
    // "8 912 345" typed with the national trunk prefix (RU 8, most of Europe 0) is found in
    // "+7 912 345...": the rest after the prefix is searched too.
    const bool plus = folded.front() == '+';
    if (!plus && digits->size() >= 4 && ((*digits)[0] == '8' || (*digits)[0] == '0'))
      add(SearchMatch::NumberInfix, std::string(kPhoneColumns) + phone_fts_from,
          fts_phrase(digits->substr(1)));
  }
  add(SearchMatch::NameExact,
      std::string(kClientColumns) + "FROM clients c WHERE c.search_name = ?1 LIMIT ?2", folded);
  add(SearchMatch::NamePrefix,
      std::string(kClientColumns) +
          "FROM clients c WHERE c.search_name >= ?1 AND c.search_name < ?3 ORDER BY "
          "c.search_name LIMIT ?2",
      folded, folded + kTop);
  add(SearchMatch::ContactPrefix,
      std::string(kContactColumns) +
          "FROM contact_persons cp JOIN clients c ON c.id = cp.client_id WHERE cp.search_name >= "
          "?1 AND cp.search_name < ?3 ORDER BY cp.search_name LIMIT ?2",
      folded, folded + kTop);
  if (utf8_length(folded) >= 3) {  // the trigram index cannot look for less
    add(SearchMatch::NameInfix, kClientColumns + client_fts_from, fts_phrase(folded));
    add(SearchMatch::ContactInfix, kContactColumns + contact_fts_from, fts_phrase(folded));
  }
  for (const auto& t : tiers) {
    if (auto r = hits.tier(t.match, t.sql, t.a, t.b); !r) return r.error();
  }
  return hits.take();
}

}  // namespace telpanel::store
