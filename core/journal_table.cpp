// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal_table.hpp"

#include <ctime>

namespace telpanel::core {

namespace {

std::string local_time(TimePoint t) {
  const std::time_t secs = Clock::to_time_t(t);
  std::tm local{};
  localtime_r(&secs, &local);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &local);
  return out;
}

TableCell seconds(std::chrono::seconds s) {
  return {std::to_string(s.count()), static_cast<double>(s.count())};
}

TableCell cell(const JournalEntry& e, JournalColumn column, const TableWords& words) {
  switch (column) {
    case JournalColumn::Date:
      return {local_time(e.started_at), std::nullopt};
    case JournalColumn::WaitDuration:
      return seconds(e.wait_duration());
    case JournalColumn::TalkDuration:
      return seconds(e.talk_duration());
    case JournalColumn::ClientName:
      if (e.client_id && !e.client_name.empty()) return {e.client_name, std::nullopt};
      return {e.remote_display.empty() ? e.remote_number : e.remote_display, std::nullopt};
    case JournalColumn::EmployeeName:
      return {e.account.empty() ? e.local_party : e.account, std::nullopt};
    case JournalColumn::PhoneNumber:
      return {e.remote_number.empty() ? e.remote_party : e.remote_number, std::nullopt};
    case JournalColumn::Status:
      if (words.status) return {words.status(e), std::nullopt};
      return {e.internal ? "internal" : e.status ? call_status_name(*e.status) : "", std::nullopt};
    case JournalColumn::EmployeePosition:
    case JournalColumn::ResponsibleManager:
    case JournalColumn::ResponsibleMatches:
      break;
  }
  return {};
}

// Would a spreadsheet read the field as a formula? "+7 912 345-67-89" is a phone number and
// stays as it is; "=...", "@...", "+A1*2" are defused.
bool looks_like_formula(const std::string& v) {
  if (v.empty()) return false;
  if (v[0] == '=' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') return true;
  if (v[0] != '+' && v[0] != '-') return false;
  return v.find_first_not_of("+-0123456789 ()", 1) != std::string::npos;
}

std::string csv_field(const std::string& text) {
  std::string value = text;
  if (looks_like_formula(value)) value.insert(0, 1, '\'');
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

const char* journal_column_title(JournalColumn column) {
  switch (column) {
    case JournalColumn::Date:
      return "Date";
    case JournalColumn::WaitDuration:
      return "Wait, s";
    case JournalColumn::TalkDuration:
      return "Talk, s";
    case JournalColumn::EmployeePosition:
      return "Position";
    case JournalColumn::ClientName:
      return "Client";
    case JournalColumn::EmployeeName:
      return "Employee";
    case JournalColumn::PhoneNumber:
      return "Phone number";
    case JournalColumn::ResponsibleManager:
      return "Responsible manager";
    case JournalColumn::ResponsibleMatches:
      return "Responsible matches";
    case JournalColumn::Status:
      return "Status";
  }
  return "";
}

Table journal_table(const std::vector<JournalEntry>& entries,
                    const std::vector<JournalColumn>& columns, const TableWords& words) {
  Table t;
  for (auto c : columns) t.header.push_back(words.title ? words.title(c) : journal_column_title(c));
  t.rows.reserve(entries.size());
  for (const auto& e : entries) {
    std::vector<TableCell> row;
    row.reserve(columns.size());
    for (auto c : columns) row.push_back(cell(e, c, words));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string table_to_csv(const Table& table) {
  std::string out;
  auto line = [&out](const auto& fields, auto text_of) {
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out += ',';
      out += csv_field(text_of(f));
      first = false;
    }
    out += "\r\n";
  };
  line(table.header, [](const std::string& s) { return s; });
  for (const auto& row : table.rows) line(row, [](const TableCell& c) { return c.text; });
  return out;
}

}  // namespace telpanel::core
