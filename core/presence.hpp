// SPDX-License-Identifier: GPL-3.0-or-later
// The presence model shared by every layer (PRES-1..6): the states a person can be in, what a
// PIDF document says about them, and the view the control interface prints. Main thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/call.hpp"

namespace telpanel::core {

/// Away is never chosen by hand: it comes from auto-away (ours) or a peer's RPID activity.
enum class Presence { Available, Busy, Dnd, Away, Offline };
const char* presence_name(Presence presence);  // "available", "busy", "dnd", "away", "offline"
std::optional<Presence> presence_from_name(std::string_view name);

/// What one PIDF document (with RPID) says, in either direction: what we PUBLISH or NOTIFY, and
/// what a colleague's NOTIFY told us.
struct PresenceDocument {
  bool open = true;                         // <basic>open</basic>
  Presence activity = Presence::Available;  // from <rpid:activities>; Available when none
  bool on_the_phone = false;                // <rpid:on-the-phone/>
  std::string note;                         // <note>: the free-text status (PRES-3)
  std::optional<TimePoint> last_input;      // <rpid:user-input last-input=...>: idle since
  bool operator==(const PresenceDocument&) const = default;
};

/// One row of `telpanelctl colleagues --json` and the shape of `presence show --json`.
struct PresenceView {
  std::string extension;
  std::string name;
  std::string position;
  std::vector<std::string> groups;
  Presence presence = Presence::Offline;
  std::string text;
  std::optional<TimePoint> last_seen;  // "was here HH:MM" (away: last input; offline: when lost)
  bool on_call = false;
  bool reachable = false;
  bool operator==(const PresenceView&) const = default;
};

/// A colleague as configured ([colleague:EXT] or a provisioning file).
struct ColleagueEntry {
  std::string extension;
  std::string name;
  std::string position;
  std::vector<std::string> groups;
};

}  // namespace telpanel::core
