// SPDX-License-Identifier: GPL-3.0-or-later
// Port: turns a number or SIP/tel URI as dialled or received into the key the journal and the
// client directory match on, so "8 (912) 345-67-89", "+7 912 345 67 89" and
// "sip:89123456789@pbx" are one number. Implemented with libphonenumber in numbers/; tests use
// simple fakes. Main thread.
#pragma once

#include <string>
#include <string_view>

namespace telpanel::core {

struct NumberKey {
  /// E.164 ("+79123456789") for a phone number, the digits for an internal extension ("101");
  /// empty when the input holds no number (e.g. "sip:alice@example.org").
  std::string value;
  /// An extension of the own PBX (a colleague), not a client's number.
  bool internal = false;

  bool operator==(const NumberKey&) const = default;
};

class NumberNormalizer {
 public:
  virtual ~NumberNormalizer() = default;
  virtual NumberKey normalize(std::string_view number_or_uri) const = 0;
};

}  // namespace telpanel::core
