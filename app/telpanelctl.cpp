// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl: command-line client of the panel's D-Bus interface (CTL-3). Prints JSON with
// --json; on failure prints one line to stderr and exits 1 (2 for usage errors).
#include <gio/gio.h>
#include <glib-unix.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/ctl_format.hpp"
#include "app/dbus_names.hpp"

namespace {

using telpanel::app::kBusName;
using telpanel::app::kInterface;
using telpanel::app::kObjectPath;

constexpr const char* kUsage =
    "usage: telpanelctl [--json] COMMAND [ARGS]\n"
    "  status                      registration and calls\n"
    "  dial TARGET                 call a number or SIP URI; prints the call id\n"
    "  answer [CALL]               answer (default: the only ringing call)\n"
    "  reject [CALL]               reject with 486 Busy Here\n"
    "  hangup [CALL]               hang up or cancel (default: the only current call)\n"
    "  hold CALL | resume CALL\n"
    "  mute CALL on|off\n"
    "  dtmf CALL DIGITS            send 0-9 * # A-D\n"
    "  journal [--limit N]         the call journal, newest first\n"
    "  watch                       print events as JSON lines until interrupted\n";

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "telpanelctl: %s\n", message.c_str());
  std::exit(code);
}

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

GDBusConnection* connect_bus() {
  GError* error = nullptr;
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
  if (!bus) fail("cannot reach the D-Bus session bus: " + describe(error));
  return bus;
}

GVariant* call(GDBusConnection* bus, const char* method, GVariant* args, const char* reply_type) {
  GError* error = nullptr;
  GVariant* reply =
      g_dbus_connection_call_sync(bus, kBusName, kObjectPath, kInterface, method, args,
                                  reply_type ? G_VARIANT_TYPE(reply_type) : nullptr,
                                  G_DBUS_CALL_FLAGS_NONE, 10000, nullptr, &error);
  if (!reply) fail(describe(error));
  return reply;
}

std::string call_string(GDBusConnection* bus, const char* method, GVariant* args) {
  GVariant* reply = call(bus, method, args, "(s)");
  const gchar* s = nullptr;
  g_variant_get(reply, "(&s)", &s);
  std::string out = s;
  g_variant_unref(reply);
  return out;
}

void call_void(GDBusConnection* bus, const char* method, GVariant* args, bool json) {
  g_variant_unref(call(bus, method, args, nullptr));
  if (json) std::puts(R"({"ok":true})");
}

nlohmann::json parse(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("unreadable answer from telpanel: ") + e.what());
  }
}

void on_event(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
              GVariant* parameters, gpointer) {
  const gchar* kind = nullptr;
  const gchar* json = nullptr;
  g_variant_get(parameters, "(&s&s)", &kind, &json);
  std::printf("%s\n", json);
  std::fflush(stdout);
}

void on_vanished(GDBusConnection*, const gchar*, gpointer loop) {
  std::fprintf(stderr, "telpanelctl: telpanel stopped\n");
  g_main_loop_quit(static_cast<GMainLoop*>(loop));
}

int watch(GDBusConnection* bus) {
  GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
  g_dbus_connection_signal_subscribe(bus, kBusName, kInterface, "Event", kObjectPath, nullptr,
                                     G_DBUS_SIGNAL_FLAGS_NONE, on_event, nullptr, nullptr);
  // The subscription's match rule reaches the bus before this call, so the snapshot below and
  // the events after it leave no gap.
  auto status = parse(call_string(bus, "GetStatus", nullptr));
  status["event"] = "status";
  std::printf("%s\n", status.dump().c_str());
  std::fflush(stdout);
  g_bus_watch_name_on_connection(bus, kBusName, G_BUS_NAME_WATCHER_FLAGS_NONE, nullptr, on_vanished,
                                 loop, nullptr);
  auto quit = [](gpointer l) -> gboolean {
    g_main_loop_quit(static_cast<GMainLoop*>(l));
    return G_SOURCE_REMOVE;
  };
  g_unix_signal_add(SIGINT, quit, loop);
  g_unix_signal_add(SIGTERM, quit, loop);
  g_main_loop_run(loop);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::vector<std::string> args;
  int limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--limit" && i + 1 < argc) {
      limit = std::atoi(argv[++i]);
    } else if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      args.push_back(a);
    }
  }
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string cmd = args[0];
  auto need = [&](std::size_t min, std::size_t max, const char* shape) {
    if (args.size() - 1 < min || args.size() - 1 > max)
      fail(std::string("usage: telpanelctl ") + cmd + " " + shape, 2);
  };
  auto optional_call = [&] { return args.size() > 1 ? args[1].c_str() : ""; };

  if (cmd == "status") {
    need(0, 0, "");
    GDBusConnection* bus = connect_bus();
    auto status = parse(call_string(bus, "GetStatus", nullptr));
    std::fputs(json ? (status.dump() + "\n").c_str() : telpanel::app::format_status(status).c_str(),
               stdout);
  } else if (cmd == "dial") {
    need(1, 1, "TARGET");
    const std::string id =
        call_string(connect_bus(), "Dial", g_variant_new("(s)", args[1].c_str()));
    std::printf("%s\n", json ? nlohmann::json({{"id", id}}).dump().c_str() : id.c_str());
  } else if (cmd == "answer" || cmd == "reject" || cmd == "hangup") {
    need(0, 1, "[CALL]");
    const char* method = cmd == "answer" ? "Answer" : cmd == "reject" ? "Reject" : "Hangup";
    call_void(connect_bus(), method, g_variant_new("(s)", optional_call()), json);
  } else if (cmd == "hold" || cmd == "resume") {
    need(1, 1, "CALL");
    call_void(connect_bus(), cmd == "hold" ? "Hold" : "Resume",
              g_variant_new("(s)", args[1].c_str()), json);
  } else if (cmd == "mute") {
    need(2, 2, "CALL on|off");
    if (args[2] != "on" && args[2] != "off") fail("usage: telpanelctl mute CALL on|off", 2);
    call_void(connect_bus(), "SetMuted", g_variant_new("(sb)", args[1].c_str(), args[2] == "on"),
              json);
  } else if (cmd == "dtmf") {
    need(2, 2, "CALL DIGITS");
    call_void(connect_bus(), "SendDtmf", g_variant_new("(ss)", args[1].c_str(), args[2].c_str()),
              json);
  } else if (cmd == "journal") {
    need(0, 0, "[--limit N]");
    if (limit < 0) fail("--limit must be a positive number", 2);
    auto entries = parse(call_string(connect_bus(), "GetJournal",
                                     g_variant_new("(u)", static_cast<guint32>(limit))));
    std::fputs(
        json ? (entries.dump() + "\n").c_str() : telpanel::app::format_journal(entries).c_str(),
        stdout);
  } else if (cmd == "watch") {
    need(0, 0, "");
    return watch(connect_bus());
  } else {
    std::fprintf(stderr, "telpanelctl: unknown command '%s'\n%s", cmd.c_str(), kUsage);
    return 2;
  }
  return 0;
}
