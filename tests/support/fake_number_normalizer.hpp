// SPDX-License-Identifier: GPL-3.0-or-later
// FakeNumberNormalizer: a stand-in for the libphonenumber normaliser — Russian national
// numbers ("8 912 …", "+7 912 …") become "+7…", up to four digits are extensions.
#pragma once

#include <cctype>

#include "core/digits_normalizer.hpp"

namespace telpanel::tests {

class FakeNumberNormalizer final : public core::NumberNormalizer {
 public:
  core::NumberKey normalize(std::string_view input) const override {
    const std::string_view user = core::uri_user_part(input);
    std::string digits;
    for (char ch : user) {
      if (std::isalpha(static_cast<unsigned char>(ch))) return {};
      if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    }
    if (digits.empty()) return {};
    if (digits.size() <= 4) return {digits, true};
    if (digits.size() == 11 && (digits[0] == '8' || digits[0] == '7'))
      return {"+7" + digits.substr(1), false};
    return {"+" + digits, false};
  }
};

}  // namespace telpanel::tests
