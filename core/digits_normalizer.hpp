// SPDX-License-Identifier: GPL-3.0-or-later
// DigitsNormalizer: a small NumberNormalizer with no phone-number database — the URI's user
// part reduced to its digits (a leading + kept); numbers of at most `extension_digits` digits
// are internal extensions. Used until the libphonenumber implementation (numbers/) is wired in.
// Pure.
#pragma once

#include "core/number_normalizer.hpp"

namespace telpanel::core {

class DigitsNormalizer final : public NumberNormalizer {
 public:
  explicit DigitsNormalizer(int extension_digits = 5) : m_extension_digits(extension_digits) {}
  NumberKey normalize(std::string_view number_or_uri) const override;

 private:
  int m_extension_digits;
};

/// The user part of a sip:/sips:/tel:/callto: URI ("sip:+7912@pbx;user=phone" → "+7912");
/// the input itself when it is no URI.
std::string_view uri_user_part(std::string_view number_or_uri);

}  // namespace telpanel::core
