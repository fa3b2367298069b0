// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's current view as a table (JRN-6 columns in the user's order) for export
// (JRN-7), and its CSV form (RFC 4180). Pure.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/journal_query.hpp"

namespace telpanel::core {

/// A cell: always text; also a number when the column holds one (durations), so a spreadsheet
/// can sum it.
struct TableCell {
  std::string text;
  std::optional<double> number;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<TableCell>> rows;
};

/// English title of a column ("Date", "Wait, s", ...).
const char* journal_column_title(JournalColumn column);

/// The words of a table for people: column titles and status names. Empty functions keep the
/// English titles and the status names of the control interface ("lost", "internal"), which is
/// what D-Bus export writes; the GUI passes translations (its person reads the file).
struct TableWords {
  std::function<std::string(JournalColumn)> title;
  std::function<std::string(const JournalEntry&)> status;
};

/// One row per entry, one cell per column. Dates are local time "YYYY-MM-DD HH:MM:SS"; the
/// client is the directory's client for the number, else the caller's display name, else the
/// number; columns the panel has no data for yet (position, responsible manager) are empty.
Table journal_table(const std::vector<JournalEntry>& entries,
                    const std::vector<JournalColumn>& columns, const TableWords& words = {});
/// RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled. A
/// field a spreadsheet would run as a formula (= @ or + - followed by more than a phone
/// number's characters) gets a leading apostrophe (CSV injection).
std::string table_to_csv(const Table& table);

}  // namespace telpanel::core
