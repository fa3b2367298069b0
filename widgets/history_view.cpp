// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/history_view.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/datetime.h>
#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

constexpr int k_rows = 100;

Glib::ustring when_text(core::TimePoint t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  auto when = Glib::DateTime::create_now_local(static_cast<gint64>(secs));
  auto now = Glib::DateTime::create_now_local();
  if (when.get_year() == now.get_year() && when.get_day_of_year() == now.get_day_of_year())
    return when.format("%H:%M");
  return when.format("%d.%m %H:%M");
}

Glib::ustring outcome_text(const core::JournalEntry& e, bool missed) {
  if (missed) return _("Missed");
  if (!e.answered_at) {
    if (e.direction == core::CallDirection::Outgoing) return _("No answer");
    return _("Declined");
  }
  return clock_text(e.talk_duration());
}

}  // namespace

HistoryView::HistoryView(core::CallHistory* history) : m_history(history) {
  set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  set_shadow_type(Gtk::SHADOW_IN);
  m_list.set_selection_mode(Gtk::SELECTION_NONE);
  m_list.get_accessible()->set_name(_("Recent calls"));
  auto* empty = Gtk::make_managed<Gtk::Label>(history ? _("No calls yet")
                                                      : _("The call journal is turned off"));
  empty->get_style_context()->add_class("dim-label");
  empty->set_margin_top(24);
  empty->set_margin_bottom(24);
  empty->show();
  m_list.set_placeholder(*empty);
  add(m_list);
  reload();
}

void HistoryView::reload() {
  for (auto* child : m_list.get_children()) gtk_widget_destroy(child->gobj());
  if (m_history == nullptr) return;
  auto rows = m_history->recent(k_rows);
  if (!rows) {
    g_warning("journal: %s", rows.error().detail.c_str());
    return;
  }
  for (const auto& e : *rows) m_list.append(*make_row(e));
  m_list.show_all();
}

Gtk::Widget* HistoryView::make_row(const core::JournalEntry& e) {
  const bool incoming = e.direction == core::CallDirection::Incoming;
  const bool missed = incoming && !e.answered_at && e.end && e.end->by != core::EndedBy::Local;
  const Glib::ustring title = party_title(e.remote_display, e.remote_party);
  const Glib::ustring number = party_number(e.remote_party);

  auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 12);
  box->set_border_width(6);
  auto* icon = Gtk::make_managed<Gtk::Image>();
  icon->set_from_icon_name(missed     ? "call-missed-symbolic"
                           : incoming ? "call-incoming-symbolic"
                                      : "call-outgoing-symbolic",
                           Gtk::ICON_SIZE_BUTTON);
  icon->get_accessible()->set_name(missed     ? _("Missed call")
                                   : incoming ? _("Incoming call")
                                              : _("Outgoing call"));
  if (missed) icon->get_style_context()->add_class("error");
  box->pack_start(*icon, Gtk::PACK_SHRINK);

  auto* text = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_VERTICAL, 2);
  auto* name = Gtk::make_managed<Gtk::Label>(title);
  name->set_xalign(0);
  name->set_ellipsize(Pango::ELLIPSIZE_END);
  if (missed) name->get_style_context()->add_class("error");
  Glib::ustring detail = when_text(e.started_at) + " · " + outcome_text(e, missed);
  if (title != number) detail = number + " · " + detail;
  auto* sub = Gtk::make_managed<Gtk::Label>(detail);
  sub->set_xalign(0);
  sub->set_ellipsize(Pango::ELLIPSIZE_END);
  sub->get_style_context()->add_class("dim-label");
  text->pack_start(*name, Gtk::PACK_SHRINK);
  text->pack_start(*sub, Gtk::PACK_SHRINK);
  box->pack_start(*text, Gtk::PACK_EXPAND_WIDGET);

  auto* back = Gtk::make_managed<Gtk::Button>();
  back->set_image_from_icon_name("call-start-symbolic", Gtk::ICON_SIZE_BUTTON);
  back->set_relief(Gtk::RELIEF_NONE);
  back->set_valign(Gtk::ALIGN_CENTER);
  const Glib::ustring tip = Glib::ustring::compose(_("Call %1"), title);
  back->set_tooltip_text(tip);
  back->get_accessible()->set_name(tip);
  const std::string uri = e.remote_party;
  back->signal_clicked().connect([this, uri] { m_signal_call_back.emit(uri); });
  box->pack_start(*back, Gtk::PACK_SHRINK);
  return box;
}

}  // namespace telpanel::widgets
