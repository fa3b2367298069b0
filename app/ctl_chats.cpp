// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's commands for chats (org.telpanel.Chats1): `chats` lists, `chat SUBCOMMAND`
// acts on one conversation.
#include <glib.h>

#include <cstdio>
#include <string>

#include "app/ctl_bus.hpp"

namespace telpanel::app::ctl {

namespace {

constexpr const char* kChats = "org.telpanel.Chats1";

gint64 chat_id(const std::string& text) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v <= 0) fail("'" + text + "' is not a chat id (a number)", 2);
  return v;
}

std::string absolute(const std::string& path) {
  if (g_path_is_absolute(path.c_str())) return path;
  gchar* cwd = g_get_current_dir();
  gchar* full = g_build_filename(cwd, path.c_str(), nullptr);
  std::string out = full;
  g_free(full);
  g_free(cwd);
  return out;
}

std::string text_of(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.is_null() ? "-" : v.dump();
}

std::string format_chats(const nlohmann::json& chats) {
  std::string out;
  for (const auto& c : chats) {
    const auto& last = c["last_message"];
    out += std::to_string(c["id"].get<long long>()) + "\t" + text_of(c["group"]) + "\t" +
           text_of(c["inbox"]) + "\t" + text_of(c["contact"]["name"]) + " " +
           text_of(c["contact"]["phone"]) + "\tunread " + std::to_string(c["unread"].get<int>()) +
           "\t" + (last.is_object() ? text_of(last["text"]) : "") + "\n";
  }
  return out.empty() ? "no chats\n" : out;
}

std::string format_show(const nlohmann::json& c) {
  std::string out = "chat " + std::to_string(c["id"].get<long long>()) + " (" +
                    text_of(c["group"]) + ", " + text_of(c["status"]) + ", assignee " +
                    text_of(c["assignee"]) + ") with " + text_of(c["contact"]["name"]) + "\n";
  for (const auto& m : c["messages"])
    out += "  [" + text_of(m["direction"]) + "] " + text_of(m["sender"]) + ": " +
           text_of(m["text"]) + (m["attachments"].empty() ? "" : " (+files)") + "\n";
  for (const auto& d : c["drafts"])
    out += "  draft (" + text_of(d["state"]) + "): " + text_of(d["text"]) + " " +
           text_of(d["error"]) + "\n";
  return out;
}

int chats(Invocation& in) {
  const auto group = in.take_option("--group");
  in.need(0, 0, "[--group queue|mine|observed]");
  auto list = call_json(kChats, "ListChats", g_variant_new("(s)", group.value_or("").c_str()));
  in.print(list, format_chats(list));
  return 0;
}

int show(Invocation& in) {
  in.need(2, 2, "show CHAT");
  auto c = call_json(kChats, "ShowChat", g_variant_new("(x)", chat_id(in.args[2])));
  in.print(c, format_show(c));
  return 0;
}

int send(Invocation& in) {
  const auto files = in.take_all("--attach");
  in.need(3, 3, "send CHAT TEXT [--attach FILE]...");
  GVariantBuilder b;
  g_variant_builder_init(&b, G_VARIANT_TYPE("as"));
  for (const auto& f : files) g_variant_builder_add(&b, "s", absolute(f).c_str());
  auto r = call_json(kChats, "Send",
                     g_variant_new("(xsas)", chat_id(in.args[2]), in.args[3].c_str(), &b));
  in.print(r, text_of(r["state"]) + "\n");
  return 0;
}

int mention(Invocation& in) {
  in.need(3, 4, "mention CHAT AGENT [TEXT]");
  auto r = call_json(kChats, "Mention",
                     g_variant_new("(xss)", chat_id(in.args[2]), in.args[3].c_str(),
                                   in.args.size() > 4 ? in.args[4].c_str() : ""));
  in.print(r, text_of(r["state"]) + "\n");
  return 0;
}

int take(Invocation& in) {
  in.need(2, 2, "take CHAT");
  auto c = call_json(kChats, "Take", g_variant_new("(x)", chat_id(in.args[2])));
  in.print(c, "taken\n");
  return 0;
}

