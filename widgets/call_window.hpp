// SPDX-License-Identifier: GPL-3.0-or-later
// The call window (UI-4): every call in progress (not the ones still ringing here: those have
// their banner), one CallRow each. It shows itself when a call starts and hides when the last
// one ends; closing it leaves the calls running. Main thread.
#pragma once

#include <gtkmm/headerbar.h>
#include <gtkmm/listbox.h>
#include <gtkmm/window.h>

#include <map>

#include "core/call_controller.hpp"
#include "core/presence_controller.hpp"
#include "widgets/call_row.hpp"

namespace telpanel::widgets {

class CallWindow : public Gtk::Window {
 public:
  /// `recorder` and `settings` (REC-1: the Record button and its mode) may be null.
  explicit CallWindow(core::CallController& controller,
                      core::PresenceController* presence = nullptr,
                      core::CallRecorder* recorder = nullptr,
                      core::PersonalSettingsKeeper* settings = nullptr);
  ~CallWindow() override;
  /// Shows the window if there is a call to show.
  void present_calls();

 private:
  void on_call_changed(const core::Call& call);
  bool on_key_press_event(GdkEventKey* event) override;
  CallRow* focused_row();

  core::CallController& m_controller;
  core::PresenceController* m_presence;
  core::CallRecorder* m_recorder;
  core::PersonalSettingsKeeper* m_settings;
  Gtk::HeaderBar m_header;
  Gtk::ListBox m_list;
  std::map<core::CallId, CallRow*> m_rows;  // managed by m_list
  sigc::connection m_timer;
};

}  // namespace telpanel::widgets
