// SPDX-License-Identifier: GPL-3.0-or-later
// One colleague in the Colleagues page (UI-2): presence icon, name, extension and position,
// the status line ("Busy · on a call · At lunch"), greyed while unreachable, and Call /
// Transfer / Consult buttons. Updated in place. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>
#include <gtkmm/listboxrow.h>
#include <sigc++/signal.h>

#include "core/presence.hpp"

namespace telpanel::widgets {

class ColleagueRow : public Gtk::ListBoxRow {
 public:
  explicit ColleagueRow(const core::PresenceView& view);
  void update(const core::PresenceView& view);
  /// Transfer and Consult are only for while a call can be transferred.
  void set_can_transfer(bool can);
  /// Case-folded name, extension, position and groups, for the search entry.
  const Glib::ustring& haystack() const { return m_haystack; }
  const std::string& extension() const { return m_extension; }

  sigc::signal<void()>& signal_call() { return m_signal_call; }
  sigc::signal<void(bool)>& signal_transfer() { return m_signal_transfer; }  // true: consult

 private:
  std::string m_extension;
  Glib::ustring m_haystack;
  Gtk::Box m_box{Gtk::ORIENTATION_HORIZONTAL, 10};
  Gtk::Image m_icon;
  Gtk::Box m_text{Gtk::ORIENTATION_VERTICAL, 2};
  Gtk::Label m_name;
  Gtk::Label m_status;
  Gtk::Button m_call;
  Gtk::Button m_transfer;
  Gtk::Button m_consult;
  sigc::signal<void()> m_signal_call;
  sigc::signal<void(bool)> m_signal_transfer;
};

}  // namespace telpanel::widgets
