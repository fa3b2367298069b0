// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteCallJournal: core::CallJournal (the journal's query API, comments, "needs attention",
// per-user columns) on the calls table, plus the one-time normalisation of rows from before
// schema v3. Main thread (the Database's).
#pragma once

#include <string>
#include <string_view>

#include "core/journal_query.hpp"
#include "core/local_calendar.hpp"
#include "core/number_normalizer.hpp"

namespace telpanel::store {

class Database;
struct SqlBinds;

class SqliteCallJournal final : public core::CallJournal {
 public:
  /// All three must outlive this object. `numbers` turns searched numbers into keys.
  SqliteCallJournal(Database& db, const core::NumberNormalizer& numbers,
                    const core::LocalCalendar& calendar)
      : m_db(db), m_numbers(numbers), m_calendar(calendar) {}

  core::Result<std::vector<core::JournalEntry>> query(const core::JournalQuery& q) const override;
  core::Result<core::JournalEntry> entry(core::JournalId id) const override;
  core::Result<void> set_comment(core::JournalId id, const std::string& text) override;
  core::Result<void> clear_attention(core::JournalId id) override;
  core::Result<std::vector<core::JournalColumn>> columns(const std::string& user) const override;
  core::Result<void> set_columns(const std::string& user,
                                 const std::vector<core::JournalColumn>& columns) override;

  /// Fills remote_number/internal of rows written before schema v3 and derives their status
  /// and indicators. Returns how many rows it normalised (0 on every later start).
  /// `normalizer_id` names the NumberNormalizer ("digits:5"); when it differs from the one
  /// that keyed the rows so far, every row is keyed and derived again (numbers must match
  /// across old and new calls). "" skips that check.
  core::Result<int> backfill(const std::string& normalizer_id = "");

  /// Longest comment accepted, in bytes.
  static constexpr std::size_t kMaxComment = 4000;

 private:
  core::Result<std::string> search_clause(std::string_view search, SqlBinds& binds) const;

  Database& m_db;
  const core::NumberNormalizer& m_numbers;
  const core::LocalCalendar& m_calendar;
};

}  // namespace telpanel::store
