// SPDX-License-Identifier: GPL-3.0-or-later
// org.telpanel.Presence1 (data/org.telpanel.Presence1.xml): own status and colleagues over
// D-Bus, and their "presence" / "colleague" events. Main thread.
#pragma once

#include <nlohmann/json.hpp>

#include "app/dbus_service.hpp"
#include "core/presence_controller.hpp"

namespace telpanel::app {

inline constexpr const char* kPresenceInterface = "org.telpanel.Presence1";

nlohmann::json presence_view_json(const core::PresenceView& view);
/// The own status: the view plus "online" and "auto_away".
nlohmann::json own_presence_json(const core::PresenceController& controller);

void export_presence(DbusService& service, core::PresenceController& controller);

}  // namespace telpanel::app
