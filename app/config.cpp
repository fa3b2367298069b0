// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/config.hpp"

#include <glibmm/fileutils.h>
#include <glibmm/keyfile.h>
#include <sys/stat.h>

#include <cstdio>
#include <set>

#include "app/colleague_file.hpp"

namespace telpanel::app {

namespace {

// Glib::KeyFile::has_key throws for a missing group; a missing group just means "not set".
bool has(Glib::KeyFile& kf, const std::string& group, const std::string& key) {
  return kf.has_group(group) && kf.has_key(group, key);
}

std::string get(Glib::KeyFile& kf, const std::string& group, const std::string& key,
                const std::string& fallback = "") {
  return has(kf, group, key) ? std::string(kf.get_string(group, key)) : fallback;
}

core::Result<int> get_int(Glib::KeyFile& kf, const std::string& group, const std::string& key,
                          int fallback, int min, int max) {
  if (!has(kf, group, key)) return fallback;
  const std::string raw = kf.get_string(group, key);
  char* end = nullptr;
  const long v = std::strtol(raw.c_str(), &end, 10);
  if (raw.empty() || *end != '\0' || v < min || v > max)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[" + group + "] " + key + "=" + raw + " must be a number from " +
                                std::to_string(min) + " to " + std::to_string(max));
  return static_cast<int>(v);
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ';' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

core::Result<AccountConfig> read_account(Glib::KeyFile& kf, const std::string& group,
                                         const std::string& name, int sip_port,
                                         const std::string& bind_address) {
  AccountConfig a;
  a.name = name;
  a.sip.uri = get(kf, group, "uri");
  if (a.sip.uri.empty())
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[" + group + "] has no uri= (e.g. uri=sip:1001@pbx.example.com)");
  a.sip.password = get(kf, group, "password");
  a.password_from_keyring = !has(kf, group, "password");
  a.sip.display_name = get(kf, group, "display_name");
  a.sip.auth_user = get(kf, group, "auth_user");
  a.sip.proxy = get(kf, group, "proxy");
  a.sip.transport = get(kf, group, "transport", "udp");
  if (a.sip.transport != "udp" && a.sip.transport != "tcp")
    return core::make_error(
        core::ErrorCode::InvalidArgument,
        "[" + group + "] transport=" + a.sip.transport + " is not supported (use udp or tcp)");
  auto expires = get_int(kf, group, "register_expires", 300, 10, 86400);
  if (!expires) return expires.error();
  a.sip.register_expires = *expires;
  a.sip.sip_port = sip_port;
  a.sip.bind_address = bind_address;
  a.codecs = split_list(get(kf, group, "codecs"));
  return a;
}

core::Result<void> read_presence(Glib::KeyFile& kf, PresenceConfig& p) {
  const std::string mode = get(kf, "account", "presence", "server");
  if (mode != "server" && mode != "p2p" && mode != "off")
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[account] presence=" + mode + " is not server, p2p or off");
  p.enabled = mode != "off";
  p.sip.peer_to_peer = mode == "p2p";
  auto away = get_int(kf, "presence", "away_after", 300, 0, 86400);
  if (!away) return away.error();
  p.away_after = *away;
  p.idle_source = get(kf, "presence", "idle_source", "auto");
  const std::string& is = p.idle_source;
  if (is != "auto" && is != "x11" && is != "mutter" && is != "none" &&
      !(is.rfind("file:", 0) == 0 && is.size() > 5))
    return core::make_error(
        core::ErrorCode::InvalidArgument,
        "[presence] idle_source=" + is + " is not auto, x11, mutter, none or file:PATH");
  auto pub = get_int(kf, "presence", "publish_expires", 600, 10, 86400);
  if (!pub) return pub.error();
  p.sip.publish_expires = *pub;
  auto sub = get_int(kf, "presence", "subscribe_expires", 600, 10, 86400);
  if (!sub) return sub.error();
  p.sip.subscribe_expires = *sub;
  p.colleagues_file = get(kf, "presence", "colleagues_file");
  p.colleagues_url = get(kf, "presence", "colleagues_url");

  std::set<std::string> seen;
  for (const auto& group : kf.get_groups()) {
    const std::string g = group;
    if (g.rfind("colleague:", 0) != 0) continue;
    core::ColleagueEntry c;
    c.extension = g.substr(10);
    if (!valid_extension(c.extension))
      return core::make_error(core::ErrorCode::InvalidArgument,
                              "[" + g + "]: '" + c.extension + "' is not an extension");
    c.name = get(kf, g, "name");
    c.position = get(kf, g, "position");
    c.groups = split_groups(get(kf, g, "groups"));
    seen.insert(c.extension);
    p.colleagues.push_back(std::move(c));
  }
  if (!p.colleagues_file.empty()) {
    auto provisioned = load_colleague_file(p.colleagues_file);
    if (!provisioned) return provisioned.error();
    // The config's own [colleague:EXT] groups win over a provisioned entry of the same number.
    for (auto& c : *provisioned) {
      if (seen.insert(c.extension).second) p.colleagues.push_back(std::move(c));
    }
  }
  if (!p.colleagues_url.empty()) {
    if (p.colleagues_url.rfind("http://", 0) != 0 && p.colleagues_url.rfind("https://", 0) != 0)
      return core::make_error(
          core::ErrorCode::InvalidArgument,
          "[presence] colleagues_url=" + p.colleagues_url + " is not an http:// or https:// URL");
    // Fetched once the panel runs (app/colleague_url_source.cpp): a slow or absent directory
    // server must not delay the phone.
    auto refresh = get_int(kf, "presence", "colleagues_refresh", 3600, 0, 604800);
    if (!refresh) return refresh.error();
    p.colleagues_refresh = *refresh;
  }
  return {};
}

core::Result<std::optional<ChatConfig>> read_chat(Glib::KeyFile& kf) {
  const std::string g = "chat";
  if (!has(kf, g, "url")) return std::optional<ChatConfig>();
  ChatConfig c;
  c.url = get(kf, g, "url");
  if (c.url.rfind("https://", 0) != 0 && c.url.rfind("http://", 0) != 0)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[chat] url=" + c.url + " must start with https:// (or http://)");
  auto account = get_int(kf, g, "account_id", 0, 1, 2147483647);
  if (!account) return account.error();
  if (*account == 0)
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[chat] has no account_id= (the number in the Chatwoot URL)");
  c.account_id = *account;
  c.token = get(kf, g, "token");
  c.token_from_keyring = !has(kf, g, "token");
  c.ca_file = get(kf, g, "ca_file");
  struct IntKey {
    const char* key;
    int* into;
    int min, max;
  } keys[] = {{"poll_interval", &c.poll_interval_s, 1, 3600},
              {"resync_interval", &c.resync_interval_s, 2, 86400},
              {"request_budget", &c.request_budget, 5, 100000},
              {"backoff_max", &c.backoff_max_s, 1, 3600},
              {"max_file_mb", &c.max_file_mb, 1, 2048},
              {"take_settle_ms", &c.take_settle_ms, 0, 10000}};
  for (auto& k : keys) {
    auto v = get_int(kf, g, k.key, *k.into, k.min, k.max);
    if (!v) return v.error();
    *k.into = *v;
  }
  return std::optional<ChatConfig>(std::move(c));
}

}  // namespace

core::Result<AppConfig> load_config(const std::string& path) {
  AppConfig config;
  config.path = path;
  struct stat st {};
  config.settings_path = path;
  if (stat(path.c_str(), &st) != 0) return config;  // no file: no accounts yet
  config.exists = true;

  Glib::KeyFile kf;
  try {
    kf.load_from_file(path);
  } catch (const Glib::Error& e) {
    return core::make_error(core::ErrorCode::InvalidArgument, path + ": " + e.what());
  }

  bool has_password = false;
  for (const auto& group : kf.get_groups()) {
    if (kf.has_key(group, "password") || kf.has_key(group, "token")) has_password = true;
  }
  if (has_password && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    return core::make_error(core::ErrorCode::Forbidden,
                            path + " holds a password but is readable by other users (mode " +
                                mode + "); run: chmod 600 '" + path + "'");
  }

  config.region = get(kf, "general", "region", "RU");
  if (has(kf, "general", "extension_length")) {
    auto rule = numbers::ExtensionRule::parse(get(kf, "general", "extension_length"));
    if (!rule) return core::make_error(rule.error().code, path + ": " + rule.error().detail);
    config.extensions = *rule;
  }
  const std::string minimized = get(kf, "general", "start_minimized", "false");
  if (minimized != "true" && minimized != "false")
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "[general] start_minimized=" + minimized + " must be true or false");
  config.start_minimized = minimized == "true";
  config.demo = get(kf, "general", "demo", "false") == "true";
  // The demo's own file is thrown away: Settings there writes the person's real one.
  config.settings_path = get(kf, "general", "settings_file", path);
  auto port = get_int(kf, "network", "sip_port", 0, 0, 65535);
  if (!port) return port.error();
  const std::string bind = get(kf, "network", "bind_address");

  // [account] first (the default for outgoing calls), then [account:NAME] in file order.
  if (kf.has_group("account")) {
    auto a = read_account(kf, "account", "", *port, bind);
    if (!a) return a.error();
    config.accounts.push_back(std::move(*a));
  }
  for (const auto& group : kf.get_groups()) {
    const std::string g = group;
    if (g.rfind("account:", 0) != 0) continue;
    // Only the first account may take the fixed port; the others let the OS choose.
    auto a = read_account(kf, g, g.substr(8), config.accounts.empty() ? *port : 0, bind);
    if (!a) return a.error();
    config.accounts.push_back(std::move(*a));
  }

  config.audio.input = get(kf, "audio", "input");
  config.audio.output = get(kf, "audio", "output");
  config.audio.ringer = get(kf, "audio", "ringer");
  config.player_sink = get(kf, "audio", "player");
  if (auto r = read_presence(kf, config.presence); !r) return r.error();
  auto chat = read_chat(kf);
  if (!chat) return chat.error();
  config.chat = std::move(*chat);
  return config;
}

}  // namespace telpanel::app
