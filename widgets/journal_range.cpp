// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/journal_range.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/datetime.h>

#include <cstdio>

namespace telpanel::widgets {

namespace {

Glib::ustring iso(const Glib::Date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(d.get_year()),
                static_cast<int>(d.get_month()), static_cast<int>(d.get_day()));
  return text;
}

core::TimePoint local_midnight(const Glib::Date& d) {
  auto t = Glib::DateTime::create_local(d.get_year(), d.get_month(), d.get_day(), 0, 0, 0);
  return core::TimePoint(std::chrono::seconds(t.to_unix()));
}

}  // namespace

std::optional<Glib::Date> parse_day(const Glib::ustring& text) {
  const std::string s = text.raw();
  int y = 0, m = 0, d = 0, used = 0;
  // ISO first: g_date_set_parse would read "2026-03-04" by the locale's order in some locales.
  if (std::sscanf(s.c_str(), " %4d-%2d-%2d %n", &y, &m, &d, &used) == 3 && y >= 1000) {
    if (used != static_cast<int>(s.size())) return std::nullopt;  // "2026-03-12x"
    if (!g_date_valid_dmy(static_cast<GDateDay>(d), static_cast<GDateMonth>(m),
                          static_cast<GDateYear>(y)))
      return std::nullopt;
    return Glib::Date(static_cast<Glib::Date::Day>(d), static_cast<Glib::Date::Month>(m),
                      static_cast<Glib::Date::Year>(y));
  }
  // A lone number would be "that day of this month": too easy to type by mistake.
  if (s.find_first_of("./- ") == std::string::npos) return std::nullopt;
  Glib::Date date;
  date.set_parse(text);
  if (!date.valid()) return std::nullopt;
  return date;
}

core::Result<std::pair<core::TimePoint, core::TimePoint>> day_range(const Glib::ustring& from,
                                                                    const Glib::ustring& to) {
  const auto bad = [](const char* field, const Glib::ustring& text) {
    return core::make_error(
        core::ErrorCode::InvalidArgument,
        Glib::ustring::compose(text.empty() ? _("%1: enter a date, e.g. %2")
                                            : _("%1: “%3” is not a date; type it as %2"),
                               field, "2026-03-12", text)
            .raw());
  };
  auto first = parse_day(from);
  if (!first) return bad(_("From"), from);
  auto last = parse_day(to);
  if (!last) return bad(_("To"), to);
  if (*first > *last)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            Glib::ustring::compose(_("The range starts (%1) after it ends (%2)"),
                                                   iso(*first), iso(*last))
                                .raw());
  Glib::Date after = *last;
  after.add_days(1);
  return std::make_pair(local_midnight(*first), local_midnight(after));
}

JournalRangeBar::JournalRangeBar() : Gtk::Box(Gtk::ORIENTATION_HORIZONTAL, 6) {
  build_field(m_from, _("_From"), _("From date"));
  build_field(m_to, _("_To"), _("To date"));
  m_apply.set_label(_("_Apply"));
  m_apply.set_use_underline(true);
  m_apply.signal_clicked().connect([this] { apply(); });
  pack_start(m_apply, Gtk::PACK_SHRINK);
}

void JournalRangeBar::build_field(DateField& field, const Glib::ustring& mnemonic,
                                  const Glib::ustring& name) {
  field.label.set_text_with_mnemonic(mnemonic);
  field.label.set_mnemonic_widget(field.entry);
  field.entry.set_width_chars(13);  // "2026-03-12" and the calendar icon
  field.entry.set_placeholder_text("2026-03-12");
  field.entry.get_accessible()->set_name(name);
  field.entry.set_icon_from_icon_name("x-office-calendar-symbolic", Gtk::ENTRY_ICON_SECONDARY);
  field.entry.set_icon_tooltip_text(_("Pick the date on a calendar"), Gtk::ENTRY_ICON_SECONDARY);
  field.entry.signal_activate().connect([this] { apply(); });
  field.popover.set_relative_to(field.entry);
  field.popover.add(field.calendar);
  field.calendar.show();
  field.entry.signal_icon_release().connect(
      [&field](Gtk::EntryIconPosition, const GdkEventButton*) {
        if (auto day = parse_day(field.entry.get_text())) {
          field.calendar.select_month(day->get_month() - 1, day->get_year());
          field.calendar.select_day(day->get_day());
        }
        field.popover.popup();
      });
  // A double click (or Enter) on a day takes it; moving between months does not.
  field.calendar.signal_day_selected_double_click().connect([&field] {
    Glib::Date day;
    field.calendar.get_date(day);
    field.entry.set_text(iso(day));
    field.popover.popdown();
  });
  pack_start(field.label, Gtk::PACK_SHRINK);
  pack_start(field.entry, Gtk::PACK_SHRINK);
}

void JournalRangeBar::set_days(const Glib::Date& from, const Glib::Date& to) {
  m_from.entry.set_text(iso(from));
  m_to.entry.set_text(iso(to));
}

void JournalRangeBar::apply() {
  auto range = day_range(m_from.entry.get_text(), m_to.entry.get_text());
  if (!range) {
    m_signal_refused.emit(range.error().detail);
    return;
  }
  m_applied = *range;
  m_signal_applied.emit();
}

}  // namespace telpanel::widgets
