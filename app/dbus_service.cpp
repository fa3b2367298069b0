// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_service.hpp"

#include <gio/gio.h>

#include <exception>

#include "app/dbus_interface_xml.hpp"
#include "app/json_view.hpp"

namespace telpanel::app {

namespace {

std::string error_name(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::InvalidArgument:
      return "org.telpanel.Error.InvalidArgument";
    case core::ErrorCode::InvalidState:
      return "org.telpanel.Error.InvalidState";
    case core::ErrorCode::NotFound:
      return "org.telpanel.Error.NotFound";
    case core::ErrorCode::Unreachable:
      return "org.telpanel.Error.Unreachable";
    case core::ErrorCode::Unauthorized:
    case core::ErrorCode::Forbidden:
      return "org.telpanel.Error.Forbidden";
    default:
      return "org.telpanel.Error.Failed";
  }
}

void return_error(GDBusMethodInvocation* invocation, const core::Error& error) {
  g_dbus_method_invocation_return_dbus_error(invocation, error_name(error.code).c_str(),
                                             error.detail.c_str());
}

void return_result(GDBusMethodInvocation* invocation, const core::Result<void>& r) {
  if (r) {
    g_dbus_method_invocation_return_value(invocation, nullptr);
  } else {
    return_error(invocation, r.error());
  }
}

void return_string(GDBusMethodInvocation* invocation, const std::string& s) {
  g_dbus_method_invocation_return_value(invocation, g_variant_new("(s)", s.c_str()));
}

GDBusInterfaceInfo* interface_info() {
  // Parsed once; the XML is the installed contract, compiled in so the two never differ.
  static GDBusNodeInfo* node = [] {
    GError* error = nullptr;
    GDBusNodeInfo* n = g_dbus_node_info_new_for_xml(kDbusInterfaceXml, &error);
    if (!n) g_error("bad D-Bus interface XML: %s", error->message);
    return n;
  }();
  return g_dbus_node_info_lookup_interface(node, kInterface);
}

void method_call_cb(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* method,
                    GVariant* parameters, GDBusMethodInvocation* invocation,
                    gpointer user_data) noexcept {
  try {
    static_cast<DbusService*>(user_data)->handle_call(method, parameters, invocation);
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

DbusService::DbusService(core::CallController& controller, core::CallHistory* history,
                         std::function<void(const std::string&)> on_name_lost)
    : m_controller(controller), m_history(history), m_on_name_lost(std::move(on_name_lost)) {
  controller.signal_call_changed().connect(
      [this](const core::Call& call) { emit_event("call", call_event(call).dump()); });
  controller.signal_registration_changed().connect(
      [this](const std::string& account, const core::RegistrationStatus& st) {
        emit_event("registration", registration_event(account, st).dump());
      });
  controller.signal_dtmf_received().connect(
      [this](const core::CallId& id, char digit, core::DtmfSource source) {
        emit_event("dtmf", dtmf_event(id, digit, source).dump());
      });
  m_owner_id = g_bus_own_name(G_BUS_TYPE_SESSION, kBusName, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                              bus_acquired_cb, name_acquired_cb, name_lost_cb, this, nullptr);
}

DbusService::~DbusService() {
  if (m_connection && m_registration_id)
    g_dbus_connection_unregister_object(m_connection, m_registration_id);
  if (m_owner_id) g_bus_unown_name(m_owner_id);
}

void DbusService::on_bus_acquired(GDBusConnection* connection) {
  m_connection = connection;
  GError* error = nullptr;
  m_registration_id = g_dbus_connection_register_object(connection, kObjectPath, interface_info(),
                                                        &kVtable, this, nullptr, &error);
  if (!m_registration_id) {
    g_warning("cannot export %s: %s", kObjectPath, error->message);
    g_error_free(error);
  }
  m_acquired = true;
}

void DbusService::on_name_lost_cb() {
  const std::string reason =
      m_acquired ? std::string("another telpanel already owns ") + kBusName + " on the session bus"
                 : "cannot connect to the D-Bus session bus (is DBUS_SESSION_BUS_ADDRESS set?)";
  if (m_on_name_lost) m_on_name_lost(reason);
}

void DbusService::emit_event(const std::string& kind, const std::string& json) {
  if (!m_connection) return;
  g_dbus_connection_emit_signal(m_connection, nullptr, kObjectPath, kInterface, "Event",
                                g_variant_new("(ss)", kind.c_str(), json.c_str()), nullptr);
}

void DbusService::handle_call(const char* method_c, GVariant* parameters,
                              GDBusMethodInvocation* invocation) {
  const std::string method = method_c;
  auto arg = [&](int i) {
    GVariant* v = g_variant_get_child_value(parameters, i);
    std::string s = g_variant_get_string(v, nullptr);
    g_variant_unref(v);
    return s;
  };
  // "" means the one obvious call (README, "Control interface").
  auto call_arg = [&](bool ringing_incoming) -> core::Result<core::CallId> {
    std::string id = arg(0);
    if (!id.empty()) return id;
    return m_controller.pick_call(ringing_incoming);
  };
  auto with_call = [&](bool ringing_incoming, auto&& fn) {
    auto id = call_arg(ringing_incoming);
    if (!id) return return_error(invocation, id.error());
    return_result(invocation, fn(*id));
  };

  if (method == "GetStatus") {
    return_string(invocation, status_json(m_controller).dump());
  } else if (method == "Dial") {
    auto id = m_controller.dial(arg(0));
    if (!id) return return_error(invocation, id.error());
    return_string(invocation, *id);
  } else if (method == "Answer") {
    with_call(true, [&](const core::CallId& id) { return m_controller.answer(id); });
  } else if (method == "Reject") {
    with_call(true, [&](const core::CallId& id) { return m_controller.reject(id); });
  } else if (method == "Hangup") {
    with_call(false, [&](const core::CallId& id) { return m_controller.hang_up(id); });
  } else if (method == "Hold") {
    with_call(false, [&](const core::CallId& id) { return m_controller.hold(id); });
  } else if (method == "Resume") {
    with_call(false, [&](const core::CallId& id) { return m_controller.resume(id); });
  } else if (method == "SetMuted") {
    gboolean muted = FALSE;
    GVariant* v = g_variant_get_child_value(parameters, 1);
    muted = g_variant_get_boolean(v);
    g_variant_unref(v);
    with_call(false, [&](const core::CallId& id) { return m_controller.set_muted(id, muted); });
  } else if (method == "SendDtmf") {
    const std::string digits = arg(1);
    with_call(false, [&](const core::CallId& id) { return m_controller.send_dtmf(id, digits); });
  } else if (method == "GetJournal") {
    guint32 limit = 0;
    g_variant_get(parameters, "(u)", &limit);
    if (!m_history)
      return return_error(invocation, core::make_error(core::ErrorCode::InvalidState,
                                                       "the journal is off (no database)"));
    auto entries = m_history->recent(limit ? static_cast<int>(limit) : 100);
    if (!entries) return return_error(invocation, entries.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *entries) out.push_back(journal_entry_json(e));
    return_string(invocation, out.dump());
  } else {
    g_dbus_method_invocation_return_dbus_error(
        invocation, "org.freedesktop.DBus.Error.UnknownMethod", ("no method " + method).c_str());
  }
}

}  // namespace telpanel::app
