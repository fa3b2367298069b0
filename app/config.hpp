// SPDX-License-Identifier: GPL-3.0-or-later
// telpanel.conf (GKeyFile, $XDG_CONFIG_HOME/telpanel/): accounts, network, audio devices.
// Documented in the README; outside scripts write it, so keys are only ever added. Main thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/media_engine.hpp"
#include "core/presence.hpp"
#include "core/result.hpp"
#include "numbers/phone_number_normalizer.hpp"
#include "sip/presence_settings.hpp"
#include "sip/sofia_sip_backend.hpp"

namespace telpanel::app {

struct AccountConfig {
  std::string name;  // "" for [account], NAME for [account:NAME]
  sip::SipAccountSettings sip;
  std::vector<std::string> codecs;  // [account] codecs=: order and subset; empty = all
  bool password_from_keyring = false;
};

/// [presence], [account] presence= and the colleague list (README "Presence").
struct PresenceConfig {
  sip::SipPresenceSettings sip;  // sip.peer_to_peer from [account] presence=p2p
  bool enabled = true;           // [account] presence=off: no PUBLISH/SUBSCRIBE at all
  int away_after = 300;          // seconds of no input before auto-away; 0 = off
  std::string idle_source = "auto";
  std::string colleagues_file;
  std::string colleagues_url;
  int colleagues_refresh = 3600;  // seconds between fetches of colleagues_url; 0 = once
  std::vector<core::ColleagueEntry> colleagues;  // [colleague:EXT] first, then the file's
};

/// [chat]: the Chatwoot server (CHAT). Present only when the group has url=.
struct ChatConfig {
  std::string url;
  long long account_id = 0;
  std::string token;  // from the file (0600 only) or the keyring
  bool token_from_keyring = false;
  std::string ca_file;
  int poll_interval_s = 5;
  int resync_interval_s = 180;
  int request_budget = 120;  // requests per minute, never exceeded
  int backoff_max_s = 60;
  int max_file_mb = 16;
  int take_settle_ms = 700;
};

struct AppConfig {
  std::string path;
  bool exists = false;
  std::string region = "RU";          // default region for national numbers
  numbers::ExtensionRule extensions;  // [general] extension_length: internal numbers
  bool start_minimized = false;       // [general] start_minimized: only the tray item at start
  bool demo = false;          // [general] demo: written by scripts/demo.py; the window says so
  std::string settings_path;  // where Settings saves: [general] settings_file, else `path`
  std::vector<AccountConfig> accounts;
  core::AudioDevices audio;
  std::string player_sink;  // [audio] player: the journal player's GStreamer sink ("" = default)
  PresenceConfig presence;
  std::optional<ChatConfig> chat;
};

/// Reads and checks the file. A missing file is an empty config (no accounts). Refuses a file
/// that holds a password and is readable by group or others, naming the chmod that fixes it.
core::Result<AppConfig> load_config(const std::string& path);

}  // namespace telpanel::app
