// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/missed_calls.hpp"

namespace telpanel::core {

MissedCalls::MissedCalls(CallController& calls) {
  calls.signal_call_changed().connect(sigc::mem_fun(*this, &MissedCalls::on_call_changed));
}

bool MissedCalls::is_missed(const Call& call) {
  return call.direction == CallDirection::Incoming && call.state == CallState::Ended &&
         !call.answered_at && !(call.end && call.end->by == EndedBy::Local);
}

void MissedCalls::acknowledge() {
  if (m_count == 0) return;
  m_count = 0;
  m_signal_count_changed.emit(m_count);
}

void MissedCalls::on_call_changed(const Call& call) {
  if (!is_missed(call)) return;
  ++m_count;
  m_signal_count_changed.emit(m_count);
  m_signal_missed.emit(call);
}

}  // namespace telpanel::core
