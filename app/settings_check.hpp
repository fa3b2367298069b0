// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's checks before anything is saved: every page's values, each refusal a
// sentence for people naming the value and what is accepted, with the page it is on. The
// personal settings are tried on a copy, so a value core refuses stores nothing. Main thread.
#pragma once

#include <string>

#include "core/personal_settings.hpp"
#include "widgets/settings_form.hpp"

namespace telpanel::app {

/// The first problem with `after` (ok == true: none). `before` tells which values changed.
widgets::SaveResult check_settings(const widgets::SettingsForm& before,
                                   const widgets::SettingsForm& after,
                                   const core::PersonalSettings& personal);

/// A refusal on the Account page about the account `name` ("" = the default one): the problem
/// as it is, or "Account “name”: problem…" with the sentence going on after the name.
widgets::SaveResult account_refusal(const std::string& name, const Glib::ustring& problem);

/// "https://chat.example.com" with an http(s) scheme and a host; else why not, for people.
std::string chat_url_problem(const std::string& url);

}  // namespace telpanel::app
