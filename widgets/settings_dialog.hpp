// SPDX-License-Identifier: GPL-3.0-or-later
// Settings (UI-6): one preferences window with a page per subject — Account, Audio (with a test
// sound), Calls (the personal settings, applied at once), Presence, Chats (with a connection
// test), Numbers and General (autostart). The dialog only edits a SettingsForm; the app saves it
// (config file, keyring, the running panel) and says what is applied and what waits for a
// restart. Pages are built in settings_dialog_pages_*.cpp. Main thread.
#pragma once

#include <gtkmm/button.h>
#include <gtkmm/checkbutton.h>
#include <gtkmm/comboboxtext.h>
#include <gtkmm/dialog.h>
#include <gtkmm/entry.h>
#include <gtkmm/grid.h>
#include <gtkmm/label.h>
#include <gtkmm/spinbutton.h>
#include <gtkmm/stack.h>
#include <gtkmm/stacksidebar.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "widgets/settings_form.hpp"

namespace telpanel::widgets {

class SettingsDialog : public Gtk::Dialog {
 public:
  SettingsDialog(Gtk::Window& parent, const SettingsForm& current, const AudioDeviceList& inputs,
                 const AudioDeviceList& outputs, const RegionList& regions);
  ~SettingsDialog() override;

  /// Saves the form and calls `done(result)`, maybe later on the main loop (the keyring may
  /// prompt); the dialog stays open on failure (nothing typed is lost).
  using Saver = std::function<void(const SettingsForm&, std::function<void(SaveResult)> done)>;
  void set_saver(Saver save) { m_save = std::move(save); }
  /// Plays a test sound on a device ("" = default).
  void set_tester(std::function<void(const std::string&)> test) { m_test = std::move(test); }
  /// Asks the chat server who the typed token belongs to; `done(ok, message)` runs later on the
  /// main loop (never before the call returns).
  using ChatTester =
      std::function<void(const SettingsForm&, std::function<void(bool, const Glib::ustring&)>)>;
  void set_chat_tester(ChatTester test) { m_chat_test = std::move(test); }
  /// Shows the page `id` ("account", "audio", "calls", "presence", "chats", "numbers",
  /// "general").
  void show_page(const std::string& id) { m_stack.set_visible_child(id); }

 private:
  SettingsForm read() const;
  void on_response(int response) override;
  Gtk::Grid& begin_page(const char* id, const Glib::ustring& title);
  void add_row(const Glib::ustring& label, Gtk::Widget& widget, Gtk::Widget* extra = nullptr);
  void add_note(const Glib::ustring& text);
  void add_check(Gtk::CheckButton& check, const Glib::ustring& label, bool active);
  Gtk::Button* test_button(Gtk::ComboBoxText& device);
  void build_account(const SettingsForm& f);  // settings_dialog_accounts.cpp
  void show_account(size_t index);
  void keep_shown_account();
  void fill_account_picker();
  void ask_account_name();
  void add_account(const std::string& name);
  void remove_shown_account();
  void select_account(const std::string& name);
  void build_audio(const SettingsForm& f, const AudioDeviceList& inputs,
                   const AudioDeviceList& outputs);
  void build_calls(const SettingsForm& f);
  void build_presence(const SettingsForm& f);
  void build_chats(const SettingsForm& f);
  void build_numbers(const SettingsForm& f, const RegionList& regions);
  void build_general(const SettingsForm& f);
  void update_calls_sensitivity();
  void read_phone_pages(SettingsForm& f) const;  // Audio, Calls, Presence, General
  void read_chat_pages(SettingsForm& f) const;   // Chats, Numbers
  void test_chat();
  void hide_result_on_edit();

  void show_saved(const SettingsForm& saved, const SaveResult& r);

  Saver m_save;
  std::function<void(const std::string&)> m_test;
  ChatTester m_chat_test;
  SettingsForm m_initial;
  RegionList m_regions;
  // Outlives a dialog closed while a connection test runs: the answer then goes nowhere.
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);

  Gtk::Stack m_stack;
  Gtk::StackSidebar m_sidebar;
  Gtk::Grid* m_grid = nullptr;  // the page being built
  int m_row = 0;
  // Account: every account as typed so far, [0] the default one; the fields show m_shown.
  std::vector<AccountForm> m_accounts;
  size_t m_shown = 0;
  bool m_filling = false;  // the fields are being filled from m_accounts, not edited
  Gtk::ComboBoxText m_account_pick;
  Gtk::Button m_add_account, m_remove_account;
  std::unique_ptr<Gtk::Dialog> m_name_dialog;  // Add account…'s question
  Gtk::Entry m_uri, m_password, m_auth_user, m_proxy, m_display_name;
  Gtk::ComboBoxText m_transport;
  // Audio
  Gtk::ComboBoxText m_input{true}, m_output{true}, m_ringer{true};
  // Calls
  Gtk::CheckButton m_calls_enabled;
  Gtk::ComboBoxText m_recording, m_on_incoming, m_on_outgoing, m_new_client;
  Gtk::Entry m_action_url, m_action_command, m_new_client_url;
  // Presence
  Gtk::SpinButton m_away_minutes;
  // Chats
  Gtk::Entry m_chat_url, m_chat_account, m_chat_token, m_chat_ca;
  Gtk::Button m_chat_test_button;
  Gtk::Label m_chat_test_result;
  // Numbers
  Gtk::ComboBoxText m_region{true}, m_extension_length{true};
  // General
  Gtk::CheckButton m_autostart, m_start_minimized;

  Gtk::Label m_result;
};

}  // namespace telpanel::widgets
