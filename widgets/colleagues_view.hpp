// SPDX-License-Identifier: GPL-3.0-or-later
// The Colleagues page (UI-2, PRES-5): every configured colleague with presence, text status,
// "on a call", unreachable greyed and last seen, a search entry, and per row Call, Transfer
// (blind, of the current call) and Consult (consultative). Live from
// core::PresenceController's signals. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/label.h>
#include <gtkmm/listbox.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/searchentry.h>

#include <map>
#include <optional>

#include "core/call_controller.hpp"
#include "core/presence_controller.hpp"
#include "widgets/colleague_row.hpp"

namespace telpanel::widgets {

/// The call a Transfer button means: the answered (talking, else held) call that is not
/// already part of a transfer; none when there is no such call.
std::optional<core::CallId> transferable_call(const core::CallController& controller);

class ColleaguesView : public Gtk::Box {
 public:
  ColleaguesView(core::CallController& controller, core::PresenceController& presence);

  /// Keyboard focus to the search entry.
  void focus_search();

 private:
  void on_colleague_changed(const core::PresenceView& view);
  void refresh_transfer();
  void transfer(const std::string& extension, bool consult);
  void report(const std::string& error);

  core::CallController& m_controller;
  core::PresenceController& m_presence;
  Gtk::SearchEntry m_search;
  Gtk::Label m_hint;
  Gtk::Label m_error;
  Gtk::ScrolledWindow m_scroll;
  Gtk::ListBox m_list;
  Gtk::Label m_empty;
  std::map<std::string, ColleagueRow*> m_rows;  // managed by m_list
};

}  // namespace telpanel::widgets
