// SPDX-License-Identifier: GPL-3.0-or-later
// How presence is written and drawn for people (PRES-5/7, UI-2): the state's name, its
// symbolic icon, "was here HH:MM" and a colleague's one-line summary. Pure; main thread.
#pragma once

#include <glibmm/ustring.h>

#include "core/presence.hpp"

namespace telpanel::widgets {

/// "Available", "Busy", "Do not disturb", "Away", "Offline" (translated).
Glib::ustring presence_text(core::Presence presence);
/// A symbolic icon name from the freedesktop set: user-available-symbolic, user-busy-...
const char* presence_icon(core::Presence presence);
/// "14:05" in local time (today) or "20.11 14:05" (an earlier day).
Glib::ustring seen_time_text(core::TimePoint when);
/// "was here 14:05" in local time (today) or "was here 20.11 14:05" (an earlier day).
Glib::ustring last_seen_text(core::TimePoint when);
/// "Busy · on a call · At lunch · was here 14:05": what the colleague list and pickers show.
Glib::ustring presence_summary(const core::PresenceView& view);

}  // namespace telpanel::widgets
