// SPDX-License-Identifier: GPL-3.0-or-later
// One call in the call window (UI-4): who, state, talk timer, and Hold, Mute, Keypad (DTMF)
// and Hang up; Transfer (blind or consultative, to a colleague) and, during a consultation,
// Complete transfer / Cancel. Updated in place, so a click is never lost to a rebuild. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/label.h>
#include <gtkmm/listboxrow.h>
#include <gtkmm/revealer.h>
#include <gtkmm/togglebutton.h>

#include "core/call_controller.hpp"
#include "core/presence_controller.hpp"
#include "widgets/colleague_picker.hpp"
#include "widgets/dial_pad.hpp"

namespace telpanel::widgets {

class CallRow : public Gtk::ListBoxRow {
 public:
  CallRow(core::CallController& controller, core::PresenceController* presence,
          const core::Call& call);
  void update(const core::Call& call);
  /// Refreshes the talk timer (called every second by the window).
  void tick();
  void hang_up();
  void toggle_mute();

 private:
  void report(const core::Result<void>& r);

  core::CallController& m_controller;
  core::CallId m_id;
  std::optional<core::TimePoint> m_answered_at;
  bool m_updating = false;  // set_active from update() must not send commands back
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::Box m_top{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Label m_name;
  Gtk::Label m_timer;
  Gtk::Label m_state;
  Gtk::Label m_error;
  Gtk::Box m_buttons{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::ToggleButton m_mute;
  Gtk::ToggleButton m_hold;
  Gtk::ToggleButton m_keypad;
  Gtk::Button m_hang_up;
  Gtk::ToggleButton m_transfer;
  Gtk::Revealer m_picker_revealer;
  ColleaguePicker m_picker;
  Gtk::Box m_consult_box{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Button m_complete;
  Gtk::Button m_cancel;
  Gtk::Revealer m_pad_revealer;
  DialPad m_pad;
};

}  // namespace telpanel::widgets
