// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_reply.hpp"

#include <gio/gio.h>

namespace telpanel::app {

std::string dbus_error_name(core::ErrorCode code) {
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
  g_dbus_method_invocation_return_dbus_error(invocation, dbus_error_name(error.code).c_str(),
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

void return_json(GDBusMethodInvocation* invocation, const nlohmann::json& j) {
  // Invalid UTF-8 from outside (a peer's display name) is replaced, never a throw mid-reply.
  return_string(invocation, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void return_unknown_method(GDBusMethodInvocation* invocation, const std::string& method) {
  g_dbus_method_invocation_return_dbus_error(invocation, "org.freedesktop.DBus.Error.UnknownMethod",
                                             ("no method " + method).c_str());
}

std::string string_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  std::string s = g_variant_get_string(v, nullptr);
  g_variant_unref(v);
  return s;
}

bool bool_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  const bool b = g_variant_get_boolean(v);
  g_variant_unref(v);
  return b;
}

unsigned uint_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  const unsigned u = g_variant_get_uint32(v);
  g_variant_unref(v);
  return u;
}

}  // namespace telpanel::app
