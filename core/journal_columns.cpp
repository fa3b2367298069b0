// SPDX-License-Identifier: GPL-3.0-or-later
// Column names of the journal view (JRN-6). Pure.
#include <algorithm>
#include <utility>

#include "core/journal_query.hpp"

namespace telpanel::core {

namespace {
constexpr std::pair<JournalColumn, const char*> kColumns[] = {
    {JournalColumn::Date, "date"},
    {JournalColumn::WaitDuration, "wait"},
    {JournalColumn::TalkDuration, "talk"},
    {JournalColumn::EmployeePosition, "position"},
    {JournalColumn::ClientName, "client"},
    {JournalColumn::EmployeeName, "employee"},
    {JournalColumn::PhoneNumber, "number"},
    {JournalColumn::ResponsibleManager, "responsible"},
    {JournalColumn::ResponsibleMatches, "responsible_matches"},
    {JournalColumn::Status, "status"},
};
}  // namespace

const char* journal_column_name(JournalColumn column) {
  for (const auto& [c, name] : kColumns)
    if (c == column) return name;
  return "date";  // unreachable: every enumerator is listed
}

std::optional<JournalColumn> parse_journal_column(std::string_view name) {
  for (const auto& [c, n] : kColumns)
    if (name == n) return c;
  return std::nullopt;
}

std::vector<JournalColumn> default_journal_columns() {
  // The columns the panel has data for: position and the responsible manager need a PBX or CRM
  // source it does not have yet, and empty columns only push the useful ones off screen. A
  // person can still show them.
  std::vector<JournalColumn> out;
  for (const auto& [c, name] : kColumns) {
    if (c != JournalColumn::EmployeePosition && c != JournalColumn::ResponsibleManager &&
        c != JournalColumn::ResponsibleMatches)
      out.push_back(c);
  }
  return out;
}

Result<std::vector<JournalColumn>> parse_journal_columns(std::string_view list) {
  std::vector<JournalColumn> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto column = parse_journal_column(name);
    if (!column) {
      std::string known;
      for (const auto& [c, n] : kColumns) known += (known.empty() ? "" : ", ") + std::string(n);
      return make_error(ErrorCode::InvalidArgument, "unknown journal column '" + std::string(name) +
                                                        "' (known: " + known + ")");
    }
    if (std::find(out.begin(), out.end(), *column) != out.end())
      return make_error(ErrorCode::InvalidArgument,
                        "journal column '" + std::string(name) + "' is listed twice");
    out.push_back(*column);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (out.empty())
    return make_error(ErrorCode::InvalidArgument, "the journal needs at least one column");
  return out;
}

}  // namespace telpanel::core
