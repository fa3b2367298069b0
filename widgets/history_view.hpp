// SPDX-License-Identifier: GPL-3.0-or-later
// Recent calls from the journal (core::CallHistory::recent), newest first, each with a
// one-click call back button. Reloads when a call ends. Main thread.
#pragma once

#include <gtkmm/listbox.h>
#include <gtkmm/scrolledwindow.h>
#include <sigc++/signal.h>

#include <string>

#include "core/call_history.hpp"

namespace telpanel::widgets {

class HistoryView : public Gtk::ScrolledWindow {
 public:
  /// `history` may be null (no journal): the list stays empty and says why.
  explicit HistoryView(core::CallHistory* history);
  void reload();
  /// The person asked to call this party back (the journal's remote URI).
  sigc::signal<void(const std::string&)>& signal_call_back() { return m_signal_call_back; }

 private:
  Gtk::Widget* make_row(const core::JournalEntry& entry);

  core::CallHistory* m_history;
  Gtk::ListBox m_list;
  sigc::signal<void(const std::string&)> m_signal_call_back;
};

}  // namespace telpanel::widgets
