// SPDX-License-Identifier: GPL-3.0-or-later
// How an account does presence ([account] presence=, [presence] keys in the README). No Sofia
// types, so app/ can fill it in. Main thread.
#pragma once

namespace telpanel::sip {

struct SipPresenceSettings {
  bool peer_to_peer = false;  // true: answer SUBSCRIBE ourselves instead of PUBLISHing
  int publish_expires = 600;  // seconds; nua refreshes before expiry
  int subscribe_expires = 600;
};

}  // namespace telpanel::sip
