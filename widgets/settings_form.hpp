// SPDX-License-Identifier: GPL-3.0-or-later
// What the settings dialog edits (UI-6), as plain values: the config-file keys, the personal
// settings of the running panel (core::PersonalSettings' text form) and autostart. The app
// fills it, the dialog edits a copy, the app saves it. Main thread.
#pragma once

#include <glibmm/ustring.h>

#include <string>
#include <utility>
#include <vector>

namespace telpanel::widgets {

/// One SIP account's fields: the default [account] (name "") or an [account:NAME].
struct AccountForm {
  std::string name;
  std::string uri;
  std::string password;  // "" with password_changed == false: keep the stored one
  bool password_changed = false;
  std::string auth_user;
  std::string transport = "udp";
  std::string proxy;
  std::string display_name;
  bool operator==(const AccountForm&) const = default;
};

struct SettingsForm {
  AccountForm account;  // the default one ([account], name ""); the named ones follow
  // [account:NAME] groups in file order; one removed here is deleted from the file on Save.
  std::vector<AccountForm> accounts;
  // Audio ([audio])
  std::string input;
  std::string output;
  std::string ringer;
  // Calls: core::PersonalSettings::entries() (key, value), applied at once by the panel
  std::vector<std::pair<std::string, std::string>> personal;
  // Presence ([presence] away_after, seconds; 0 = off)
  int away_after_s = 300;
  // Chats ([chat])
  std::string chat_url;
  std::string chat_account_id;  // text as typed; checked on save
  std::string chat_token;       // "" with chat_token_changed == false: keep the stored one
  bool chat_token_changed = false;
  bool chat_token_stored = false;  // a token is in the file or the keyring already
  std::string chat_ca_file;
  // Numbers ([general])
  std::string region = "RU";
  std::string extension_length = "2-5";
  // General
  bool autostart = false;        // start in the tray when the person logs in (XDG autostart)
  bool start_minimized = false;  // [general] start_minimized

  /// After a Save: the typed passwords are stored, so no account's password is "changed" now.
  void forget_password_changes() {
    account.password_changed = false;
    for (auto& a : accounts) a.password_changed = false;
  }

  /// The value of a personal setting ("" when absent).
  std::string personal_value(const std::string& key) const {
    for (const auto& [k, v] : personal)
      if (k == key) return v;
    return {};
  }
};

/// (device name for the config, description for people)
using AudioDeviceList = std::vector<std::pair<std::string, std::string>>;
/// (ISO 3166 region code, country name for people), sorted by name
using RegionList = std::vector<std::pair<std::string, std::string>>;

struct SaveResult {
  SaveResult() = default;
  SaveResult(bool ok_, Glib::ustring message_, std::string page_ = {}, std::string account_ = {})
      : ok(ok_),
        message(std::move(message_)),
        page(std::move(page_)),
        account(std::move(account_)) {}

  bool ok = false;
  Glib::ustring message;  // for people: what happened, what to do
  std::string page;       // the page the problem is on ("account", "calls", ...; "" = none)
  std::string account;    // with page "account": the account it is in ("" = the default one)
};

}  // namespace telpanel::widgets
