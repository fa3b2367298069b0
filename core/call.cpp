// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace telpanel::core {

const char* call_state_name(CallState state) {
  switch (state) {
    case CallState::Dialing:
      return "dialing";
    case CallState::Ringing:
      return "ringing";
    case CallState::Answering:
      return "answering";
    case CallState::Active:
      return "active";
    case CallState::Held:
      return "held";
    case CallState::Ending:
      return "ending";
    case CallState::Ended:
      return "ended";
  }
  return "ended";
}

const char* call_direction_name(CallDirection dir) {
  return dir == CallDirection::Incoming ? "incoming" : "outgoing";
}

const char* ended_by_name(EndedBy by) {
  switch (by) {
    case EndedBy::Local:
      return "local";
    case EndedBy::Remote:
      return "remote";
    case EndedBy::System:
      return "system";
  }
  return "system";
}

CallId next_call_id() {
  // The prefix comes from the start time so ids from two runs (journal, logs) do not collide.
  static const unsigned prefix =
      static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count() & 0xfffff);
  static std::atomic<unsigned> counter{0};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%05x-%u", prefix, ++counter);
  return buf;
}

}  // namespace telpanel::core
