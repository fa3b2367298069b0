// SPDX-License-Identifier: GPL-3.0-or-later
// The panel's main window (UI-2): a header bar with the account state, a page switcher and the
// main menu, and a stack of pages (Calls now; each further view is one widget added with
// add_page). A view over core::CallController. Main thread.
#pragma once

#include <gtkmm/applicationwindow.h>
#include <gtkmm/box.h>
#include <gtkmm/headerbar.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/stack.h>
#include <gtkmm/stackswitcher.h>

#include <map>
#include <string>

#include "core/call_controller.hpp"
#include "widgets/calls_view.hpp"

namespace telpanel::widgets {

class MainWindow : public Gtk::ApplicationWindow {
 public:
  MainWindow(core::CallController& controller, core::CallHistory* history,
             const std::string& config_path);

  /// Adds a page to the switcher (e.g. Colleagues, Chats); `name` is its stable id.
  void add_page(Gtk::Widget& page, const std::string& name, const Glib::ustring& title);
  /// Puts the own status menu (PRES-7) in the header bar after the account state; Ctrl+Shift+S
  /// opens it (Alt+S would lose to the mnemonics: GTK prefers a mnemonic over an accelerator on the
  /// same key).
  void set_status_menu(Gtk::MenuButton& button);
  /// A count after page `name`'s title in the switcher ("Chats 3") with GTK's needs-attention
  /// dot, e.g. chats with unread messages; `description` is read out by screen readers and shown
  /// as the tooltip. 0 takes the badge away.
  void set_page_badge(const std::string& name, int count, const Glib::ustring& description);
  /// Brings page `name` (as given to add_page) to the front and presents the window.
  void show_page(const std::string& name);
  /// Shows the Calls page with the keyboard in the number entry.
  void show_dial();
  /// A line under the header for things the person must know (e.g. the demo environment).
  void set_notice(const Glib::ustring& text);

  CallsView& calls_view() { return m_calls; }
  /// The person wants to see the calls in progress (the app shows the call window).
  sigc::signal<void()>& signal_show_calls() { return m_calls.signal_show_calls(); }

 private:
  void refresh_registration();

  core::CallController& m_controller;
  std::string m_config_path;
  Gtk::HeaderBar m_header;
  Gtk::StackSwitcher m_switcher;
  Gtk::Box m_account_box{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Image m_account_icon;
  Gtk::Label m_account_state;
  Gtk::MenuButton m_menu_button;
  Gtk::MenuButton* m_status_button = nullptr;
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 0};
  Gtk::Label m_notice;
  Gtk::Label m_account_error;  // why the account is not connected, in full
  Gtk::Stack m_stack;
  std::map<std::string, Glib::ustring> m_page_titles;  // without a badge
  CallsView m_calls;
};

}  // namespace telpanel::widgets
