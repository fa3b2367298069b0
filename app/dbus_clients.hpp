// SPDX-License-Identifier: GPL-3.0-or-later
// The client directory part of the control interface, org.telpanel.Clients1
// (data/org.telpanel.Clients1.xml): search, caller ID, the client card with its calls,
// create/bind, import and export of vCard and CSV files. Main thread.
#pragma once

#include "app/dbus_service.hpp"
#include "core/call_history.hpp"
#include "core/client_directory.hpp"

namespace telpanel::app {

/// Both must outlive `service`.
void export_clients(DbusService& service, core::ClientDirectory& directory,
                    core::CallHistory& history);

}  // namespace telpanel::app
