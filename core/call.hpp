// SPDX-License-Identifier: GPL-3.0-or-later
// The call model shared by every layer: ids, direction, state, how a call ended. Main thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/transfer.hpp"

namespace telpanel::core {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

/// Opaque, unique for the process lifetime; printed by `telpanelctl dial` and accepted back.
using CallId = std::string;

enum class CallDirection { Incoming, Outgoing };

/// Our view of a call. Ringing is used both for an incoming call that rings here and an outgoing
/// call that rings at the far end (180); Dialing is an outgoing call before any ringing.
enum class CallState { Dialing, Ringing, Answering, Active, Held, Ending, Ended };

/// Who ended a call; with the SIP status and phrase this is every call's end reason.
enum class EndedBy { Local, Remote, System };

struct CallEnd {
  EndedBy by = EndedBy::System;
  int sip_status = 0;  // 200 for a normal BYE, 486, 487, 603... 0 when no SIP response
  std::string reason;  // stable token: "hangup", "rejected", "cancelled", "busy", ...
  std::string detail;  // the phrase or what went wrong, for people
};

struct Call {
  CallId id;
  std::string account;  // account name ("" = default)
  CallDirection direction = CallDirection::Outgoing;
  std::string local_party;     // our AoR
  std::string remote_party;    // the other side's URI
  std::string remote_display;  // display name if any
  CallState state = CallState::Dialing;
  bool muted = false;
  bool remote_held = false;  // the other side put us on hold
  bool waiting = false;      // an incoming call that arrived during another call
  std::string codec;         // negotiated codec name, once known
  std::string media_error;   // last audio failure ("" = fine); the call goes on regardless
  TimePoint started_at{};
  std::optional<TimePoint> answered_at;
  std::optional<TimePoint> ended_at;
  std::optional<CallEnd> end;
  std::optional<TransferInfo> transfer;  // set while (and after) the call takes part in one
};

const char* call_state_name(CallState state);        // "dialing", "ringing", "active", ...
const char* call_direction_name(CallDirection dir);  // "incoming" / "outgoing"
const char* ended_by_name(EndedBy by);               // "local" / "remote" / "system"

/// Mints call ids: a per-process prefix and a counter ("c3f2a-1"), never reused in one run.
CallId next_call_id();

}  // namespace telpanel::core
