// SPDX-License-Identifier: GPL-3.0-or-later
// A panel listing the colleagues with their availability, to pick a transfer target (UI-3
// banner: deflect; UI-4 call window: blind or consultative), plus a field for any other
// number. Embedded (in a revealer): a popover would be clipped by the small banner and call
// windows. Rebuilt from core::PresenceController by reload(). Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/entry.h>
#include <gtkmm/scrolledwindow.h>
#include <sigc++/signal.h>

#include <string>

#include "core/presence_controller.hpp"

namespace telpanel::widgets {

class ColleaguePicker : public Gtk::Box {
 public:
  /// `consult`: each colleague also gets a Consult button (consultative transfer).
  ColleaguePicker(core::PresenceController* presence, bool consult);

  /// Lists the colleagues as they are now and clears the number field.
  void reload();
  /// (target, consult): the person chose where the call goes.
  sigc::signal<void(const std::string&, bool)>& signal_picked() { return m_signal_picked; }

 private:
  void pick(const std::string& target, bool consult);

  core::PresenceController* m_presence;
  bool m_consult;
  Gtk::ScrolledWindow m_scroll;
  Gtk::Box m_rows{Gtk::ORIENTATION_VERTICAL, 2};
  Gtk::Box m_other{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Entry m_number;
  sigc::signal<void(const std::string&, bool)> m_signal_picked;
};

}  // namespace telpanel::widgets
