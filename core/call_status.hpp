// SPDX-License-Identifier: GPL-3.0-or-later
// A journal call's status (JRN-2) and its stable names for the control interface. Pure.
#pragma once

#include <optional>
#include <string_view>

namespace telpanel::core {

/// Exactly the five statuses of spec JRN-2 (the rules are in core/journal_rules.hpp).
enum class CallStatus { Accepted, Reached, NoAnswer, Lost, Cancelled };

/// "accepted", "reached", "no_answer", "lost", "cancelled".
const char* call_status_name(CallStatus status);
/// The inverse of call_status_name; nullopt for anything else.
std::optional<CallStatus> parse_call_status(std::string_view name);

}  // namespace telpanel::core
