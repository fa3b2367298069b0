// SPDX-License-Identifier: GPL-3.0-or-later
// SIP passwords in the desktop keyring (libsecret), keyed by account URI. Main thread; the
// lookup is synchronous and only runs at start-up for accounts without password= in the file.
#pragma once

#include <string>

#include "core/result.hpp"

namespace telpanel::app {

core::Result<std::string> lookup_account_password(const std::string& uri);
/// Stores (or replaces) the password of the account `uri`; fails when no keyring (Secret
/// Service) answers on the session bus. Synchronous: only from the settings dialog's Save.
core::Result<void> store_account_password(const std::string& uri, const std::string& password);

/// The Chatwoot api_access_token for `url` and `account_id` ([chat] without token=).
core::Result<std::string> lookup_chat_token(const std::string& url, long long account_id);

}  // namespace telpanel::app
