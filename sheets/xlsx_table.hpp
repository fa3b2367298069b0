// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a core::Table as an XLSX workbook (libxlsxwriter): a bold header row, text cells as
// strings (never formulas), numeric cells as numbers. Any thread; no shared state.
#pragma once

#include <string>

#include "core/journal_table.hpp"
#include "core/result.hpp"

namespace telpanel::sheets {

/// Replaces `path`. Errors (unwritable directory, disk full) are ErrorCode::Io naming the file.
core::Result<void> write_xlsx(const core::Table& table, const std::string& path,
                              const std::string& sheet_name);

}  // namespace telpanel::sheets
