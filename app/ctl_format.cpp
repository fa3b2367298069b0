// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ctl_format.hpp"

#include <cstdio>

namespace telpanel::app {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "-";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

}  // namespace

std::string format_status(const nlohmann::json& status) {
  std::string out = "registration: " + str(status["registration"], "state");
  const std::string reason = str(status["registration"], "reason");
  if (reason != "-" && !reason.empty()) out += " (" + reason + ")";
  out += "\n";
  if (status["calls"].empty()) return out + "no calls\n";
  for (const auto& c : status["calls"]) {
    char line[512];
    std::snprintf(line, sizeof line, "%-12s %-8s %-9s %s\n", str(c, "id").c_str(),
                  str(c, "direction").c_str(), str(c, "state").c_str(), str(c, "peer").c_str());
    out += line;
    if (c.contains("transfer") && c["transfer"].is_object()) {
      const auto& t = c["transfer"];
      out += "             transfer " + str(t, "kind") + " " + str(t, "state") + " -> " +
             str(t, "target") + (str(t, "detail").empty() ? "" : ": " + str(t, "detail")) + "\n";
    }
  }
  return out;
}

std::string format_journal(const nlohmann::json& entries) {
  if (entries.empty()) return "the journal is empty\n";
  std::string out;
  for (const auto& e : entries) {
    char line[640];
    // Status "internal" for colleagues' calls; "!" needs attention, "+" new number, "#" comment.
    std::string status = e.value("internal", false) ? "internal" : str(e, "status");
    std::string marks;
    if (e.value("needs_attention", false)) marks += '!';
    if (e.value("new_number", false)) marks += '+';
    if (e.contains("comment") && e["comment"].is_string()) marks += '#';
    std::snprintf(line, sizeof line, "%6s %-29s %-8s %-32s wait %3llds talk %4llds  %-9s %-9s %s\n",
                  str(e, "id").c_str(), str(e, "started_at").c_str(), str(e, "direction").c_str(),
                  str(e, "peer").c_str(), e.value("wait_seconds", 0LL),
                  e.value("talk_seconds", 0LL), status.c_str(), str(e, "end_reason").c_str(),
                  marks.c_str());
    out += line;
    // A transferred conversation: the route through its parties, who moved it where.
    if (e.contains("legs") && e["legs"].size() > 1) {
      for (const auto& leg : e["legs"]) {
        if (str(leg, "kind") == "call") continue;
        out += "    -> " + str(leg, "party") + " (" + str(leg, "kind") + " by " +
               str(leg, "transferred_by") + ")\n";
      }
    }
  }
  return out;
}

}  // namespace telpanel::app
