// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/account_name.hpp"

#include <glib.h>
#include <glib/gi18n.h>

#include <algorithm>

namespace telpanel::widgets {

Glib::ustring account_name_problem(const std::string& name, const std::vector<std::string>& taken) {
  if (name.empty()) return _("Type a short name for the account, such as support.");
  // The name becomes a config group ([account:NAME]) and a word in telpanelctl's output:
  // nothing that needs quoting there.
  bool ok = g_utf8_validate(name.c_str(), static_cast<gssize>(name.size()), nullptr);
  if (ok) {
    const Glib::ustring text = name;
    ok = std::all_of(text.begin(), text.end(),
                     [](gunichar c) { return g_unichar_isalnum(c) || c == '-' || c == '_'; });
  }
  if (!ok)
    return Glib::ustring::compose(
        _("An account name may hold only letters, digits, “-” and “_” (got “%1”)."), name);
  if (std::find(taken.begin(), taken.end(), name) != taken.end())
    return Glib::ustring::compose(_("There is already an account named “%1”."), name);
  return {};
}

}  // namespace telpanel::widgets
