// SPDX-License-Identifier: GPL-3.0-or-later
// SIP passwords (keyed by account URI) and chat tokens (by server URL and account) in the
// desktop keyring (libsecret). Main thread; synchronous: lookups run at start-up for secrets
// not in the file, stores and removals only from the settings dialog's Save.
#pragma once

#include <string>

#include "core/result.hpp"

namespace telpanel::app {

core::Result<std::string> lookup_account_password(const std::string& uri);
/// Stores (or replaces) the password of the account `uri`; fails when no keyring (Secret
/// Service) answers on the session bus. Synchronous: only from the settings dialog's Save.
core::Result<void> store_account_password(const std::string& uri, const std::string& password);

/// Removes the password of the account `uri` (nothing stored is no error); fails like
/// store_account_password without a keyring.
core::Result<void> forget_account_password(const std::string& uri);

/// The Chatwoot api_access_token for `url` and `account_id` ([chat] without token=).
core::Result<std::string> lookup_chat_token(const std::string& url, long long account_id);
/// Stores (or replaces) that token; fails like store_account_password without a keyring.
core::Result<void> store_chat_token(const std::string& url, long long account_id,
                                    const std::string& token);

}  // namespace telpanel::app
