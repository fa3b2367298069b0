// SPDX-License-Identifier: GPL-3.0-or-later
// Turns what a person types or pastes into a SIP request URI. Pure; any thread.
#pragma once

#include <string>

#include "core/result.hpp"

namespace telpanel::core {

/// "sip:..." / "sips:..." pass through; "tel:+7 912", "callto:1002", "8 (912) 345-67-89",
/// "1002" become "sip:<digits>@<domain>" (spaces, dashes, dots and brackets dropped, a leading +
/// kept). `domain` is the account's host[:port]. Anything else: InvalidArgument.
Result<std::string> dial_target_to_uri(const std::string& target, const std::string& domain);

}  // namespace telpanel::core
