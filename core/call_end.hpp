// SPDX-License-Identifier: GPL-3.0-or-later
// How SIP outcomes become a call's end reason: one table for the journal, status and UI.
// Pure functions; any thread.
#pragma once

#include <string>

#include "core/call.hpp"

namespace telpanel::core {

/// Stable token for a failure response: 486/600 "busy", 603 "declined", 487 "cancelled",
/// 404/604 "not_found", 408/480 "no_answer", 488/606 "no_common_codec", 401/403/407
/// "forbidden", 503 and transport errors "unreachable", anything else "failed".
std::string end_reason_for_status(int sip_status);

/// An end we caused (hang-up, cancel, reject): EndedBy::Local.
CallEnd ended_locally(int sip_status, std::string reason, std::string detail);

/// The end of a call whose INVITE got a final failure response.
CallEnd end_from_response(int sip_status, const std::string& phrase);

}  // namespace telpanel::core
