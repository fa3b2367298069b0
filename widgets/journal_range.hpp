// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's free date range (JRN-4: start, end, apply): two date entries that take ISO
// yyyy-mm-dd or the locale's own date, each with a calendar button (a popover), and Apply.
// A bad or reversed range is refused with a reason and the last applied range stays. Main
// thread.
#pragma once

#include <glibmm/date.h>
#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/calendar.h>
#include <gtkmm/entry.h>
#include <gtkmm/label.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/popover.h>
#include <sigc++/signal.h>

#include <optional>
#include <utility>

#include "core/call.hpp"
#include "core/result.hpp"

namespace telpanel::widgets {

/// A day typed by a person: "2026-03-12" (ISO), else whatever the locale's date order reads
/// (g_date_set_parse: "12.03.2026" in Russian, "3/12/2026" in English). Nothing if no such day.
std::optional<Glib::Date> parse_day(const Glib::ustring& text);

/// [from 00:00, the day after `to` 00:00) in local time; the error names the bad field.
core::Result<std::pair<core::TimePoint, core::TimePoint>> day_range(const Glib::ustring& from,
                                                                    const Glib::ustring& to);

class JournalRangeBar : public Gtk::Box {
 public:
  JournalRangeBar();
  /// Fills both entries (ISO) without applying.
  void set_days(const Glib::Date& from, const Glib::Date& to);
  /// The last applied range, if any.
  const std::optional<std::pair<core::TimePoint, core::TimePoint>>& applied() const {
    return m_applied;
  }
  /// Reads the entries; on success keeps the range and emits signal_applied, else emits
  /// signal_refused with the reason (the previous range stays applied).
  void apply();
  sigc::signal<void()>& signal_applied() { return m_signal_applied; }
  sigc::signal<void(const Glib::ustring&)>& signal_refused() { return m_signal_refused; }

 private:
  struct DateField {
    Gtk::Label label;
    Gtk::Entry entry;
    Gtk::MenuButton pick;
    Gtk::Popover popover;
    Gtk::Calendar calendar;
    bool syncing = false;  // the calendar is being set from the entry
  };
  void build_field(DateField& field, const Glib::ustring& mnemonic, const Glib::ustring& name,
                   const Glib::ustring& pick);

  DateField m_from;
  DateField m_to;
  Gtk::Button m_apply;
  std::optional<std::pair<core::TimePoint, core::TimePoint>> m_applied;
  sigc::signal<void()> m_signal_applied;
  sigc::signal<void(const Glib::ustring&)> m_signal_refused;
};

}  // namespace telpanel::widgets
