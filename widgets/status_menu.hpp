// SPDX-License-Identifier: GPL-3.0-or-later
// The own status menu in the header bar (PRES-7): a button showing the status (icon + text,
// "was here HH:MM" while auto-away holds) that opens a popover with Online, Available / Busy /
// Do not disturb and the text status. A view over core::PresenceController. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/checkbutton.h>
#include <gtkmm/entry.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/popover.h>
#include <gtkmm/radiobutton.h>

#include "core/presence_controller.hpp"

namespace telpanel::widgets {

class StatusMenuButton : public Gtk::MenuButton {
 public:
  explicit StatusMenuButton(core::PresenceController& presence);

 private:
  void refresh();
  void report(const core::Result<void>& r);
  void choose(core::Presence presence, Gtk::RadioButton& button);

  core::PresenceController& m_presence;
  bool m_updating = false;  // set_active from refresh() must not send commands back
  Gtk::Box m_face{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Image m_icon;
  Gtk::Label m_label;
  Gtk::Popover m_popover;
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::CheckButton m_online;
  Gtk::RadioButton m_available;
  Gtk::RadioButton m_busy;
  Gtk::RadioButton m_dnd;
  Gtk::Label m_away;
  Gtk::Box m_text_box{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Entry m_text;
  Gtk::Button m_set_text;
  Gtk::Label m_error;
};

}  // namespace telpanel::widgets
