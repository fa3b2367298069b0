// SPDX-License-Identifier: GPL-3.0-or-later
// Per-dialog state of transfers on Sofia: what the peer supports and the incoming REFER whose
// progress the referred call must report. Part of SipDialog; sip/*.cpp only. Main thread.
#pragma once

#include <sofia-sip/sip.h>

#include <string>

#include "core/scheduler.hpp"

namespace telpanel::sip {

struct DialogTransferState {
  bool peer_replaces = false;  // Supported/Require: replaces seen from the far end
  bool refer_done = false;     // the outcome of our REFER was reported
  // Our REFER, kept to send again when the peer answers 491 (its own or our re-INVITE, e.g. the
  // hold before a consultation, is still pending on the dialog).
  std::string refer_to;
  int refer_retries = 0;
  core::TimerHandle refer_retry;
  // An incoming REFER on this dialog (copied into the backend's home): the call placed for it
  // sends NOTIFY sipfrag progress to this dialog with this Event, and carries these headers.
  sip_event_t* refer_event = nullptr;
  sip_referred_by_t* referred_by = nullptr;
  sip_replaces_t* refer_replaces = nullptr;
  // On the call placed for a REFER: the referring call, which gets our NOTIFY sipfrag reports.
  std::string notify_referrer;
};

}  // namespace telpanel::sip
