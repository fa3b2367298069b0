// SPDX-License-Identifier: GPL-3.0-or-later
// FakeNumberNormalizer: a tiny Russian numbering plan for tests of code that needs number keys
// but not libphonenumber: 11 digits starting with 7 or 8, or 10 digits, are +7 numbers; 2-5
// bare digits are extensions; letters make no number; other digit strings are themselves.
// Strips "sip:" and "@host". Any thread.
#pragma once

#include <string>

#include "core/number_normalizer.hpp"

namespace telpanel::tests {

class FakeNumberNormalizer final : public core::NumberNormalizer {
 public:
  core::NumberKey normalize(std::string_view in) const override {
    if (in.rfind("sip:", 0) == 0) in.remove_prefix(4);
    in = in.substr(0, in.find('@'));
    std::string digits;
    bool plus = false;
    for (char c : in) {
      if (c >= '0' && c <= '9')
        digits += c;
      else if (c == '+')
        plus = true;
      else if (!(c == ' ' || c == '-' || c == '(' || c == ')'))
        return {};
    }
    if (digits.empty()) return {};
    if (!plus && digits.size() >= 2 && digits.size() <= 5) return {digits, true};
    if (digits.size() == 11 && (digits[0] == '7' || digits[0] == '8'))
      return {"+7" + digits.substr(1), false};
    if (!plus && digits.size() == 10) return {"+7" + digits, false};
    return {(plus ? "+" : "") + digits, false};
  }
};

}  // namespace telpanel::tests
