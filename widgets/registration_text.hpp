// SPDX-License-Identifier: GPL-3.0-or-later
// Why an account is not connected, in the person's language: the registration's problem kind
// (core) as a translated sentence, with the server's own status line where it helps. Main
// thread.
#pragma once

#include <glibmm/ustring.h>

#include "core/registration.hpp"

namespace telpanel::widgets {

/// "wrong user name or password (401)", "the server cannot be reached…"; the English reason as
/// it is when the kind is not known.
Glib::ustring registration_problem_text(const core::RegistrationStatus& status);

}  // namespace telpanel::widgets
