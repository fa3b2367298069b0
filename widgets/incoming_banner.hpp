// SPDX-License-Identifier: GPL-3.0-or-later
// The incoming-call banner (UI-3): its own small undecorated window above the others, shown as
// soon as the controller reports a ringing incoming call, with the caller's name or number and
// Answer / Reject / Transfer (deflect to a colleague, picked with their availability).
// IncomingBanners keeps one banner per ringing call. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/label.h>
#include <gtkmm/revealer.h>
#include <gtkmm/togglebutton.h>
#include <gtkmm/window.h>

#include <map>
#include <memory>

#include "core/call_controller.hpp"
#include "core/presence_controller.hpp"
#include "widgets/colleague_picker.hpp"

namespace telpanel::widgets {

class IncomingBannerWindow : public Gtk::Window {
 public:
  IncomingBannerWindow(core::CallController& controller, core::PresenceController* presence,
                       const core::Call& call, int slot);
  void update(const core::Call& call);

 private:
  bool on_key_press_event(GdkEventKey* event) override;
  void act(bool answer);

  core::CallController& m_controller;
  core::CallId m_id;
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::Label m_kind;
  Gtk::Label m_name;
  Gtk::Label m_number;
  Gtk::Label m_error;
  Gtk::Box m_buttons{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Button m_answer;
  Gtk::Button m_reject;
  Gtk::ToggleButton m_transfer;
  Gtk::Revealer m_picker_revealer;
  ColleaguePicker m_picker;
};

class IncomingBanners : public sigc::trackable {
 public:
  /// `presence` null: no colleague list to transfer to (the Transfer button still takes a number).
  explicit IncomingBanners(core::CallController& controller,
                           core::PresenceController* presence = nullptr);

 private:
  void on_call_changed(const core::Call& call);

  core::CallController& m_controller;
  core::PresenceController* m_presence;
  std::map<core::CallId, std::unique_ptr<IncomingBannerWindow>> m_banners;
};

}  // namespace telpanel::widgets
