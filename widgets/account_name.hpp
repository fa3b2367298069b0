// SPDX-License-Identifier: GPL-3.0-or-later
// The rule for a named account's short name ([account:NAME]): asked by the settings dialog's
// Add account… and checked again on Save. GLib only, so the app's tests link it alone.
#pragma once

#include <glibmm/ustring.h>

#include <string>
#include <vector>

namespace telpanel::widgets {

/// Why `name` cannot name a new account (letters, digits, "-" and "_"; not one of `taken`);
/// "" when it can. For people.
Glib::ustring account_name_problem(const std::string& name, const std::vector<std::string>& taken);

}  // namespace telpanel::widgets
