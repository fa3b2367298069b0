// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/digits_normalizer.hpp"

#include <cctype>

namespace telpanel::core {

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view uri_user_part(std::string_view s) {
  for (std::string_view scheme : {"sips:", "sip:", "tel:", "callto:"}) {
    if (starts_with_nocase(s, scheme)) {
      s.remove_prefix(scheme.size());
      break;
    }
  }
  // "user@host", "number;phone-context=..." or "user:password@host": the user ends at the first
  // of these.
  const auto end = s.find_first_of("@;:?");
  return end == std::string_view::npos ? s : s.substr(0, end);
}

NumberKey DigitsNormalizer::normalize(std::string_view number_or_uri) const {
  const std::string_view user = uri_user_part(number_or_uri);
  NumberKey key;
  bool plus = false;
  for (char ch : user) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      key.value += ch;
    } else if (ch == '+' && key.value.empty()) {
      plus = true;
    } else if (std::isalpha(static_cast<unsigned char>(ch))) {
      return {};  // "alice": a name, not a number
    }
    // spaces, dashes, dots, brackets: formatting
  }
  if (key.value.empty()) return {};
  key.internal = !plus && static_cast<int>(key.value.size()) <= m_extension_digits;
  if (plus) key.value.insert(0, 1, '+');
  return key;
}

}  // namespace telpanel::core
