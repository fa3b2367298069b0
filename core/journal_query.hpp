// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's one query API (JRN-4 filters, JRN-5 search, paging, sort), its per-user column
// layout (JRN-6) and the port that answers them (store::SqliteCallJournal). Main thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/call_history.hpp"
#include "core/result.hpp"

namespace telpanel::core {

/// Every field narrows the result; the defaults select every call, newest first.
struct JournalQuery {
  std::optional<CallDirection> direction;
  std::vector<CallStatus> statuses;  // any of these; empty = any status (null included)
  std::optional<TimePoint> from;     // started_at >= from
  std::optional<TimePoint> to;       // started_at < to
  std::string search;                // number in any formatting, part of one, or a name
  bool needs_attention_only = false;
  bool new_number_only = false;        // first contacts
  std::optional<bool> internal;        // true: only internal, false: only external
  std::optional<std::string> account;  // "" is the default account
  int limit = 100;                     // 0 = no limit (export)
  int offset = 0;
  bool oldest_first = false;
};

/// Columns of the journal view (JRN-6), in the spec's order.
enum class JournalColumn {
  Date,
  WaitDuration,
  TalkDuration,
  EmployeePosition,
  ClientName,
  EmployeeName,
  PhoneNumber,
  ResponsibleManager,
  ResponsibleMatches,
  Status,
};

/// "date", "wait", "talk", "position", "client", "employee", "number", "responsible",
/// "responsible_matches", "status".
const char* journal_column_name(JournalColumn column);
std::optional<JournalColumn> parse_journal_column(std::string_view name);
/// The layout of a user who never chose one: the spec's order, without the columns the panel
/// has no data for (position, responsible manager, responsible matches).
std::vector<JournalColumn> default_journal_columns();
/// A comma-separated list of column names → columns; an unknown or repeated name, or an empty
/// list, is an InvalidArgument error naming it.
Result<std::vector<JournalColumn>> parse_journal_columns(std::string_view list);

/// Port: querying and annotating the journal. Derived values (status, indicators) are kept up
/// to date by the implementation as calls are added and change.
class CallJournal {
 public:
  virtual ~CallJournal() = default;
  /// Matching entries in the query's order; legs are not loaded (see entry()).
  virtual Result<std::vector<JournalEntry>> query(const JournalQuery& q) const = 0;
  /// One call with every detail, legs included (JRN-8).
  virtual Result<JournalEntry> entry(JournalId id) const = 0;
  /// Sets (or with "" removes) the call's comment.
  virtual Result<void> set_comment(JournalId id, const std::string& text) = 0;
  /// Takes the call off the "needs attention" list; its status stays (JRN-3).
  virtual Result<void> clear_attention(JournalId id) = 0;
  /// The user's columns and their order; default_journal_columns() until set.
  virtual Result<std::vector<JournalColumn>> columns(const std::string& user) const = 0;
  virtual Result<void> set_columns(const std::string& user,
                                   const std::vector<JournalColumn>& columns) = 0;
};

}  // namespace telpanel::core
