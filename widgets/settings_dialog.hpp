// SPDX-License-Identifier: GPL-3.0-or-later
// Settings (UI-6) for what the panel has today: the SIP account (address, password, auth user,
// transport, proxy, display name) and the audio devices, each with a test sound. The dialog
// only edits a SettingsForm; the app saves it (config file and keyring) and says whether a
// restart is needed. Main thread.
#pragma once

#include <gtkmm/button.h>
#include <gtkmm/checkbutton.h>
#include <gtkmm/comboboxtext.h>
#include <gtkmm/dialog.h>
#include <gtkmm/entry.h>
#include <gtkmm/grid.h>
#include <gtkmm/label.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace telpanel::widgets {

struct SettingsForm {
  std::string uri;
  std::string password;  // "" with password_changed == false: keep the stored one
  bool password_changed = false;
  std::string auth_user;
  std::string transport = "udp";
  std::string proxy;
  std::string display_name;
  std::string input;
  std::string output;
  std::string ringer;
  bool autostart = false;  // start in the tray when the person logs in
};

/// (device name for the config, description for people)
using AudioDeviceList = std::vector<std::pair<std::string, std::string>>;

struct SaveResult {
  bool ok = false;
  Glib::ustring message;  // for people: what happened, what to do
};

class SettingsDialog : public Gtk::Dialog {
 public:
  SettingsDialog(Gtk::Window& parent, const SettingsForm& current, const AudioDeviceList& inputs,
                 const AudioDeviceList& outputs);

  /// Saves the form; the dialog stays open on failure (nothing typed is lost).
  void set_saver(std::function<SaveResult(const SettingsForm&)> save) { m_save = std::move(save); }
  /// Plays a test sound on a device ("" = default).
  void set_tester(std::function<void(const std::string&)> test) { m_test = std::move(test); }

 private:
  SettingsForm read() const;
  void on_response(int response) override;
  void add_row(const Glib::ustring& label, Gtk::Widget& widget, Gtk::Widget* extra = nullptr);
  Gtk::Button* test_button(Gtk::ComboBoxText& device);

  std::function<SaveResult(const SettingsForm&)> m_save;
  std::function<void(const std::string&)> m_test;
  Gtk::Grid m_grid;
  int m_row = 0;
  Gtk::Entry m_uri, m_password, m_auth_user, m_proxy, m_display_name;
  Gtk::ComboBoxText m_transport;
  Gtk::ComboBoxText m_input{true}, m_output{true}, m_ringer{true};
  Gtk::CheckButton m_autostart;
  Gtk::Label m_result;
};

}  // namespace telpanel::widgets
