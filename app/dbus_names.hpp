// SPDX-License-Identifier: GPL-3.0-or-later
// Names of the control interface on the session bus, shared by telpanel and telpanelctl.
#pragma once

namespace telpanel::app {

inline constexpr const char* kBusName = "org.telpanel.Panel";
inline constexpr const char* kObjectPath = "/org/telpanel/Panel";
inline constexpr const char* kInterface = "org.telpanel.Panel1";

}  // namespace telpanel::app
