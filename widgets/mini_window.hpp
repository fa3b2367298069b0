// SPDX-License-Identifier: GPL-3.0-or-later
// The tray's stand-in (UI-1) where no tray host runs (GNOME without the AppIndicator
// extension, a bare window manager): closing the main window leaves this small window with the
// panel's state — online or not, missed calls, unread chats, a call ringing — and Open panel,
// Dial… and Quit, so the phone keeps running in sight instead of quitting. Closing it quits.
// Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>
#include <gtkmm/window.h>
#include <sigc++/signal.h>

namespace telpanel::widgets {

class MiniWindow : public Gtk::Window {
 public:
  MiniWindow();
  /// What the tray item would show: its text, icon name, and whether a call asks for attention.
  void set_state(const Glib::ustring& text, const Glib::ustring& icon, bool attention);

  sigc::signal<void()>& signal_open() { return m_signal_open; }
  sigc::signal<void()>& signal_dial() { return m_signal_dial; }
  sigc::signal<void()>& signal_quit() { return m_signal_quit; }

 private:
  bool on_delete_event(GdkEventAny* event) override;

  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::Box m_state_row{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Image m_icon;
  Gtk::Label m_state;
  Gtk::Box m_buttons{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Button m_open, m_dial, m_quit;
  sigc::signal<void()> m_signal_open, m_signal_dial, m_signal_quit;
};

}  // namespace telpanel::widgets
