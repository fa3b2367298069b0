// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's "Calls" page (UI-2, UI-5): a number entry that takes typed or pasted
// numbers in any formatting, a dial pad, a bar while calls are in progress, and the recent
// calls with call back. A view over core::CallController and core::CallHistory. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/entry.h>
#include <gtkmm/infobar.h>
#include <gtkmm/label.h>
#include <gtkmm/revealer.h>
#include <gtkmm/togglebutton.h>

#include "core/call_controller.hpp"
#include "widgets/dial_pad.hpp"
#include "widgets/history_view.hpp"

namespace telpanel::widgets {

class CallsView : public Gtk::Box {
 public:
  CallsView(core::CallController& controller, core::CallHistory* history);

  /// Keyboard focus to the number entry (tray "Dial…", Ctrl+L).
  void focus_entry();
  /// The person wants to see the calls in progress.
  sigc::signal<void()>& signal_show_calls() { return m_signal_show_calls; }

 private:
  void dial(const std::string& target);
  void on_call_changed(const core::Call& call);
  void on_key(char key);

  core::CallController& m_controller;
  Gtk::Box m_dial_row{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Entry m_number;
  Gtk::ToggleButton m_pad_toggle;
  Gtk::Button m_dial;
  Gtk::Label m_error;
  Gtk::Revealer m_pad_revealer;
  DialPad m_pad;
  Gtk::InfoBar m_in_call;
  Gtk::Label m_in_call_text;
  Gtk::Label m_recent_title;
  HistoryView m_history;
  sigc::signal<void()> m_signal_show_calls;
};

}  // namespace telpanel::widgets
