// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's commands for recordings and personal settings (org.telpanel.Recordings1,
// org.telpanel.Settings1).
#include <string>

#include "app/ctl_bus.hpp"

namespace telpanel::app::ctl {

namespace {

constexpr const char* k_recordings = "org.telpanel.Recordings1";
constexpr const char* k_settings = "org.telpanel.Settings1";

int recordings(Invocation& in) {
  if (in.args.size() < 2 || in.args[1] != "list")
    fail("usage: telpanelctl recordings list CALL", 2);
  in.need(2, 2, "list CALL");
  auto parts = call_json(k_recordings, "ListRecordings", g_variant_new("(s)", in.args[2].c_str()));
  std::string text;
  for (const auto& p : parts) {
    text += p.value("location", "");
    if (p.contains("error") && !p["error"].is_null())
      text += "  (failed: " + p["error"].get<std::string>() + ")";
    text += "\n";
  }
  in.print(parts, text);
  return 0;
}

int record(Invocation& in) {
  in.need(2, 2, "CALL on|off");
  if (in.args[2] != "on" && in.args[2] != "off") fail("usage: telpanelctl record CALL on|off", 2);
  call_void(k_recordings, "SetRecording",
            g_variant_new("(sb)", in.args[1].c_str(), in.args[2] == "on"), in.json);
  return 0;
}

int settings(Invocation& in) {
  const std::string sub = in.args.size() > 1 ? in.args[1] : "";
  if (sub == "show") {
    in.need(1, 1, "show");
    auto all = call_json(k_settings, "GetSettings", nullptr);
    std::string text;
    for (const auto& [key, value] : all.items())
      text += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()) + "\n";
    in.print(all, text);
    return 0;
  }
  if (sub == "set") {
    in.need(3, 3, "set KEY VALUE");
    call_void(k_settings, "SetSetting",
              g_variant_new("(ss)", in.args[2].c_str(), in.args[3].c_str()), in.json);
    return 0;
  }
  fail("usage: telpanelctl settings show | settings set KEY VALUE", 2);
}

constexpr Command kCommands[] = {
    {"recordings", "  recordings list CALL        the recorded parts (paths or URLs) of a call\n",
     recordings},
    {"record", "  record CALL on|off          start or stop recording a call (on demand)\n",
     record},
    {"settings",
     "  settings show | settings set KEY VALUE\n"
     "                              personal settings (keys in the README)\n",
     settings},
};

}  // namespace

std::span<const Command> recording_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
