// SPDX-License-Identifier: GPL-3.0-or-later
// One call in the call window (UI-4): who, state, talk timer, and Hold, Mute, Keypad (DTMF)
// and Hang up; Transfer (blind or consultative, to a colleague) and, during a consultation,
// Complete transfer / Cancel; Record (REC-1) with a red "REC" mark while a part is written. Updated
// in place, so a click is never lost to a rebuild. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/label.h>
#include <gtkmm/listboxrow.h>
#include <gtkmm/revealer.h>
#include <gtkmm/togglebutton.h>

#include "core/call_controller.hpp"
#include "core/call_recorder.hpp"
#include "core/personal_settings.hpp"
#include "core/presence_controller.hpp"
#include "widgets/colleague_picker.hpp"
#include "widgets/dial_pad.hpp"

namespace telpanel::widgets {

class CallRow : public Gtk::ListBoxRow {
 public:
  /// `recorder` and `settings` may be null (no Record button then).
  CallRow(core::CallController& controller, core::PresenceController* presence,
          core::CallRecorder* recorder, core::PersonalSettingsKeeper* settings,
          const core::Call& call);
  void update(const core::Call& call);
  /// Refreshes the talk timer (called every second by the window).
  void tick();
  void hang_up();
  void toggle_mute();

 private:
  void report(const core::Result<void>& r);
  void build_record();
  void on_recording(const core::RecordingEvent& e);
  void on_settings(const core::PersonalSettings& s);
  /// The Record button and the REC mark from the mode, the call's state and the recorder.
  void update_record();

  core::CallController& m_controller;
  core::CallRecorder* m_recorder;
  core::PersonalSettingsKeeper* m_settings;
  core::CallId m_id;
  bool m_up = false;  // active or held: the call's buttons work
  std::optional<core::TimePoint> m_answered_at;
  bool m_updating = false;  // set_active from update() must not send commands back
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::Box m_top{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Label m_name;
  Gtk::Label m_rec_mark;
  Gtk::Label m_timer;
  Gtk::Label m_state;
  Gtk::Label m_error;
  Gtk::Label m_record_error;  // a failed part's reason, until the next part starts
  Gtk::Box m_buttons{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::ToggleButton m_mute;
  Gtk::ToggleButton m_hold;
  Gtk::ToggleButton m_keypad;
  Gtk::Button m_hang_up;
  Gtk::ToggleButton m_transfer;
  Gtk::ToggleButton m_record;
  Gtk::Revealer m_picker_revealer;
  ColleaguePicker m_picker;
  Gtk::Box m_consult_box{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Button m_complete;
  Gtk::Button m_cancel;
  Gtk::Revealer m_pad_revealer;
  DialPad m_pad;
};

}  // namespace telpanel::widgets
