// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/colleague_row.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/markup.h>

#include "widgets/presence_text.hpp"

namespace telpanel::widgets {

namespace {

void icon_button(Gtk::Button& b, const char* icon, const Glib::ustring& tip) {
  b.set_image_from_icon_name(icon, Gtk::ICON_SIZE_BUTTON);
  b.set_tooltip_text(tip);
  b.set_valign(Gtk::ALIGN_CENTER);
}

}  // namespace

ColleagueRow::ColleagueRow(const core::PresenceView& view) : m_extension(view.extension) {
  set_activatable(false);
  set_selectable(false);
  m_box.set_border_width(8);
  m_name.set_xalign(0);
  m_name.set_ellipsize(Pango::ELLIPSIZE_END);
  m_status.set_xalign(0);
  m_status.set_ellipsize(Pango::ELLIPSIZE_END);
  m_status.get_style_context()->add_class("dim-label");
  m_text.set_hexpand(true);
  m_text.pack_start(m_name, Gtk::PACK_SHRINK);
  m_text.pack_start(m_status, Gtk::PACK_SHRINK);
  m_call.signal_clicked().connect([this] { m_signal_call.emit(); });
  m_transfer.signal_clicked().connect([this] { m_signal_transfer.emit(false); });
  m_consult.signal_clicked().connect([this] { m_signal_transfer.emit(true); });
  m_box.pack_start(m_icon, Gtk::PACK_SHRINK);
  m_box.pack_start(m_text, Gtk::PACK_EXPAND_WIDGET);
  m_box.pack_start(m_call, Gtk::PACK_SHRINK);
  m_box.pack_start(m_transfer, Gtk::PACK_SHRINK);
  m_box.pack_start(m_consult, Gtk::PACK_SHRINK);
  add(m_box);
  show_all();
  update(view);
  set_can_transfer(false);
}

void ColleagueRow::update(const core::PresenceView& view) {
  const Glib::ustring name = view.name.empty() ? view.extension : view.name;
  Glib::ustring detail = view.extension;
  if (!view.position.empty()) detail += " · " + view.position;
  m_name.set_markup("<b>" + Glib::Markup::escape_text(name) + "</b>  " +
                    Glib::Markup::escape_text(detail));
  m_name.get_accessible()->set_name(name + " " + detail);
  const Glib::ustring summary = presence_summary(view);
  m_status.set_text(summary);
  m_status.get_accessible()->set_name(Glib::ustring::compose(_("%1: %2"), name, summary));
  m_icon.set_from_icon_name(
      view.on_call ? "call-start-symbolic"
                   : presence_icon(view.reachable ? view.presence : core::Presence::Offline),
      Gtk::ICON_SIZE_LARGE_TOOLBAR);
  m_icon.get_accessible()->set_name(summary);
  // Unreachable colleagues stay in the list (one can still try to call) but step back.
  m_text.set_opacity(view.reachable ? 1.0 : 0.5);
  m_icon.set_opacity(view.reachable ? 1.0 : 0.5);
  icon_button(m_call, "call-start-symbolic", Glib::ustring::compose(_("Call %1"), name));
  m_call.get_accessible()->set_name(Glib::ustring::compose(_("Call %1"), name));
  icon_button(m_transfer, "mail-forward-symbolic",
              Glib::ustring::compose(_("Transfer the current call to %1"), name));
  m_transfer.get_accessible()->set_name(Glib::ustring::compose(_("Transfer to %1"), name));
  icon_button(m_consult, "system-users-symbolic",
              Glib::ustring::compose(_("Consult %1, then transfer the current call"), name));
  m_consult.get_accessible()->set_name(Glib::ustring::compose(_("Consult %1"), name));
  m_haystack = (name + " " + view.extension + " " + view.position).casefold();
  for (const auto& g : view.groups) m_haystack += " " + Glib::ustring(g).casefold();
}

void ColleagueRow::set_can_transfer(bool can) {
  m_transfer.set_sensitive(can);
  m_consult.set_sensitive(can);
}

}  // namespace telpanel::widgets
