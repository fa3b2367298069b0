// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/registration_text.hpp"

#include <glib/gi18n.h>

#include <cctype>
#include <string>

namespace telpanel::widgets {

Glib::ustring registration_problem_text(const core::RegistrationStatus& status) {
  // The status line without sip's English lead-in ("unreachable: 408 Request Timeout").
  std::string line = status.reason;
  if (const auto colon = line.find(": "); colon != std::string::npos && !line.empty() &&
                                          !std::isdigit(static_cast<unsigned char>(line[0])))
    line = line.substr(colon + 2);
  switch (status.problem) {
    case core::RegistrationProblem::Credentials:
      return Glib::ustring::compose(_("wrong user name or password (%1)"), status.sip_status);
    case core::RegistrationProblem::NoPassword:
      return _(
          "no password in the settings file or the keyring: type it in Settings, Account, and "
          "restart telpanel");
    case core::RegistrationProblem::Unreachable:
      return Glib::ustring::compose(_("the server cannot be reached (%1); trying again"), line);
    case core::RegistrationProblem::Refused:
      return Glib::ustring::compose(_("the server refused (%1); trying again"), line);
    case core::RegistrationProblem::None:
      break;
  }
  return status.reason;
}

}  // namespace telpanel::widgets
