// SPDX-License-Identifier: GPL-3.0-or-later
// fold_for_search: case and ё folding for Latin and Cyrillic, white space, other scripts kept,
// broken UTF-8 survives.
#include "store/text_fold.hpp"

#include <gtest/gtest.h>

namespace telpanel::store {
namespace {

TEST(TextFoldTest, LatinAndCyrillicLowerCaseYoAndSpaces) {
  EXPECT_EQ(fold_for_search("  ИВАН\tПЁТР \n Smith  "), "иван петр smith");
  EXPECT_EQ(fold_for_search("Ёлка ёж"), "елка еж");
  EXPECT_EQ(fold_for_search("ЇЖАК Єва Ўладзь І"), "їжак єва ўладзь і");
  EXPECT_EQ(fold_for_search("ООО \"Ромашка\", 1С"), "ооо \"ромашка\", 1с");
  EXPECT_EQ(fold_for_search("\xC2\xA0x\xC2\xA0"), "x");  // no-break spaces
}

TEST(TextFoldTest, OtherScriptsPassUnchangedAndBrokenUtf8DoesNotCrash) {
  EXPECT_EQ(fold_for_search("Äpfel Ωmega 東京"), "Äpfel Ωmega 東京");
  EXPECT_EQ(fold_for_search("ab\xD0"), "ab\xD0");
  EXPECT_EQ(fold_for_search(""), "");
}

}  // namespace
}  // namespace telpanel::store
