// SPDX-License-Identifier: GPL-3.0-or-later
// PIDF (RFC 3863) with RPID (RFC 4480) for presence: builds what we PUBLISH or NOTIFY and reads
// what colleagues' NOTIFYs carry. The `rpid:` prefix of what we build is fixed on purpose:
// baresip reads it with regular expressions (`<rpid:away/>`, `<rpid:busy/>`). Any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/presence.hpp"
#include "core/result.hpp"

namespace telpanel::sip {

/// `entity` is our AoR. Available → no activity; Away → <rpid:away/> with <rpid:user-input
/// last-input>; Busy → <rpid:busy/>; Dnd → <rpid:busy/> plus <rpid:other>dnd</rpid:other>.
std::string build_pidf(const std::string& entity, const core::PresenceDocument& document);

/// Reads any PIDF document, whatever prefixes it uses: open when any tuple is open; the first
/// <note>; activities mapped to away/busy/dnd (on-the-phone counts as busy and sets
/// on_the_phone). A Protocol error for a body that is not PIDF.
core::Result<core::PresenceDocument> parse_pidf(std::string_view body);

}  // namespace telpanel::sip
