// SPDX-License-Identifier: GPL-3.0-or-later
// The Clients and Chats pages of the main window and the chat notifications, wired to the
// panel's core objects. Kept apart from gui_main.cpp so each page's wiring is one call. Main
// thread.
#pragma once

#include <gtkmm/application.h>

#include <memory>

namespace telpanel::widgets {
class MainWindow;
class TrayIcon;
}  // namespace telpanel::widgets

namespace telpanel::app {

class Panel;

class ClientChatPages {
 public:
  /// Adds the Clients page, and the Chats page when the panel has [chat]; a new chat in the
  /// queue becomes a desktop notification whose click shows the chats.
  ClientChatPages(Panel& panel, widgets::MainWindow& window, Gtk::Application& application);
  ~ClientChatPages();
  /// The tray says how many chats have unread messages, as the Chats tab's badge does.
  void show_unread_in(widgets::TrayIcon& tray);

 private:
  struct Views;
  std::unique_ptr<Views> m_views;
};

}  // namespace telpanel::app
