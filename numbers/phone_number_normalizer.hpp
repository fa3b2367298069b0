// SPDX-License-Identifier: GPL-3.0-or-later
// PhoneNumberNormalizer: core::NumberNormalizer on libphonenumber. Numbers become E.164 in a
// configured default region; short digit strings of the configured lengths are the own PBX's
// extensions; SIP and tel URIs give their user part. Any thread (libphonenumber's PhoneNumberUtil
// is a read-only singleton).
#pragma once

#include <string>
#include <vector>

#include "core/number_normalizer.hpp"
#include "core/result.hpp"

namespace telpanel::numbers {

/// Which bare digit strings are internal extensions: those whose length is in [min, max].
/// {0, 0} means none are.
struct ExtensionRule {
  int min_digits = 2;
  int max_digits = 5;

  bool matches(std::size_t digits) const {
    return min_digits > 0 && int(digits) >= min_digits && int(digits) <= max_digits;
  }
  /// "2-5", "3" or "none" (also ""); anything else is an InvalidArgument error.
  static core::Result<ExtensionRule> parse(const std::string& text);
};

/// The ISO 3166 region codes libphonenumber knows (what `create` accepts), sorted.
std::vector<std::string> supported_regions();

class PhoneNumberNormalizer final : public core::NumberNormalizer {
 public:
  /// `region`: ISO 3166 code for numbers dialled without a country code ("RU", "US").
  /// Fails for a region libphonenumber does not know.
  static core::Result<PhoneNumberNormalizer> create(const std::string& region, ExtensionRule rule);

  /// Key rules, in order: no digits, letters or service characters (* #) -> empty key; bare
  /// digits whose length fits the extension rule -> internal; a number libphonenumber parses
  /// as possible (full length) in the region -> E.164; otherwise the digits (with a leading
  /// "+" when one was given), so short or foreign service numbers still match themselves.
  core::NumberKey normalize(std::string_view number_or_uri) const override;

  const std::string& region() const { return m_region; }

 private:
  PhoneNumberNormalizer(std::string region, ExtensionRule rule)
      : m_region(std::move(region)), m_rule(rule) {}

  std::string m_region;
  ExtensionRule m_rule;
};

}  // namespace telpanel::numbers
