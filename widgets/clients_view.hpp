// SPDX-License-Identifier: GPL-3.0-or-later
// The Clients page (UI-2, DIR-4/7): a smart search over core::ClientDirectory that ranks hits
// as you type, each hit with Call and Write, and the client's card (contacts, phones and the
// full call history) in a dialog. A view over core; no SQL here. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/listbox.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/searchentry.h>

#include <functional>
#include <memory>
#include <string>

#include "core/call_controller.hpp"
#include "core/call_history.hpp"
#include "core/client_directory.hpp"

namespace telpanel::widgets {

class ClientsView : public Gtk::Box {
 public:
  /// Starts a chat with `phone` of client `name` (the app opens the Chats page).
  using WriteHandler = std::function<void(const std::string& phone, const std::string& name)>;

  ClientsView(core::ClientDirectory& directory, core::CallHistory* history,
              core::CallController& controller);

  /// Enables Write; without a handler Write stays insensitive with `why_not` as its tooltip.
  void set_writer(WriteHandler writer);
  void focus_search();

 private:
  void run_search();
  Gtk::Widget* make_row(const core::SearchHit& hit);
  void show_card(core::ClientId id);

  core::ClientDirectory& m_directory;
  core::CallHistory* m_history;
  core::CallController& m_controller;
  WriteHandler m_writer;
  Gtk::SearchEntry m_search;
  Gtk::ScrolledWindow m_scroll;
  Gtk::ListBox m_list;
  Gtk::Label m_placeholder;
  std::unique_ptr<Gtk::Window> m_card;
};

}  // namespace telpanel::widgets
