// SPDX-License-Identifier: GPL-3.0-or-later
// The tray item (UI-1): a StatusNotifierItem through libayatana-appindicator3 whose icon and
// title say offline / online with the own status / ringing (attention) / missed calls / unread
// chats, with a menu: Status (Online, Available / Busy / Do not disturb, as in the header's
// status menu), Dial…, Open panel, Quit. Where no tray host runs (host_present()), the app shows a
// MiniWindow with the same state instead (signal_state()). Main thread.
#pragma once

#include <gtkmm/checkmenuitem.h>
#include <gtkmm/menu.h>
#include <gtkmm/menuitem.h>
#include <gtkmm/radiomenuitem.h>
#include <gtkmm/separatormenuitem.h>
#include <sigc++/signal.h>

#include "core/call_controller.hpp"
#include "core/missed_calls.hpp"
#include "core/presence_controller.hpp"

struct _AppIndicator;

namespace telpanel::widgets {

class TrayIcon : public sigc::trackable {
 public:
  /// `presence` null: no Status submenu.
  TrayIcon(core::CallController& controller, core::MissedCalls& missed,
           core::PresenceController* presence);
  ~TrayIcon();
  TrayIcon(const TrayIcon&) = delete;
  TrayIcon& operator=(const TrayIcon&) = delete;

  /// A StatusNotifierWatcher (the tray host's registry) owns its name on the session bus.
  static bool host_present();
  /// Chats with unread messages (the same count as the Chats tab's badge): said in the title
  /// and the state entry; 0 says nothing.
  void set_unread_chats(int count);

  /// The state as the item shows it (text, icon name, attention), for a stand-in where no
  /// tray host runs; emitted on every change, and state() gives the current one.
  struct State {
    Glib::ustring text;
    Glib::ustring icon;
    bool attention = false;
  };
  const State& state() const { return m_state; }
  sigc::signal<void(const State&)>& signal_state() { return m_signal_state; }

  sigc::signal<void()>& signal_open() { return m_signal_open; }
  sigc::signal<void()>& signal_dial() { return m_signal_dial; }
  sigc::signal<void()>& signal_quit() { return m_signal_quit; }

 private:
  void refresh();
  void build_status_menu();
  void refresh_status();

  core::CallController& m_controller;
  core::MissedCalls& m_missed;
  core::PresenceController* m_presence;
  bool m_updating = false;
  int m_unread_chats = 0;
  State m_state;
  sigc::signal<void(const State&)> m_signal_state;
  _AppIndicator* m_indicator = nullptr;
  Gtk::Menu m_menu;
  Gtk::MenuItem m_state_item;
  Gtk::MenuItem m_status_item;
  Gtk::Menu m_status_menu;
  Gtk::CheckMenuItem m_online_item;
  Gtk::SeparatorMenuItem m_status_separator;
  Gtk::RadioMenuItem m_available_item;
  Gtk::RadioMenuItem m_busy_item;
  Gtk::RadioMenuItem m_dnd_item;
  Gtk::SeparatorMenuItem m_separator1;
  Gtk::MenuItem m_dial_item;
  Gtk::MenuItem m_open_item;
  Gtk::SeparatorMenuItem m_separator2;
  Gtk::MenuItem m_quit_item;
  sigc::signal<void()> m_signal_open;
  sigc::signal<void()> m_signal_dial;
  sigc::signal<void()> m_signal_quit;
};

}  // namespace telpanel::widgets
