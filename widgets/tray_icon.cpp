// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tray_icon.hpp"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

namespace telpanel::widgets {

TrayIcon::TrayIcon(core::CallController& controller, core::MissedCalls& missed)
    : m_controller(controller), m_missed(missed) {
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
  for (Gtk::MenuItem* item :
       {&m_state_item, static_cast<Gtk::MenuItem*>(&m_separator1), &m_dial_item, &m_open_item,
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
  if (missed > 0) {
    icon = "call-missed-symbolic";
    state += " · " +
             Glib::ustring::sprintf(ngettext("%d missed call", "%d missed calls", missed), missed);
  }
  app_indicator_set_icon_full(m_indicator, icon, state.c_str());
  app_indicator_set_title(m_indicator,
                          (Glib::ustring(_("Telephony panel")) + " — " + state).c_str());
  app_indicator_set_status(m_indicator,
                           ringing ? APP_INDICATOR_STATUS_ATTENTION : APP_INDICATOR_STATUS_ACTIVE);
  m_state_item.set_label(ringing ? Glib::ustring(_("Incoming call")) : state);
}

}  // namespace telpanel::widgets
