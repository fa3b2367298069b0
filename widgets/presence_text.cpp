// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/presence_text.hpp"

#include <glib/gi18n.h>
#include <glibmm/datetime.h>

namespace telpanel::widgets {

Glib::ustring presence_text(core::Presence presence) {
  switch (presence) {
    case core::Presence::Available:
      return _("Available");
    case core::Presence::Busy:
      return _("Busy");
    case core::Presence::Dnd:
      return _("Do not disturb");
    case core::Presence::Away:
      return _("Away");
    case core::Presence::Offline:
      return _("Offline");
  }
  return {};
}

const char* presence_icon(core::Presence presence) {
  switch (presence) {
    case core::Presence::Available:
      return "user-available-symbolic";
    case core::Presence::Busy:
      return "user-busy-symbolic";
    case core::Presence::Dnd:
      return "action-unavailable-symbolic";
    case core::Presence::Away:
      return "user-away-symbolic";
    case core::Presence::Offline:
      return "user-offline-symbolic";
  }
  return "user-offline-symbolic";
}

Glib::ustring seen_time_text(core::TimePoint when) {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
  auto at = Glib::DateTime::create_now_local(secs);
  auto now = Glib::DateTime::create_now_local();
  const bool today =
      at.get_year() == now.get_year() && at.get_day_of_year() == now.get_day_of_year();
  return at.format(today ? "%H:%M" : "%d.%m %H:%M");
}

Glib::ustring last_seen_text(core::TimePoint when) {
  // TRANSLATORS: %1 is a time (14:05) or a date and time (20.11 14:05)
  return Glib::ustring::compose(_("was here %1"), seen_time_text(when));
}

Glib::ustring presence_summary(const core::PresenceView& view) {
  Glib::ustring out = view.reachable ? presence_text(view.presence) : _("Unreachable");
  if (view.on_call) out += " · " + Glib::ustring(_("on a call"));
  if (!view.text.empty()) out += " · " + Glib::ustring(view.text);
  if (view.last_seen && (view.presence == core::Presence::Away || !view.reachable))
    out += " · " + last_seen_text(*view.last_seen);
  return out;
}

}  // namespace telpanel::widgets
