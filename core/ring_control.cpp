// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ring_control.hpp"

#include <sigc++/adaptors/hide.h>

namespace telpanel::core {

RingControl::RingControl(CallController& calls, Ringer& ringer) : m_calls(calls), m_ringer(ringer) {
  calls.signal_call_changed().connect(sigc::hide(sigc::mem_fun(*this, &RingControl::update)));
}

RingControl::~RingControl() {
  if (m_playing) m_ringer.stop();
}

std::optional<RingKind> RingControl::wanted(const std::vector<Call>& calls) {
  bool ringing = false;
  bool busy = false;
  for (const auto& c : calls) {
    if (c.direction == CallDirection::Incoming && c.state == CallState::Ringing)
      ringing = true;
    else if (c.state != CallState::Ending && c.state != CallState::Ended)
      busy = true;  // talking, on hold, or dialing out: a full ring would drown it
  }
  if (!ringing) return std::nullopt;
  return busy ? RingKind::CallWaiting : RingKind::Incoming;
}

void RingControl::update() {
  const auto want = wanted(m_calls.calls());
  if (want == m_playing) return;
  m_playing = want;
  if (want)
    m_ringer.start(*want);
  else
    m_ringer.stop();
}

}  // namespace telpanel::core
