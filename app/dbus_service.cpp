// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_service.hpp"

#include <gio/gio.h>

#include <exception>

namespace telpanel::app {

namespace {

void method_call_cb(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* method,
                    GVariant* parameters, GDBusMethodInvocation* invocation,
                    gpointer user_data) noexcept {
  try {
    static_cast<DbusService::Exported*>(user_data)->handler(method, parameters, invocation);
  } catch (const std::exception& e) {
    g_critical("D-Bus %s: %s", method, e.what());
    g_dbus_method_invocation_return_dbus_error(invocation, "org.telpanel.Error.Failed", e.what());
  }
}

const GDBusInterfaceVTable kVtable = {method_call_cb, nullptr, nullptr, {}};

void bus_acquired_cb(GDBusConnection* connection, const gchar*, gpointer user_data) noexcept {
  static_cast<DbusService*>(user_data)->on_bus_acquired(connection);
}

void name_lost_cb(GDBusConnection*, const gchar*, gpointer user_data) noexcept {
  static_cast<DbusService*>(user_data)->on_name_lost_cb();
}

void name_acquired_cb(GDBusConnection*, const gchar* name, gpointer) noexcept {
  g_message("control interface ready on the session bus as %s", name);
}

}  // namespace

DbusService::DbusService(std::function<void(const std::string&)> on_name_lost)
    : m_on_name_lost(std::move(on_name_lost)) {}

DbusService::~DbusService() {
  for (auto& c : m_connections) c.disconnect();
  for (auto& i : m_interfaces) {
    if (m_connection && i->registration_id)
      g_dbus_connection_unregister_object(m_connection, i->registration_id);
    g_dbus_node_info_unref(i->node);
  }
  if (m_owner_id) g_bus_unown_name(m_owner_id);
}

void DbusService::add_interface(const char* xml, const char* name, MethodHandler handler) {
  GError* error = nullptr;
  GDBusNodeInfo* node = g_dbus_node_info_new_for_xml(xml, &error);
  if (!node) g_error("bad D-Bus interface XML for %s: %s", name, error->message);
  if (!g_dbus_node_info_lookup_interface(node, name)) g_error("D-Bus interface XML lacks %s", name);
  auto exported = std::make_unique<Exported>();
  exported->node = node;
  exported->name = name;
  exported->handler = std::move(handler);
  m_interfaces.push_back(std::move(exported));
}

void DbusService::start() {
  m_owner_id = g_bus_own_name(G_BUS_TYPE_SESSION, kBusName, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                              bus_acquired_cb, name_acquired_cb, name_lost_cb, this, nullptr);
}

void DbusService::on_bus_acquired(GDBusConnection* connection) {
  m_connection = connection;
  for (auto& i : m_interfaces) {
    GError* error = nullptr;
    i->registration_id = g_dbus_connection_register_object(
        connection, kObjectPath, g_dbus_node_info_lookup_interface(i->node, i->name.c_str()),
        &kVtable, i.get(), nullptr, &error);
    if (!i->registration_id) {
      g_warning("cannot export %s on %s: %s", i->name.c_str(), kObjectPath, error->message);
      g_error_free(error);
    }
  }
  m_acquired = true;
}

void DbusService::on_name_lost_cb() {
  const std::string reason =
      m_acquired ? std::string("another telpanel already owns ") + kBusName + " on the session bus"
                 : "cannot connect to the D-Bus session bus (is DBUS_SESSION_BUS_ADDRESS set?)";
  if (m_on_name_lost) m_on_name_lost(reason);
}

void DbusService::emit_event(const std::string& kind, const nlohmann::json& event) {
  if (!m_connection) return;
  const std::string json = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  g_dbus_connection_emit_signal(m_connection, nullptr, kObjectPath, kInterface, "Event",
                                g_variant_new("(ss)", kind.c_str(), json.c_str()), nullptr);
}

}  // namespace telpanel::app
