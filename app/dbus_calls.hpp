// SPDX-License-Identifier: GPL-3.0-or-later
// The calls part of the control interface, org.telpanel.Panel1 (data/org.telpanel.Panel1.xml):
// methods become CallController commands, controller signals become Event signals. Main thread.
#pragma once

#include "app/dbus_service.hpp"
#include "core/call_controller.hpp"
#include "core/call_history.hpp"

namespace telpanel::app {

/// `history` may be null (no journal). Both must outlive `service`.
void export_calls(DbusService& service, core::CallController& controller,
                  core::CallHistory* history);

}  // namespace telpanel::app
