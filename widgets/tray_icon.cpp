// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tray_icon.hpp"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

#include <utility>

#include "widgets/presence_text.hpp"

namespace telpanel::widgets {

TrayIcon::TrayIcon(core::CallController& controller, core::MissedCalls& missed,
                   core::PresenceController* presence)
    : m_controller(controller), m_missed(missed), m_presence(presence) {
  m_indicator =
      app_indicator_new("telpanel", "user-offline-symbolic", APP_INDICATOR_CATEGORY_COMMUNICATIONS);
  app_indicator_set_attention_icon_full(m_indicator, "call-incoming-symbolic", _("Incoming call"));

  m_state_item.set_sensitive(false);
  m_dial_item.set_label(_("_Dial…"));
  m_dial_item.set_use_underline(true);
  m_open_item.set_label(_("_Open panel"));
  m_open_item.set_use_underline(true);
  m_quit_item.set_label(_("_Quit"));
  m_quit_item.set_use_underline(true);
  m_dial_item.signal_activate().connect([this] { m_signal_dial.emit(); });
  m_open_item.signal_activate().connect([this] { m_signal_open.emit(); });
  m_quit_item.signal_activate().connect([this] { m_signal_quit.emit(); });
  m_menu.append(m_state_item);
  if (m_presence) build_status_menu();
  for (Gtk::MenuItem* item :
       {static_cast<Gtk::MenuItem*>(&m_separator1), &m_dial_item, &m_open_item,
        static_cast<Gtk::MenuItem*>(&m_separator2), &m_quit_item})
    m_menu.append(*item);
  m_menu.show_all();  // only visible items are exported over D-Bus
  app_indicator_set_menu(m_indicator, m_menu.gobj());
  // A middle click (or the panel's "activate") opens the panel.
  app_indicator_set_secondary_activate_target(m_indicator, GTK_WIDGET(m_open_item.gobj()));

  controller.signal_registration_changed().connect(
      [this](const std::string&, const core::RegistrationStatus&) { refresh(); });
  controller.signal_call_changed().connect([this](const core::Call&) { refresh(); });
  missed.signal_count_changed().connect([this](int) { refresh(); });
  refresh();
  app_indicator_set_status(m_indicator, APP_INDICATOR_STATUS_ACTIVE);
}

void TrayIcon::build_status_menu() {
  m_status_item.set_label(_("_Status"));
  m_status_item.set_use_underline(true);
  m_online_item.set_label(_("Stay _online"));
  m_online_item.set_use_underline(true);
  m_available_item.set_label(_("_Available"));
  m_busy_item.set_label(_("_Busy"));
  m_dnd_item.set_label(_("Do _not disturb"));
  auto group = m_available_item.get_group();
  m_busy_item.set_group(group);
  m_dnd_item.set_group(group);
  m_online_item.signal_toggled().connect([this] {
    if (!m_updating) (void)m_presence->set_online(m_online_item.get_active());
  });
  const std::pair<Gtk::RadioMenuItem*, core::Presence> choices[] = {
      {&m_available_item, core::Presence::Available},
      {&m_busy_item, core::Presence::Busy},
      {&m_dnd_item, core::Presence::Dnd}};
  for (auto [item, presence] : choices) {
    item->set_use_underline(true);
    item->signal_toggled().connect([this, item, presence] {
      if (!m_updating && item->get_active()) (void)m_presence->set_presence(presence);
    });
  }
  for (Gtk::MenuItem* item :
       {static_cast<Gtk::MenuItem*>(&m_online_item),
        static_cast<Gtk::MenuItem*>(&m_status_separator),
        static_cast<Gtk::MenuItem*>(&m_available_item), static_cast<Gtk::MenuItem*>(&m_busy_item),
        static_cast<Gtk::MenuItem*>(&m_dnd_item)})
    m_status_menu.append(*item);
  m_status_item.set_submenu(m_status_menu);
  m_menu.append(m_status_item);
  m_presence->signal_own_changed().connect([this](const core::PresenceView&) {
    refresh_status();
    refresh();
  });
  refresh_status();
}

void TrayIcon::refresh_status() {
  m_updating = true;
  const auto own = m_presence->own();
  const bool online = m_presence->online();
  m_online_item.set_active(online);
  if (own.presence == core::Presence::Busy) {
    m_busy_item.set_active(true);
  } else if (own.presence == core::Presence::Dnd) {
    m_dnd_item.set_active(true);
  } else if (own.presence == core::Presence::Available) {
    m_available_item.set_active(true);
  }
  for (auto* item : {&m_available_item, &m_busy_item, &m_dnd_item}) item->set_sensitive(online);
  m_status_item.set_label(Glib::ustring::compose(
      _("_Status: %1"), online ? presence_text(own.presence) : Glib::ustring(_("Offline"))));
  m_updating = false;
}

TrayIcon::~TrayIcon() {
  if (m_indicator) g_object_unref(m_indicator);
}

bool TrayIcon::host_present() {
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, nullptr);
  if (bus == nullptr) return false;
  GVariant* reply = g_dbus_connection_call_sync(
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
      g_variant_new("(s)", "org.kde.StatusNotifierWatcher"), G_VARIANT_TYPE("(b)"),
      G_DBUS_CALL_FLAGS_NONE, 2000, nullptr, nullptr);
  gboolean owned = FALSE;
  if (reply) {
    g_variant_get(reply, "(b)", &owned);
    g_variant_unref(reply);
  }
  g_object_unref(bus);
  return owned;
}