int transfer(Invocation& in) {
  const bool keep = in.take_flag("--keep-observing");
  in.need(3, 3, "transfer CHAT AGENT [--keep-observing]");
  call_void(kChats, "Transfer",
            g_variant_new("(xsb)", chat_id(in.args[2]), in.args[3].c_str(), keep), in.json);
  return 0;
}

int observe(Invocation& in) {
  in.need(3, 3, "observe CHAT AGENT");
  call_void(kChats, "Observe", g_variant_new("(xs)", chat_id(in.args[2]), in.args[3].c_str()),
            in.json);
  return 0;
}

int templates(Invocation& in) {
  in.need(1, 1, "templates");
  auto list = call_json(kChats, "GetTemplates", nullptr);
  std::string text;
  for (const auto& t : list)
    text += "/" + text_of(t["short_code"]) + "\t" + text_of(t["content"]) + "\n";
  in.print(list, text);
  return 0;
}

int start(Invocation& in) {
  const auto inbox = in.take_option("--inbox");
  in.need(3, 3, "start PHONE --inbox ID TEXT");
  if (!inbox) fail("usage: telpanelctl chat start PHONE --inbox ID TEXT", 2);
  auto c =
      call_json(kChats, "StartChat",
                g_variant_new("(sxs)", in.args[2].c_str(), chat_id(*inbox), in.args[3].c_str()));
  in.print(c, "chat " + std::to_string(c["id"].get<long long>()) + "\n");
  return 0;
}

int download(Invocation& in) {
  in.need(3, 3, "download CHAT ATTACHMENT");
  const std::string path = call_string(
      kChats, "Download", g_variant_new("(xx)", chat_id(in.args[2]), chat_id(in.args[3])));
  in.print({{"path", path}}, path + "\n");
  return 0;
}

int summary(Invocation& in) {
  in.need(2, 2, "summary CHAT");
  const std::string text =
      call_string(kChats, "Summarize", g_variant_new("(x)", chat_id(in.args[2])));
  in.print({{"summary", text}}, text + "\n");
  return 0;
}

int status(Invocation& in) {
  in.need(1, 1, "status");
  auto s = call_json(kChats, "GetStatus", nullptr);
  in.print(s, s.dump(2) + "\n");
  return 0;
}

int resync(Invocation& in) {
  in.need(1, 1, "resync");
  call_void(kChats, "Resync", nullptr, in.json);
  return 0;
}

int chat(Invocation& in) {
  struct Sub {
    const char* name;
    int (*run)(Invocation&);
  };
  static constexpr Sub subs[] = {
      {"show", show},         {"send", send},       {"mention", mention},     {"take", take},
      {"transfer", transfer}, {"observe", observe}, {"templates", templates}, {"start", start},
      {"download", download}, {"status", status},   {"resync", resync},       {"summary", summary}};
  if (in.args.size() < 2) fail("usage: telpanelctl chat SUBCOMMAND ... (see --help)", 2);
  for (const auto& s : subs)
    if (in.args[1] == s.name) return s.run(in);
  fail("unknown chat subcommand '" + in.args[1] + "' (see --help)", 2);
}

constexpr Command kCommands[] = {
    {"chats", "  chats [--group queue|mine|observed]   chats of the three groups\n", chats},
    {"chat",
     "  chat show CHAT                       a chat with its messages, observers, drafts\n"
     "  chat send CHAT TEXT [--attach FILE]... reply (stored first; first reply takes it)\n"
     "  chat take CHAT | chat templates | chat status | chat resync\n"
     "  chat transfer CHAT AGENT [--keep-observing]\n"
     "  chat observe CHAT AGENT | chat mention CHAT AGENT [TEXT]\n"
     "  chat start PHONE --inbox ID TEXT      write first\n"
     "  chat download CHAT ATTACHMENT         into the cache; prints the path\n"
     "  chat summary CHAT                    the server's AI analysis, when it offers one\n",
     chat},
};

}  // namespace

std::span<const Command> chat_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
