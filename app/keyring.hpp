// SPDX-License-Identifier: GPL-3.0-or-later
// SIP passwords (keyed by account URI) and chat tokens (by server URL and account) in the
// desktop keyring (libsecret). Main thread. Lookups at start-up are synchronous: they run for
// secrets not in the file before the panel serves anything. Stores and removals (the settings
// dialog's Save) are asynchronous: a locked or new keyring asks its password in a prompt, and
// the panel must keep handling calls meanwhile.
#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"

namespace telpanel::app {

core::Result<std::string> lookup_account_password(const std::string& uri);
/// What a store or removal answered: nothing, or why not (no keyring on the session bus, the
/// prompt dismissed, ...). Called later on the main loop, never from inside the call.
using KeyringDone = std::function<void(core::Result<void>)>;

/// Stores (or replaces) the password of the account `uri`.
void store_account_password(const std::string& uri, const std::string& password, KeyringDone done);
/// Removes the password of the account `uri` (nothing stored is no error).
void forget_account_password(const std::string& uri, KeyringDone done);

/// The Chatwoot api_access_token for `url` and `account_id` ([chat] without token=).
core::Result<std::string> lookup_chat_token(const std::string& url, long long account_id);
/// The same without waiting (the settings dialog's Test connection): `done` runs later on the
/// main loop.
void lookup_chat_token(const std::string& url, long long account_id,
                       std::function<void(core::Result<std::string>)> done);
/// Stores (or replaces) that token.
void store_chat_token(const std::string& url, long long account_id, const std::string& token,
                      KeyringDone done);

}  // namespace telpanel::app
