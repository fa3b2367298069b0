// SPDX-License-Identifier: GPL-3.0-or-later
// sheets::write_xlsx: a workbook is written (a ZIP with the sheet inside; its contents are read
// back by tests/e2e/test_journal.py), and an unwritable path is a clear Io error.
#include "sheets/xlsx_table.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/store/temp_dir.hpp"

namespace telpanel::sheets {
namespace {

core::Table sample() {
  core::Table t;
  t.header = {"Date", "Talk, s"};
  t.rows.push_back({{"2026-03-10 10:00:00", std::nullopt}, {"60", 60.0}});
  t.rows.push_back({{"=1+1", std::nullopt}, {"", std::nullopt}});
  return t;
}

TEST(XlsxTable, WritesAZipWorkbookWithTheSheet) {
  tests::TempDir dir;
  const std::string path = dir.file("view.xlsx");
  auto r = write_xlsx(sample(), path, "Journal");
  ASSERT_TRUE(r) << r.error().detail;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(XlsxTable, UnwritablePathIsAnIoErrorNamingIt) {
  auto r = write_xlsx(sample(), "/nonexistent-dir/view.xlsx", "Journal");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::Io);
  EXPECT_NE(r.error().detail.find("/nonexistent-dir/view.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace telpanel::sheets
