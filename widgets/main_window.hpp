// SPDX-License-Identifier: GPL-3.0-or-later
// The panel's main window until the full panel UI lands: registration state, the calls with
// Answer / Hold / Hang up, and a dial entry. A view over core::CallController only. Main thread.
#pragma once

#include <gtkmm/applicationwindow.h>
#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/entry.h>
#include <gtkmm/headerbar.h>
#include <gtkmm/label.h>
#include <gtkmm/listbox.h>

#include <string>

#include "core/call_controller.hpp"

namespace telpanel::widgets {

class MainWindow : public Gtk::ApplicationWindow {
 public:
  MainWindow(core::CallController& controller, const std::string& config_path);

 private:
  void refresh_registration();
  void refresh_calls();
  void on_dial();
  void show_error(const core::Error& error);

  core::CallController& m_controller;
  std::string m_config_path;
  Gtk::HeaderBar m_header;
  Gtk::Box m_box{Gtk::ORIENTATION_VERTICAL, 12};
  Gtk::Label m_registration;
  Gtk::Box m_dial_row{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Entry m_number;
  Gtk::Button m_dial;
  Gtk::Label m_error;
  Gtk::ListBox m_calls;
  Glib::ustring m_calls_shown;  // what the rows show now (see refresh_calls)
  bool m_calls_built = false;
};

}  // namespace telpanel::widgets
