// SPDX-License-Identifier: GPL-3.0-or-later
// Between the settings dialog and the files: the form from the current config, and Save —
// check the values, store the password in the keyring (or, with no keyring, in the private
// config file), write telpanel.conf with mode 0600 keeping every key the dialog does not edit.
// Main thread.
#pragma once

#include <string>

#include "app/config.hpp"
#include "widgets/settings_dialog.hpp"

namespace telpanel::app {

widgets::SettingsForm settings_form(const AppConfig& config);
/// An XDG autostart entry for telpanel exists in $XDG_CONFIG_HOME/autostart.
bool autostart_enabled();
/// Also writes or removes the autostart entry (Exec=this binary --minimized).
widgets::SaveResult save_settings(const std::string& path, const widgets::SettingsForm& form);

}  // namespace telpanel::app
