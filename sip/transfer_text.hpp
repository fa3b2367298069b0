// SPDX-License-Identifier: GPL-3.0-or-later
// The text of transfers, which Sofia does not build for us: Replaces (RFC 3891) escaped into a
// Refer-To URI's headers (RFC 3515), and the status line of a message/sipfrag NOTIFY body.
// Pure functions; no Sofia types, so they are unit-tested directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace telpanel::sip {

/// %-escapes everything a SIP URI header value may not hold as is (RFC 3261 hvalue: unreserved
/// and "[ ] / ? : + $"), so ';' '=' '@' '%' ... become %3B %3D %40 %25.
std::string escape_uri_header_value(std::string_view value);
/// Undoes %XX escapes (malformed escapes are kept literally).
std::string unescape_uri(std::string_view text);

/// "callid;to-tag=T;from-tag=F": Replaces as the transfer target must see it, where to-tag is
/// the target's own tag (our remote tag in the consultation) and from-tag is ours.
std::string replaces_value(std::string_view call_id, std::string_view to_tag,
                           std::string_view from_tag);
/// "<sip:target?Replaces=escaped>" for REFER; keeps any headers the target already has.
std::string refer_to_with_replaces(std::string_view target, std::string_view call_id,
                                   std::string_view to_tag, std::string_view from_tag);
/// The unescaped value of header `name` (case-insensitive) in a URI's header part "a=b&c=d".
std::optional<std::string> uri_header(std::string_view headers, std::string_view name);

struct SipFrag {
  int status = 0;
  std::string phrase;
};
/// The status line of a message/sipfrag body ("SIP/2.0 180 Ringing\r\n..."); nullopt when the
/// body does not start with one.
std::optional<SipFrag> parse_sipfrag(std::string_view body);

}  // namespace telpanel::sip
