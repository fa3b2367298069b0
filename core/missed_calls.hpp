// SPDX-License-Identifier: GPL-3.0-or-later
// Counts missed calls (incoming, never answered, not rejected here) until the person has seen
// them; feeds the tray state and the desktop notification (UI-1). Main thread.
#pragma once

#include <sigc++/signal.h>
#include <sigc++/trackable.h>

#include "core/call_controller.hpp"

namespace telpanel::core {

class MissedCalls : public sigc::trackable {
 public:
  explicit MissedCalls(CallController& calls);

  /// True for a call that ended unanswered without us declining it.
  static bool is_missed(const Call& call);

  int count() const { return m_count; }
  /// The person has seen them (opened the panel): the count goes back to 0.
  void acknowledge();

  /// A call was just missed (after the count grew).
  sigc::signal<void(const Call&)>& signal_missed() { return m_signal_missed; }
  sigc::signal<void(int)>& signal_count_changed() { return m_signal_count_changed; }

 private:
  void on_call_changed(const Call& call);

  int m_count = 0;
  sigc::signal<void(const Call&)> m_signal_missed;
  sigc::signal<void(int)> m_signal_count_changed;
};

}  // namespace telpanel::core
