// SPDX-License-Identifier: GPL-3.0-or-later
// What the journal page says about a call, translated: column titles, status badges,
// indicators and the details with the call's route. Main thread (gettext, Glib).
#pragma once

#include <glibmm/ustring.h>

#include <string>

#include "core/journal_query.hpp"

namespace telpanel::widgets {

/// "21.11 14:05" (this year) or "21.11.2025 14:05": compact for the table.
Glib::ustring short_time(core::TimePoint t);
Glib::ustring column_title(core::JournalColumn column);
/// The status filter's entries: "any", "missed", or a status name.
Glib::ustring status_choice_title(const std::string& id);
/// The status as a badge: its title ("Internal" for colleagues, "" while ringing) and
/// background colour ("" = none).
struct StatusBadge {
  Glib::ustring text;
  Glib::ustring colour;
};
StatusBadge status_badge(const core::JournalEntry& entry);
/// "New number, Needs attention, Comment" — the ones that apply.
Glib::ustring indicators_text(const core::JournalEntry& entry);
/// Pango markup: who (and `client`, the directory's name for the number, when not empty),
/// when, outcome, durations, comment and the route (legs, transfers).
Glib::ustring details_markup(const core::JournalEntry& entry, const Glib::ustring& client);

}  // namespace telpanel::widgets
