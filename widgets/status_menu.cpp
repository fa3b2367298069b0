// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/status_menu.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>

#include "widgets/presence_text.hpp"
#include "widgets/result_label.hpp"

namespace telpanel::widgets {

namespace {
constexpr Glib::ustring::size_type k_face_chars = 16;
}  // namespace

StatusMenuButton::StatusMenuButton(core::PresenceController& presence) : m_presence(presence) {
  m_face.pack_start(m_icon, Gtk::PACK_SHRINK);
  m_face.pack_start(m_label, Gtk::PACK_SHRINK);
  add(m_face);

  m_online.set_label(_("_Online"));
  m_online.set_use_underline(true);
  m_available.set_label(_("_Available"));
  m_busy.set_label(_("_Busy"));
  m_dnd.set_label(_("Do _not disturb"));
  auto group = m_available.get_group();
  m_busy.set_group(group);
  m_dnd.set_group(group);
  for (auto* b : {&m_available, &m_busy, &m_dnd}) b->set_use_underline(true);
  m_away.set_xalign(0);
  m_away.set_line_wrap(true);
  m_away.get_style_context()->add_class("dim-label");
  m_text.set_placeholder_text(_("What are you doing?"));
  m_text.get_accessible()->set_name(_("Status text"));
  m_text.set_max_length(200);
  m_text.set_width_chars(22);
  m_set_text.set_label(_("_Set"));
  m_set_text.set_use_underline(true);
  m_set_text.get_accessible()->set_name(_("Set status text"));
  m_text_box.pack_start(m_text, Gtk::PACK_EXPAND_WIDGET);
  m_text_box.pack_start(m_set_text, Gtk::PACK_SHRINK);
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.set_max_width_chars(30);
  m_error.get_style_context()->add_class("error");

  m_online.signal_toggled().connect([this] {
    if (!m_updating) report(m_presence.set_online(m_online.get_active()));
  });
  m_available.signal_toggled().connect([this] { choose(core::Presence::Available, m_available); });
  m_busy.signal_toggled().connect([this] { choose(core::Presence::Busy, m_busy); });
  m_dnd.signal_toggled().connect([this] { choose(core::Presence::Dnd, m_dnd); });
  auto set_text = [this] { report(m_presence.set_text(m_text.get_text())); };
  m_text.signal_activate().connect(set_text);
  m_set_text.signal_clicked().connect(set_text);

  m_box.set_border_width(12);
  m_box.pack_start(m_online, Gtk::PACK_SHRINK);
  m_box.pack_start(m_available, Gtk::PACK_SHRINK);
  m_box.pack_start(m_busy, Gtk::PACK_SHRINK);
  m_box.pack_start(m_dnd, Gtk::PACK_SHRINK);
  m_box.pack_start(m_away, Gtk::PACK_SHRINK);
  m_box.pack_start(m_text_box, Gtk::PACK_SHRINK);
  m_box.pack_start(m_error, Gtk::PACK_SHRINK);
  m_box.show_all();
  m_error.hide();
  m_error.set_no_show_all(true);
  m_popover.add(m_box);
  set_popover(m_popover);
  // The entry shows what is published each time the popover opens, not a stale draft.
  m_popover.signal_show().connect([this] { m_text.set_text(m_presence.own().text); });

  presence.signal_own_changed().connect([this](const core::PresenceView&) { refresh(); });
  refresh();
  show_all_children();
}

void StatusMenuButton::choose(core::Presence presence, Gtk::RadioButton& button) {
  if (m_updating || !button.get_active()) return;
  report(m_presence.set_presence(presence));
}

void StatusMenuButton::refresh() {
  m_updating = true;
  const auto own = m_presence.own();
  const bool online = m_presence.online();
  Glib::ustring text = online ? presence_text(own.presence) : Glib::ustring(_("Offline"));
  const bool away = online && own.presence == core::Presence::Away && own.last_seen;
  if (away) text += " · " + last_seen_text(*own.last_seen);
  // The header bar squeezes ellipsized labels to nothing; the face shows a short form of the
  // text status instead (the whole text is in the tooltip, the popover and AT-SPI).
  const Glib::ustring full = own.text.empty() ? text : text + " · " + Glib::ustring(own.text);
  const Glib::ustring status_text(own.text);
  const Glib::ustring shown = status_text.size() > k_face_chars
                                  ? status_text.substr(0, k_face_chars - 1) + "…"
                                  : status_text;
  if (!own.text.empty()) text += " · " + shown;
  m_icon.set_from_icon_name(online ? presence_icon(own.presence) : "user-offline-symbolic",
                            Gtk::ICON_SIZE_BUTTON);
  m_label.set_text(text);
  // A button hides its label from AT-SPI: the button itself says the status.
  get_accessible()->set_name(Glib::ustring::compose(_("My status: %1"), full));
  set_tooltip_text(Glib::ustring::compose(_("My status: %1"), full) + " (Ctrl+Shift+S)");
  m_online.set_active(online);
  if (own.presence == core::Presence::Busy) {
    m_busy.set_active(true);
  } else if (own.presence == core::Presence::Dnd) {
    m_dnd.set_active(true);
  } else if (own.presence == core::Presence::Available) {
    m_available.set_active(true);
  }
  for (auto* b : {&m_available, &m_busy, &m_dnd}) b->set_sensitive(online);
  m_away.set_text(
      away ? Glib::ustring::compose(_("Away: no input since %1"), seen_time_text(*own.last_seen))
           : Glib::ustring());
  m_away.set_visible(away);
  m_updating = false;
}

void StatusMenuButton::report(const core::Result<void>& r) { show_result(m_error, r); }

}  // namespace telpanel::widgets
