// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's commands for the own status and colleagues (org.telpanel.Presence1).
#include <string>

#include "app/ctl_bus.hpp"

namespace telpanel::app::ctl {

namespace {

constexpr const char* kPresence = "org.telpanel.Presence1";

std::string row_text(const nlohmann::json& p) {
  std::string line = p.value("extension", "");
  if (!p.value("name", "").empty()) line += " " + p.value("name", "");
  line += "  " + p.value("presence", "");
  if (p.value("on_call", false)) line += ", on a call";
  if (!p.value("reachable", false)) line += ", unreachable";
  if (p.contains("last_seen") && p["last_seen"].is_string())
    line += ", was here " + p["last_seen"].get<std::string>();
  if (!p.value("text", "").empty()) line += "  \"" + p.value("text", "") + "\"";
  return line + "\n";
}

int presence(Invocation& in) {
  const auto text = in.take_option("--text");
  if (in.args.size() < 2) fail("usage: telpanelctl presence show | set STATUS [--text T]", 2);
  if (in.args[1] == "show") {
    in.need(1, 1, "show");
    auto p = call_json(kPresence, "GetPresence", nullptr);
    std::string out = row_text(p);
    if (!p["auto_away"].value("enabled", false) && p["auto_away"]["reason"].is_string())
      out += "auto-away off: " + p["auto_away"]["reason"].get<std::string>() + "\n";
    in.print(p, out);
    return 0;
  }
  if (in.args[1] == "set") {
    in.need(1, 2, "set online|offline|available|busy|dnd [--text T]");
    const std::string status = in.args.size() > 2 ? in.args[2] : "";
    if (status.empty() && !text) fail("usage: telpanelctl presence set STATUS [--text T]", 2);
    call_void(kPresence, "SetPresence",
              g_variant_new("(sbs)", status.c_str(), text.has_value(), text.value_or("").c_str()),
              in.json);
    return 0;
  }
  fail("usage: telpanelctl presence show | set STATUS [--text T]", 2);
}

int colleagues(Invocation& in) {
  in.need(0, 0, "");
  auto list = call_json(kPresence, "GetColleagues", nullptr);
  std::string out;
  for (const auto& c : list) out += row_text(c);
  in.print(list, out);
  return 0;
}

constexpr Command kCommands[] = {
    {"presence",
     "  presence show               own status (presence, text, auto-away)\n"
     "  presence set online|offline|available|busy|dnd [--text T]\n",
     presence},
    {"colleagues", "  colleagues                  colleagues' presence, calls, reachability\n",
     colleagues},
};

}  // namespace

std::span<const Command> presence_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
