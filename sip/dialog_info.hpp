// SPDX-License-Identifier: GPL-3.0-or-later
// Readers of the two event bodies besides PIDF that a colleague's row needs: dialog-info
// (RFC 4235, "is on a call"; Kamailio's pua_dialoginfo writes it) and reginfo (RFC 3680, "is
// registered"; Kamailio's pua_reginfo writes it). Any thread.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace telpanel::sip {

/// True when a dialog in the document is confirmed. An empty body means no dialogs (Kamailio's
/// first NOTIFY is empty); early (ringing) and terminated dialogs are not a call.
core::Result<bool> parse_dialog_info_on_call(std::string_view body);

/// The document's `version` (RFC 4235 §4.1: it grows by one with every NOTIFY of a
/// subscription, so a smaller one is an older document that arrived late); nullopt when the
/// body is empty or carries none.
std::optional<long long> dialog_info_version(std::string_view body);

/// True when some registration in the document is active with an active contact. An empty body
/// means nothing is known: false.
core::Result<bool> parse_reginfo_registered(std::string_view body);

}  // namespace telpanel::sip
