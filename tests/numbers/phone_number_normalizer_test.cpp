// SPDX-License-Identifier: GPL-3.0-or-later
// PhoneNumberNormalizer: one key for every way a number is written, in several regions;
// extensions, URIs and garbage.
#include "numbers/phone_number_normalizer.hpp"

#include <gtest/gtest.h>

namespace telpanel::numbers {
namespace {

using core::NumberKey;

PhoneNumberNormalizer make(const std::string& region, ExtensionRule rule = {2, 5}) {
  auto n = PhoneNumberNormalizer::create(region, rule);
  EXPECT_TRUE(n) << n.error().detail;
  return std::move(*n);
}

struct Case {
  const char* input;
  const char* key;
  bool internal;
};

void expect_keys(const PhoneNumberNormalizer& n, std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    EXPECT_EQ(n.normalize(c.input), (NumberKey{c.key, c.internal}))
        << "region " << n.region() << ", input '" << c.input << "'";
  }
}

TEST(PhoneNumberNormalizerTest, RussiaEightPrefixAndPlusSevenAreOneNumber) {
  expect_keys(make("RU"), {
                              {"8 (912) 345-67-89", "+79123456789", false},
                              {"89123456789", "+79123456789", false},
                              {"+7 912 345 67 89", "+79123456789", false},
                              {"+7(912)345-67-89", "+79123456789", false},
                              {"79123456789", "+79123456789", false},
                              {"9123456789", "+79123456789", false},
                              {"8 495 123-45-67", "+74951234567", false},
                              {"  +7 912 345 67 89\t", "+79123456789", false},
                          });
}

TEST(PhoneNumberNormalizerTest, UnitedStates) {
  expect_keys(make("US"), {
                              {"(201) 555-0123", "+12015550123", false},
                              {"201.555.0123", "+12015550123", false},
                              {"1-201-555-0123", "+12015550123", false},
                              {"+1 201 555 0123", "+12015550123", false},
                              {"011 44 20 7946 0018", "+442079460018", false},
                          });
}

TEST(PhoneNumberNormalizerTest, GermanyWithTrunkZero) {
  expect_keys(make("DE"), {
                              {"030 1234567", "+49301234567", false},
                              {"+49 30 1234567", "+49301234567", false},
                              {"0049 30 1234567", "+49301234567", false},
                              {"(0)30/123 45 67", "+49301234567", false},
                          });
}

TEST(PhoneNumberNormalizerTest, GreatBritain) {
  expect_keys(make("GB"), {
                              {"020 7946 0018", "+442079460018", false},
                              {"+44 (0)20 7946 0018", "+442079460018", false},
                              {"07700 900123", "+447700900123", false},
                          });
}

TEST(PhoneNumberNormalizerTest, ForeignNumberWithPlusIgnoresTheRegion) {
  expect_keys(make("RU"), {{"+1 201 555 0123", "+12015550123", false},
                           {"+44 20 7946 0018", "+442079460018", false}});
}

TEST(PhoneNumberNormalizerTest, ShortDigitStringsAreExtensions) {
  expect_keys(make("RU", {2, 5}), {
                                      {"101", "101", true},
                                      {"10", "10", true},
                                      {"12345", "12345", true},
                                      {"1-01", "101", true},
                                      {"1", "1", false},  // shorter than any extension
                                  });
  // With a 3-digit plan, 1002 is no colleague: it stays its own (non-E.164) key.
  expect_keys(make("RU", {3, 3}), {{"101", "101", true}, {"1002", "1002", false}});
  expect_keys(make("RU", {0, 0}), {{"101", "101", false}});
  // A "+" means a full international number, never an extension.
  expect_keys(make("RU", {2, 5}), {{"+101", "+101", false}});
}

TEST(PhoneNumberNormalizerTest, SipAndTelUrisGiveTheirUserPart) {
  expect_keys(make("RU"), {
                              {"sip:89123456789@pbx.example.org", "+79123456789", false},
                              {"sips:+79123456789@pbx;user=phone", "+79123456789", false},
                              {"SIP:101@127.0.0.1:5060", "101", true},
                              {"\"Ivan\" <sip:8-912-345-67-89@pbx>;tag=x", "+79123456789", false},
                              {"tel:+7-912-345-67-89", "+79123456789", false},
                              {"tel:8912345;phone-context=+7912", "8912345", false},
                              {"sip:%2B79123456789@pbx", "+79123456789", false},
                              {"101@pbx", "101", true},
                          });
}

TEST(PhoneNumberNormalizerTest, GarbageHasNoKey) {
  expect_keys(make("RU"), {
                              {"", "", false},
                              {"   ", "", false},
                              {"sip:alice@example.org", "", false},
                              {"alice", "", false},
                              {"*100#", "", false},
                              {"8 912 abc 67 89", "", false},
                              {"++79123456789", "", false},
                              {"sip:@pbx", "", false},
                              {"<>", "", false},
                              {"---", "", false},
                          });
}

TEST(PhoneNumberNormalizerTest, TooLongOrImpossibleNumbersKeepTheirDigits) {
  expect_keys(make("RU"), {{"8912345678901234", "8912345678901234", false},
                           {"+999 123 456", "+999123456", false}});
}

TEST(PhoneNumberNormalizerTest, UnknownRegionIsRefused) {
  auto n = PhoneNumberNormalizer::create("XX", {});
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().detail, "region 'XX' is not a known ISO 3166 country code");
  EXPECT_TRUE(PhoneNumberNormalizer::create("ru", {}));  // case does not matter
}

TEST(ExtensionRuleTest, ParsesRangesAndRefusesNonsense) {
  auto r = ExtensionRule::parse("2-5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->min_digits, 2);
  EXPECT_EQ(r->max_digits, 5);
  r = ExtensionRule::parse("3");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->min_digits, 3);
  EXPECT_EQ(r->max_digits, 3);
  r = ExtensionRule::parse("none");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->matches(3));
  for (const char* bad : {"5-2", "0", "x", "2-", "2-5x", "-3", "2-99"}) {
    auto b = ExtensionRule::parse(bad);
    ASSERT_FALSE(b) << bad;
    EXPECT_EQ(b.error().detail,
              std::string("extension_length must be like 2-5, 3 or none, not '") + bad + "'");
  }
}

}  // namespace
}  // namespace telpanel::numbers
