// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's journal commands (org.telpanel.Journal1): the filtered list, call details,
// comments, clearing "needs attention", columns and export.
#include <glib.h>

#include <cstdio>

#include "app/ctl_bus.hpp"
#include "app/ctl_format.hpp"
#include "app/dbus_names.hpp"

namespace telpanel::app::ctl {

namespace {

constexpr const char* kJournal = "org.telpanel.Journal1";

int count_option(Invocation& in, const char* name) {
  const auto text = in.take_option(name);
  if (!text) return -1;
  char* end = nullptr;
  const long v = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || v < 0 || v > 100000000)
    fail(std::string(name) + " must be a positive number", 2);
  return static_cast<int>(v);
}

// The filter options every listing and export takes, as the Journal1 filter JSON.
nlohmann::json take_filter(Invocation& in) {
  nlohmann::json f = nlohmann::json::object();
  if (auto d = in.take_option("--direction")) f["direction"] = *d;
  if (auto s = in.take_option("--status")) {
    nlohmann::json list = nlohmann::json::array();
    std::string rest = *s;
    for (std::size_t comma; (comma = rest.find(',')) != std::string::npos;) {
      list.push_back(rest.substr(0, comma));
      rest.erase(0, comma + 1);
    }
    list.push_back(rest);
    f["status"] = list;
  }
  if (auto v = in.take_option("--from")) f["from"] = *v;
  if (auto v = in.take_option("--to")) f["to"] = *v;
  if (auto v = in.take_option("--search")) f["search"] = *v;
  if (auto v = in.take_option("--account")) f["account"] = *v;
  if (in.take_flag("--attention")) f["attention"] = true;
  if (in.take_flag("--new-number")) f["new_number"] = true;
  const bool internal = in.take_flag("--internal");
  const bool external = in.take_flag("--external");
  if (internal && external) fail("--internal and --external exclude each other", 2);
  if (internal || external) f["internal"] = internal;
  if (in.take_flag("--oldest")) f["order"] = "oldest";
  if (int offset = count_option(in, "--offset"); offset >= 0) f["offset"] = offset;
  return f;
}

std::int64_t id_arg(const std::string& text) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v <= 0) fail("'" + text + "' is not a journal entry id", 2);
  return v;
}

int list(Invocation& in) {
  auto f = take_filter(in);
  // 0 kept its old meaning: the default (100).
  if (int limit = count_option(in, "--limit"); limit > 0) f["limit"] = limit;
  in.need(0, 0, "[--limit N] [filters]");
  auto entries = call_json(kJournal, "Query", g_variant_new("(s)", f.dump().c_str()));
  in.print(entries, format_journal(entries));
  return 0;
}

int show(Invocation& in) {
  in.need(2, 2, "show ID");
  auto e = call_json(kJournal, "GetEntry", g_variant_new("(x)", id_arg(in.args[2])));
  in.print(e, e.dump(2) + "\n");
  return 0;
}

int comment(Invocation& in) {
  in.need(3, 3, "comment ID TEXT");
  call_void(kJournal, "SetComment", g_variant_new("(xs)", id_arg(in.args[2]), in.args[3].c_str()),
            in.json);
  return 0;
}

int clear_attention(Invocation& in) {
  in.need(2, 2, "clear-attention ID");
  call_void(kJournal, "ClearAttention", g_variant_new("(x)", id_arg(in.args[2])), in.json);
  return 0;
}

int columns(Invocation& in) {
  in.need(1, 3, "columns [set LIST]");
  nlohmann::json cols;
  if (in.args.size() == 2) {
    cols = call_json(kJournal, "GetColumns", nullptr);
  } else {
    if (in.args[2] != "set" || in.args.size() != 4)
      fail("usage: telpanelctl journal columns [set LIST]", 2);
    cols = call_json(kJournal, "SetColumns", g_variant_new("(s)", in.args[3].c_str()));
  }
  std::string text;
  for (const auto& c : cols) text += (text.empty() ? "" : ",") + c.get<std::string>();
  in.print(cols, text + "\n");
  return 0;
}

int export_view(Invocation& in) {
  const auto format = in.take_option("--format");
  auto f = take_filter(in);
  if (int limit = count_option(in, "--limit"); limit > 0) f["limit"] = limit;
  in.need(2, 2, "export --format csv|xlsx FILE [filters]");
  if (!format) fail("usage: telpanelctl journal export --format csv|xlsx FILE [filters]", 2);
  // The panel writes the file: give it an absolute path from our working directory.
  gchar* path = g_canonicalize_filename(in.args[2].c_str(), nullptr);
  auto result = call_json(kJournal, "Export",
                          g_variant_new("(sss)", f.dump().c_str(), format->c_str(), path));
  g_free(path);
  in.print(result, "exported " + result["rows"].dump() + " calls to " +
                       result["path"].get<std::string>() + "\n");
  return 0;
}

int journal(Invocation& in) {
  // Subcommands come first; anything else (options only) is the listing.
  const std::string sub = in.args.size() > 1 ? in.args[1] : "";
  if (sub == "show") return show(in);
  if (sub == "comment") return comment(in);
  if (sub == "clear-attention") return clear_attention(in);
  if (sub == "columns") return columns(in);
  if (sub == "export") return export_view(in);
  return list(in);
}

constexpr Command kCommands[] = {
    {"journal",
     "  journal [--limit N] [--offset N] [--direction incoming|outgoing]\n"
     "          [--status S,...] [--from DATE] [--to DATE] [--search TEXT] [--attention]\n"
     "          [--new-number] [--internal|--external] [--account NAME] [--oldest]\n"
     "                              the call journal, newest first (S: accepted, reached,\n"
     "                              no_answer, lost, cancelled; DATE: YYYY-MM-DD[THH:MM])\n"
     "  journal show ID             one call with its route (legs)\n"
     "  journal comment ID TEXT     set a call's comment (\"\" removes it)\n"
     "  journal clear-attention ID  take a missed call off the attention list\n"
     "  journal columns [set LIST]  your journal columns, in order (LIST: date,number,...)\n"
     "  journal export --format csv|xlsx FILE [filters]\n"
     "                              write the filtered view in your columns\n",
     journal},
};

}  // namespace

std::span<const Command> journal_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
