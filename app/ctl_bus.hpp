// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's side of the control interface: one session-bus connection, synchronous method
// calls on any org.telpanel interface, one-line errors, and the command table every feature
// adds its commands to (app/ctl_<feature>.cpp).
#pragma once

#include <gio/gio.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace telpanel::app::ctl {

/// Prints "telpanelctl: MESSAGE" to stderr and exits with `code` (1 failure, 2 usage).
[[noreturn]] void fail(const std::string& message, int code = 1);

GDBusConnection* connect_bus();
/// Calls INTERFACE.METHOD on the panel; fails with the panel's one-line message on error.
GVariant* call(const char* interface, const char* method, GVariant* args, const char* reply_type);
std::string call_string(const char* interface, const char* method, GVariant* args);
nlohmann::json call_json(const char* interface, const char* method, GVariant* args);
/// For methods without a result: prints {"ok":true} with --json, nothing otherwise.
void call_void(const char* interface, const char* method, GVariant* args, bool json);
nlohmann::json parse(const std::string& text);

/// A command's arguments: args[0] is the command name; --json is already taken out.
struct Invocation {
  bool json = false;
  std::vector<std::string> args;

  /// Removes "--name VALUE" and returns VALUE (the last one when repeated).
  std::optional<std::string> take_option(const std::string& name);
  /// Removes every "--name VALUE" and returns the values in order.
  std::vector<std::string> take_all(const std::string& name);
  /// Removes "--name" and says whether it was there.
  bool take_flag(const std::string& name);
  /// Fails with a usage message unless min..max positional arguments follow the command (call
  /// after taking the options out).
  void need(std::size_t min, std::size_t max, const char* shape) const;
  /// Prints `value` as one JSON line with --json, else `text` as is.
  void print(const nlohmann::json& value, const std::string& text) const;
};

struct Command {
  const char* name;
  const char* usage;  // "  name ARGS      what it does\n" lines for --help
  int (*run)(Invocation&);
};

std::span<const Command> call_commands();       // app/ctl_calls.cpp
std::span<const Command> client_commands();     // app/ctl_clients.cpp
std::span<const Command> journal_commands();    // app/ctl_journal.cpp
std::span<const Command> presence_commands();   // app/ctl_presence.cpp
std::span<const Command> chat_commands();       // app/ctl_chats.cpp
std::span<const Command> recording_commands();  // app/ctl_recordings.cpp

}  // namespace telpanel::app::ctl
