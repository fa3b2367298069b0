// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/presence.hpp"

namespace telpanel::core {

const char* presence_name(Presence presence) {
  switch (presence) {
    case Presence::Available:
      return "available";
    case Presence::Busy:
      return "busy";
    case Presence::Dnd:
      return "dnd";
    case Presence::Away:
      return "away";
    case Presence::Offline:
      return "offline";
  }
  return "offline";
}

std::optional<Presence> presence_from_name(std::string_view name) {
  for (auto p :
       {Presence::Available, Presence::Busy, Presence::Dnd, Presence::Away, Presence::Offline}) {
    if (name == presence_name(p)) return p;
  }
  return std::nullopt;
}

}  // namespace telpanel::core
