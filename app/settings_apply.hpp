// SPDX-License-Identifier: GPL-3.0-or-later
// Between the settings dialog and where settings live: the form from the current config and
// the running panel's personal settings, and Save — check every value first (nothing is stored
// when one is refused), put the SIP passwords and the chat token in the keyring (or, with no
// keyring, in the private config file; app/settings_secrets), write telpanel.conf once with
// mode 0600 keeping every key and comment the dialog does not edit, apply the personal
// settings to the running panel, and say which pages are applied and which wait for a restart.
// Main thread.
#pragma once

#include <functional>
#include <string>

#include "app/config.hpp"
#include "core/personal_settings.hpp"
#include "core/presence_controller.hpp"
#include "widgets/settings_form.hpp"

namespace telpanel::app {

widgets::SettingsForm settings_form(const AppConfig& config,
                                    const core::PersonalSettings& personal);
/// An XDG autostart entry for telpanel exists in $XDG_CONFIG_HOME/autostart.
bool autostart_enabled();
/// Saves what differs between `before` (what the dialog showed) and `after`; also writes or
/// removes the autostart entry (Exec=this binary --minimized). A new away time is applied to
/// `presence` at once (null: at the next start). `done` gets the outcome: at once for a
/// refusal or when no file key changed, else after the keyring has answered for the typed
/// secrets (the main loop runs meanwhile). `personal` and `presence` must outlive the call.
void save_settings(const std::string& path, const widgets::SettingsForm& before,
                   const widgets::SettingsForm& after, core::PersonalSettingsKeeper& personal,
                   core::PresenceController* presence,
                   std::function<void(widgets::SaveResult)> done);

}  // namespace telpanel::app
