// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/journal_text.hpp"

#include <glib/gi18n.h>
#include <glibmm/datetime.h>
#include <glibmm/markup.h>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

Glib::ustring local_time(core::TimePoint t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  return Glib::DateTime::create_now_local(static_cast<gint64>(secs)).format("%d.%m.%Y %H:%M:%S");
}

Glib::ustring status_title(core::CallStatus status) {
  switch (status) {
    case core::CallStatus::Accepted:
      return _("Accepted");
    case core::CallStatus::Reached:
      return _("Reached");
    case core::CallStatus::NoAnswer:
      return _("No answer");
    case core::CallStatus::Lost:
      return _("Lost");
    case core::CallStatus::Cancelled:
      return _("Cancelled");
  }
  return {};
}

// Colours readable on both light and dark themes (white text on a saturated background).
const char* status_colour(core::CallStatus status) {
  switch (status) {
    case core::CallStatus::Accepted:
    case core::CallStatus::Reached:
      return "#2e7d32";
    case core::CallStatus::NoAnswer:
      return "#ef6c00";
    case core::CallStatus::Lost:
      return "#c62828";
    case core::CallStatus::Cancelled:
      return "#616161";
  }
  return "#616161";
}

Glib::ustring leg_kind(const std::string& kind) {
  if (kind == "blind") return _("blind transfer");
  if (kind == "deflect") return _("deflected");
  if (kind == "attended") return _("attended transfer");
  if (kind == "referred") return _("transferred to us");
  if (kind == "replaced") return _("replaced");
  return _("call");
}

Glib::ustring line(const Glib::ustring& label, const Glib::ustring& value) {
  return "<b>" + Glib::Markup::escape_text(label) + "</b> " + Glib::Markup::escape_text(value) +
         "\n";
}

}  // namespace

Glib::ustring short_time(core::TimePoint t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  auto when = Glib::DateTime::create_now_local(static_cast<gint64>(secs));
  if (when.get_year() == Glib::DateTime::create_now_local().get_year())
    return when.format("%d.%m %H:%M");
  return when.format("%d.%m.%Y %H:%M");
}

Glib::ustring column_title(core::JournalColumn column) {
  switch (column) {
    case core::JournalColumn::Date:
      return _("Date");
    case core::JournalColumn::WaitDuration:
      return _("Wait, s");
    case core::JournalColumn::TalkDuration:
      return _("Talk, s");
    case core::JournalColumn::EmployeePosition:
      return _("Position");
    case core::JournalColumn::ClientName:
      return _("Client");
    case core::JournalColumn::EmployeeName:
      return _("Employee");
    case core::JournalColumn::PhoneNumber:
      return _("Number");
    case core::JournalColumn::ResponsibleManager:
      return _("Responsible");
    case core::JournalColumn::ResponsibleMatches:
      return _("Responsible answered");
    case core::JournalColumn::Status:
      return _("Status");
  }
  return {};
}

Glib::ustring status_choice_title(const std::string& id) {
  if (id == "any") return _("Any status");
  if (id == "missed") return _("Missed (no answer or lost)");
  if (auto s = core::parse_call_status(id)) return status_title(*s);
  return id;
}

StatusBadge status_badge(const core::JournalEntry& e) {
  if (e.internal) return {_("Internal"), "#1565c0"};
  if (!e.status) return {};
  return {status_title(*e.status), status_colour(*e.status)};
}

Glib::ustring indicators_text(const core::JournalEntry& e) {
  Glib::ustring out;
  auto add = [&out](const Glib::ustring& s) { out += (out.empty() ? "" : ", ") + s; };
  if (e.new_number) add(_("New number"));
  if (e.needs_attention) add(_("Needs attention"));
  if (!e.comment.empty()) add(_("Comment"));
  return out;
}

Glib::ustring details_markup(const core::JournalEntry& e, const Glib::ustring& client) {
  Glib::ustring out;
  const bool incoming = e.direction == core::CallDirection::Incoming;
  out += line(e.internal ? _("Internal call")
              : incoming ? _("Incoming call")
                         : _("Outgoing call"),
              party_title(e.remote_display, e.remote_party));
  out += line(_("Number:"), party_number(e.remote_party));
  if (!client.empty()) out += line(_("Client:"), client);
  out += line(_("Started:"), local_time(e.started_at));
  if (e.answered_at) out += line(_("Answered:"), local_time(*e.answered_at));
  if (e.ended_at) out += line(_("Ended:"), local_time(*e.ended_at));
  out += line(_("Waited:"), clock_text(e.wait_duration()));
  if (e.answered_at) out += line(_("Talked:"), clock_text(e.talk_duration()));
  if (e.end && !e.end->reason.empty()) out += line(_("End reason:"), e.end->reason);
  if (!e.comment.empty()) out += line(_("Comment:"), e.comment);
  if (!e.legs.empty()) {
    out += "<b>" + Glib::Markup::escape_text(_("Route:")) + "</b>\n";
    for (const auto& leg : e.legs) {
      Glib::ustring text = Glib::ustring::compose("%1. %2 — %3", leg.index + 1,
                                                  party_number(leg.party), leg_kind(leg.kind));
      if (!leg.transferred_by.empty())
        text += Glib::ustring::compose(_(", by %1"), party_number(leg.transferred_by));
      text += leg.answered_at ? _(", answered") : _(", not answered");
      out += Glib::Markup::escape_text(text) + "\n";
    }
  }
  if (!out.empty()) out.resize(out.size() - 1);  // the last line break
  return out;
}

}  // namespace telpanel::widgets
