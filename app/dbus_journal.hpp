// SPDX-License-Identifier: GPL-3.0-or-later
// The journal part of the control interface, org.telpanel.Journal1
// (data/org.telpanel.Journal1.xml), over core::CallJournal. Main thread.
#pragma once

#include <string>

#include "app/dbus_service.hpp"
#include "core/journal_query.hpp"

namespace telpanel::app {

/// `journal` must outlive `service`; `user` names whose columns GetColumns/SetColumns mean.
void export_journal(DbusService& service, core::CallJournal& journal, std::string user);

}  // namespace telpanel::app
