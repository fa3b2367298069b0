// SPDX-License-Identifier: GPL-3.0-or-later
#include "sheets/xlsx_table.hpp"

#include <xlsxwriter.h>

namespace telpanel::sheets {

namespace {

core::Error io_error(const std::string& path, lxw_error err) {
  return core::make_error(core::ErrorCode::Io, "cannot write " + path + ": " + lxw_strerror(err));
}

}  // namespace

core::Result<void> write_xlsx(const core::Table& table, const std::string& path,
                              const std::string& sheet_name) {
  // constant_memory streams rows to disk instead of keeping the whole sheet: a year's journal
  // exports in bounded memory. It requires writing rows in order, which we do.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) return core::make_error(core::ErrorCode::Io, "cannot create " + path);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_error err = LXW_NO_ERROR;
  for (std::size_t c = 0; c < table.header.size() && err == LXW_NO_ERROR; ++c)
    err =
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
  for (std::size_t r = 0; r < table.rows.size() && err == LXW_NO_ERROR; ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size() && err == LXW_NO_ERROR; ++c) {
      const core::TableCell& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      if (cell.number)
        err = worksheet_write_number(sheet, row, col, *cell.number, nullptr);
      else if (!cell.text.empty())
        // write_string, not write(): text that starts with "=" stays text.
        err = worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
    }
  }
  const lxw_error closed = workbook_close(book);  // frees `book` whatever happened
  if (err != LXW_NO_ERROR) return io_error(path, err);
  if (closed != LXW_NO_ERROR) return io_error(path, closed);
  return {};
}

}  // namespace telpanel::sheets
