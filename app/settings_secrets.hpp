// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's Save and the keyring: the passwords and the chat token typed in the
// dialog go to the keyring first (asynchronously: a locked keyring prompts, the panel runs on),
// then the file is written knowing which ones the keyring took; afterwards the keyring forgets
// the passwords of addresses no account has any more. Main thread.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "widgets/settings_form.hpp"

namespace telpanel::app {

/// What the keyring took of the secrets typed in the dialog; the rest go into the file.
struct StoredSecrets {
  std::set<std::string> accounts;  // URIs whose typed password is in the keyring now
  bool chat_token = false;
};

/// Stores every password typed in `f` (under its account's address) and the chat token when
/// typed, one after the other; `done` runs on the main loop once all have answered.
void store_typed_secrets(const widgets::SettingsForm& f, std::function<void(StoredSecrets)> done);

/// A password kept in the keyring is filed under its account's address: an account whose
/// address changed while its password is not in the file (`in_file(group)` is false) needs it
/// typed again. The refusal names the account.
widgets::SaveResult check_moved_passwords(const widgets::SettingsForm& before,
                                          const widgets::SettingsForm& after,
                                          const std::function<bool(const std::string&)>& in_file);

/// After the file is written: the keyring forgets the passwords of addresses that no account
/// of `after` has (removed accounts, changed addresses), then `done` runs. Failures are only
/// logged: the file no longer points at those secrets.
void forget_dropped_passwords(const widgets::SettingsForm& before,
                              const widgets::SettingsForm& after, std::function<void()> done);

}  // namespace telpanel::app
