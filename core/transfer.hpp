// SPDX-License-Identifier: GPL-3.0-or-later
// The transfer model (XFER-1..4): what kind of transfer a call is part of and how far it got.
// Attached to core::Call; std only. Main thread.
#pragma once

#include <string>

namespace telpanel::core {

using CallId = std::string;

enum class TransferKind {
  Blind,         // REFER of an answered call to a target
  Deflect,       // 302 of a ringing incoming call
  Attended,      // consultative: this is the client's call, held while we consult
  Consultation,  // consultative: this is our call to the colleague
  Referred,      // the far end sent us a REFER: this call is being moved elsewhere
  ReferredCall,  // the new call we placed because of a REFER
  Replacing,     // an incoming INVITE with Replaces: this call replaces another one
};

enum class TransferState {
  Consulting,  // the consultation call exists; complete or cancel next
  Trying,      // REFER sent (or received), waiting for the outcome
  Succeeded,   // the other two parties are connected; our part ends
  Failed,      // the call stays with us; `detail` says why
  Cancelled,   // the consultation was given up; back to the client
};

struct TransferInfo {
  TransferKind kind = TransferKind::Blind;
  TransferState state = TransferState::Trying;
  std::string target;     // who the call goes to (URI)
  std::string by;         // who transferred (URI): us, or the far end that sent a REFER
  CallId linked;          // Attended <-> Consultation, Referred <-> ReferredCall, Replacing -> old
  int sip_status = 0;     // the last progress status (sipfrag or REFER response), 0 = none yet
  std::string detail;     // for people: what happened last, e.g. the fallback's reason
  bool replaces = false;  // Attended: the REFER carries Replaces
  bool fallback = false;  // Attended: Replaces was unsupported or refused; plain REFER used
};

const char* transfer_kind_name(TransferKind kind);     // "blind", "deflect", "attended", ...
const char* transfer_state_name(TransferState state);  // "consulting", "trying", ...

}  // namespace telpanel::core