void TrayIcon::set_unread_chats(int count) {
  if (count == m_unread_chats) return;
  m_unread_chats = count;
  refresh();
}

void TrayIcon::refresh() {
  bool ringing = false;
  for (const auto& c : m_controller.calls())
    if (c.direction == core::CallDirection::Incoming && c.state == core::CallState::Ringing)
      ringing = true;
  const auto& accounts = m_controller.accounts();
  const bool online = !accounts.empty() && accounts.front().sip->registration().state ==
                                               core::RegistrationState::Registered;
  const int missed = m_missed.count();

  Glib::ustring state = online ? _("Online") : _("Offline");
  const char* icon = online ? "user-available-symbolic" : "user-offline-symbolic";
  // Registered with a status other than Available: the status is what colleagues see, so the
  // item shows it too.
  if (online && m_presence) {
    const auto presence = m_presence->own().presence;
    if (presence != core::Presence::Available && presence != core::Presence::Offline) {
      state += " · " + presence_text(presence);
      icon = presence == core::Presence::Away ? "user-away-symbolic" : "user-busy-symbolic";
    }
  }
  if (missed > 0) {
    icon = "call-missed-symbolic";
    state += " · " +
             Glib::ustring::sprintf(ngettext("%d missed call", "%d missed calls", missed), missed);
  }
  if (m_unread_chats > 0) {
    if (missed == 0) icon = "mail-unread-symbolic";
    state +=
        " · " + Glib::ustring::sprintf(
                    ngettext("%d unread chat", "%d unread chats", m_unread_chats), m_unread_chats);
  }
  app_indicator_set_icon_full(m_indicator, icon, state.c_str());
  app_indicator_set_title(m_indicator,
                          (Glib::ustring(_("Telephony panel")) + " — " + state).c_str());
  app_indicator_set_status(m_indicator,
                           ringing ? APP_INDICATOR_STATUS_ATTENTION : APP_INDICATOR_STATUS_ACTIVE);
  m_state_item.set_label(ringing ? Glib::ustring(_("Incoming call")) : state);
  State now{ringing ? Glib::ustring(_("Incoming call")) + " · " + state : state, icon, ringing};
  if (now.text == m_state.text && now.icon == m_state.icon && now.attention == m_state.attention)
    return;
  m_state = std::move(now);
  m_signal_state.emit(m_state);
}

}  // namespace telpanel::widgets
