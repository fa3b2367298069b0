// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/journal_range.hpp"

#include <atkmm/object.h>
#include <gdk/gdkkeysyms.h>
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
  build_field(m_from, _("_From"), _("From date"), _("Pick the From date on a calendar"));
  build_field(m_to, _("_To"), _("To date"), _("Pick the To date on a calendar"));
  m_apply.set_label(_("_Apply"));
  m_apply.set_use_underline(true);
  m_apply.signal_clicked().connect([this] { apply(); });
  pack_start(m_apply, Gtk::PACK_SHRINK);
}

void JournalRangeBar::build_field(DateField& field, const Glib::ustring& mnemonic,
                                  const Glib::ustring& name, const Glib::ustring& pick) {
  field.label.set_text_with_mnemonic(mnemonic);
  field.label.set_mnemonic_widget(field.entry);
  field.entry.set_width_chars(11);
  field.entry.set_placeholder_text("2026-03-12");
  field.entry.get_accessible()->set_name(name);
  field.entry.signal_activate().connect([this] { apply(); });
  // A button, not an entry icon: icons cannot be reached with the keyboard (UI-8).
  field.pick.set_image_from_icon_name("x-office-calendar-symbolic", Gtk::ICON_SIZE_BUTTON);
  field.pick.set_tooltip_text(pick);
  field.pick.get_accessible()->set_name(pick);
  field.pick.set_popover(field.popover);
  field.popover.add(field.calendar);
  field.calendar.show();
  field.popover.signal_show().connect([&field] {
    auto day = parse_day(field.entry.get_text());
    if (!day) return;
    field.syncing = true;
    field.calendar.select_day(1);  // a 31st must not spill into a shorter month
    field.calendar.select_month(day->get_month() - 1, day->get_year());
    field.calendar.select_day(day->get_day());
    field.syncing = false;
  });
  // The entry follows the calendar's date; a double click or Enter closes it. Apply stays the
  // person's decision.
  field.calendar.signal_day_selected().connect([&field] {
    if (field.syncing) return;
    Glib::Date day;
    field.calendar.get_date(day);
    field.entry.set_text(iso(day));
  });
  field.calendar.signal_day_selected_double_click().connect([&field] { field.popover.popdown(); });
  // Keys: GtkCalendar's arrows move a focus box that starts on the grid's first cell, not on
  // the date shown; here they move the date itself (the entry follows) and Enter closes.
  field.calendar.signal_key_press_event().connect(
      [&field](GdkEventKey* e) {
        if (e->keyval == GDK_KEY_Return || e->keyval == GDK_KEY_KP_Enter) {
          field.popover.popdown();
          return true;
        }
        if (e->state & GDK_CONTROL_MASK) return false;  // Ctrl+arrows: GTK's month/year keys
        int by = 0;
        if (e->keyval == GDK_KEY_Left || e->keyval == GDK_KEY_KP_Left) by = -1;
        if (e->keyval == GDK_KEY_Right || e->keyval == GDK_KEY_KP_Right) by = 1;
        if (e->keyval == GDK_KEY_Up || e->keyval == GDK_KEY_KP_Up) by = -7;
        if (e->keyval == GDK_KEY_Down || e->keyval == GDK_KEY_KP_Down) by = 7;
        if (by == 0) return false;
        Glib::Date day;
        field.calendar.get_date(day);
        if (by > 0)
          day.add_days(by);
        else
          day.subtract_days(-by);
        field.calendar.select_day(1);  // a 31st must not spill into a shorter month
        field.calendar.select_month(day.get_month() - 1, day.get_year());
        field.calendar.select_day(day.get_day());
        return true;
      },
      false);
  pack_start(field.label, Gtk::PACK_SHRINK);
  pack_start(field.entry, Gtk::PACK_SHRINK);
  pack_start(field.pick, Gtk::PACK_SHRINK);
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
