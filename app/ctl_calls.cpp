// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's commands for calls and events (org.telpanel.Panel1); the journal's are in
// app/ctl_journal.cpp.
#include <glib-unix.h>

#include <cstdio>

#include "app/ctl_bus.hpp"
#include "app/ctl_format.hpp"
#include "app/dbus_names.hpp"

namespace telpanel::app::ctl {

namespace {

GVariant* call_id_arg(const Invocation& in) {
  return g_variant_new("(s)", in.args.size() > 1 ? in.args[1].c_str() : "");
}

int status(Invocation& in) {
  in.need(0, 0, "");
  auto s = call_json(kInterface, "GetStatus", nullptr);
  in.print(s, format_status(s));
  return 0;
}

int dial(Invocation& in) {
  in.need(1, 1, "TARGET");
  const std::string id = call_string(kInterface, "Dial", g_variant_new("(s)", in.args[1].c_str()));
  in.print({{"id", id}}, id + "\n");
  return 0;
}

int answer(Invocation& in) {
  in.need(0, 1, "[CALL]");
  call_void(kInterface, "Answer", call_id_arg(in), in.json);
  return 0;
}

int reject(Invocation& in) {
  in.need(0, 1, "[CALL]");
  call_void(kInterface, "Reject", call_id_arg(in), in.json);
  return 0;
}

int hangup(Invocation& in) {
  in.need(0, 1, "[CALL]");
  call_void(kInterface, "Hangup", call_id_arg(in), in.json);
  return 0;
}

int hold(Invocation& in) {
  in.need(1, 1, "CALL");
  call_void(kInterface, "Hold", call_id_arg(in), in.json);
  return 0;
}

int resume(Invocation& in) {
  in.need(1, 1, "CALL");
  call_void(kInterface, "Resume", call_id_arg(in), in.json);
  return 0;
}

int mute(Invocation& in) {
  in.need(2, 2, "CALL on|off");
  if (in.args[2] != "on" && in.args[2] != "off") fail("usage: telpanelctl mute CALL on|off", 2);
  call_void(kInterface, "SetMuted", g_variant_new("(sb)", in.args[1].c_str(), in.args[2] == "on"),
            in.json);
  return 0;
}

int dtmf(Invocation& in) {
  in.need(2, 2, "CALL DIGITS");
  call_void(kInterface, "SendDtmf", g_variant_new("(ss)", in.args[1].c_str(), in.args[2].c_str()),
            in.json);
  return 0;
}

int transfer(Invocation& in) {
  in.need(2, 2, "CALL TARGET");
  call_void(kInterface, "Transfer", g_variant_new("(ss)", in.args[1].c_str(), in.args[2].c_str()),
            in.json);
  return 0;
}

int consult(Invocation& in) {
  in.need(2, 2, "CALL TARGET");
  const std::string id = call_string(kInterface, "Consult",
                                     g_variant_new("(ss)", in.args[1].c_str(), in.args[2].c_str()));
  in.print({{"id", id}}, id + "\n");
  return 0;
}

int transfer_complete(Invocation& in) {
  in.need(1, 1, "CALL");
  call_void(kInterface, "TransferComplete", call_id_arg(in), in.json);
  return 0;
}

int transfer_cancel(Invocation& in) {
  in.need(1, 1, "CALL");
  call_void(kInterface, "TransferCancel", call_id_arg(in), in.json);
  return 0;
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

int watch(Invocation& in) {
  in.need(0, 0, "");
  GDBusConnection* bus = connect_bus();
  GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
  g_dbus_connection_signal_subscribe(bus, kBusName, kInterface, "Event", kObjectPath, nullptr,
                                     G_DBUS_SIGNAL_FLAGS_NONE, on_event, nullptr, nullptr);
  // The subscription's match rule reaches the bus before this call, so the snapshot below and
  // the events after it leave no gap.
  auto status = call_json(kInterface, "GetStatus", nullptr);
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

constexpr Command kCommands[] = {
    {"status", "  status                      registration and calls\n", status},
    {"dial", "  dial TARGET                 call a number or SIP URI; prints the call id\n", dial},
    {"answer", "  answer [CALL]               answer (default: the only ringing call)\n", answer},
    {"reject", "  reject [CALL]               reject with 486 Busy Here\n", reject},
    {"hangup", "  hangup [CALL]               hang up or cancel (default: the only current call)\n",
     hangup},
    {"hold", "  hold CALL | resume CALL\n", hold},
    {"resume", "", resume},
    {"mute", "  mute CALL on|off\n", mute},
    {"dtmf", "  dtmf CALL DIGITS            send 0-9 * # A-D\n", dtmf},
    {"transfer",
     "  transfer CALL TARGET        blind transfer (REFER), or 302 deflect of a ringing call\n",
     transfer},
    {"consult", "  consult CALL TARGET         hold CALL and call TARGET; prints the new call id\n",
     consult},
    {"transfer-complete",
     "  transfer-complete CALL      connect the client with the consulted colleague\n",
     transfer_complete},
    {"transfer-cancel", "  transfer-cancel CALL        end the consultation, resume the client\n",
     transfer_cancel},
    {"watch", "  watch                       print events as JSON lines until interrupted\n",
     watch},
};

}  // namespace

std::span<const Command> call_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
