// SPDX-License-Identifier: GPL-3.0-or-later
// A popover listing the colleagues with their availability, to pick a transfer target (UI-3
// banner: deflect; UI-4 call window: blind or consultative), plus a field for any other
// number. Rebuilt from core::PresenceController each time it opens. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/entry.h>
#include <gtkmm/popover.h>
#include <gtkmm/scrolledwindow.h>
#include <sigc++/signal.h>

#include <string>

#include "core/presence_controller.hpp"

namespace telpanel::widgets {

class ColleaguePicker : public Gtk::Popover {
 public:
  /// `consult`: each colleague also gets a Consult button (consultative transfer).
  ColleaguePicker(core::PresenceController* presence, bool consult);

  /// (target, consult): the person chose where the call goes.
  sigc::signal<void(const std::string&, bool)>& signal_picked() { return m_signal_picked; }

 private:
  void rebuild();
  void pick(const std::string& target, bool consult);

  core::PresenceController* m_presence;
  bool m_consult;
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::ScrolledWindow m_scroll;
  Gtk::Box m_rows{Gtk::ORIENTATION_VERTICAL, 2};
  Gtk::Box m_other{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Entry m_number;
  sigc::signal<void(const std::string&, bool)> m_signal_picked;
};

}  // namespace telpanel::widgets
