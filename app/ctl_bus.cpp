// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ctl_bus.hpp"

#include <cstdio>
#include <cstring>

#include "app/dbus_names.hpp"

namespace telpanel::app::ctl {

namespace {

std::string describe(GError* error) {
  if (g_dbus_error_is_remote_error(error)) {
    gchar* remote = g_dbus_error_get_remote_error(error);
    const bool absent =
        remote && (std::strcmp(remote, "org.freedesktop.DBus.Error.ServiceUnknown") == 0 ||
                   std::strcmp(remote, "org.freedesktop.DBus.Error.NameHasNoOwner") == 0);
    g_free(remote);
    if (absent)
      return std::string("telpanel is not running (nothing owns ") + kBusName +
             " on the session bus)";
    g_dbus_error_strip_remote_error(error);
  }
  return error->message;
}

}  // namespace

void fail(const std::string& message, int code) {
  std::fprintf(stderr, "telpanelctl: %s\n", message.c_str());
  std::exit(code);
}

GDBusConnection* connect_bus() {
  static GDBusConnection* bus = [] {
    GError* error = nullptr;
    GDBusConnection* b = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (!b) fail("cannot reach the D-Bus session bus: " + describe(error));
    return b;
  }();
  return bus;
}

GVariant* call(const char* interface, const char* method, GVariant* args, const char* reply_type) {
  GError* error = nullptr;
  GVariant* reply =
      g_dbus_connection_call_sync(connect_bus(), kBusName, kObjectPath, interface, method, args,
                                  reply_type ? G_VARIANT_TYPE(reply_type) : nullptr,
                                  G_DBUS_CALL_FLAGS_NONE, 10000, nullptr, &error);
  if (!reply) fail(describe(error));
  return reply;
}

std::string call_string(const char* interface, const char* method, GVariant* args) {
  GVariant* reply = call(interface, method, args, "(s)");
  const gchar* s = nullptr;
  g_variant_get(reply, "(&s)", &s);
  std::string out = s;
  g_variant_unref(reply);
  return out;
}

nlohmann::json call_json(const char* interface, const char* method, GVariant* args) {
  return parse(call_string(interface, method, args));
}

void call_void(const char* interface, const char* method, GVariant* args, bool json) {
  g_variant_unref(call(interface, method, args, nullptr));
  if (json) std::puts(R"({"ok":true})");
}

nlohmann::json parse(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("unreadable answer from telpanel: ") + e.what());
  }
}

std::optional<std::string> Invocation::take_option(const std::string& name) {
  auto all = take_all(name);
  if (all.empty()) return std::nullopt;
  return all.back();
}

std::vector<std::string> Invocation::take_all(const std::string& name) {
  std::vector<std::string> values;
  for (std::size_t i = 1; i < args.size();) {
    if (args[i] != name) {
      ++i;
      continue;
    }
    if (i + 1 >= args.size()) fail(name + " needs a value", 2);
    values.push_back(args[i + 1]);
    args.erase(args.begin() + i, args.begin() + i + 2);
  }
  return values;
}

bool Invocation::take_flag(const std::string& name) {
  bool found = false;
  for (std::size_t i = 1; i < args.size();) {
    if (args[i] == name) {
      found = true;
      args.erase(args.begin() + i);
    } else {
      ++i;
    }
  }
  return found;
}

void Invocation::need(std::size_t min, std::size_t max, const char* shape) const {
  const std::size_t n = args.size() - 1;
  if (n < min || n > max) fail("usage: telpanelctl " + args[0] + " " + shape, 2);
}

void Invocation::print(const nlohmann::json& value, const std::string& text) const {
  if (json) {
    std::puts(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::fputs(text.c_str(), stdout);
  }
}

}  // namespace telpanel::app::ctl
