// SPDX-License-Identifier: GPL-3.0-or-later
// The twelve phone keys (1-9, *, 0, #) with their letters; used to type a number in the Calls
// page and to send DTMF in the call window. Main thread.
#pragma once

#include <gtkmm/grid.h>
#include <sigc++/signal.h>

namespace telpanel::widgets {

class DialPad : public Gtk::Grid {
 public:
  DialPad();
  /// A key was pressed: '0'-'9', '*' or '#'.
  sigc::signal<void(char)>& signal_key() { return m_signal_key; }

 private:
  sigc::signal<void(char)> m_signal_key;
};

}  // namespace telpanel::widgets
