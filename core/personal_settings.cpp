// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/personal_settings.hpp"

#include <array>

namespace telpanel::core {

namespace {

template <class E, std::size_t N>
Result<E> parse_enum(const std::string& key, const std::string& value,
                     const std::array<std::pair<const char*, E>, N>& names) {
  std::string accepted;
  for (const auto& [name, e] : names) {
    if (value == name) return e;
    accepted += (accepted.empty() ? "" : ", ") + std::string(name);
  }
  return make_error(ErrorCode::InvalidArgument,
                    "bad value '" + value + "' for " + key + " (use " + accepted + ")");
}

template <class E, std::size_t N>
const char* name_of(E e, const std::array<std::pair<const char*, E>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == e) return name;
  }
  return "?";
}

constexpr std::array<std::pair<const char*, RecordingMode>, 3> k_recording{{
    {"always", RecordingMode::Always},
    {"on_demand", RecordingMode::OnDemand},
    {"never", RecordingMode::Never},
}};
constexpr std::array<std::pair<const char*, CallAction>, 4> k_actions{{
    {"nothing", CallAction::Nothing},
    {"client_card", CallAction::ClientCard},
    {"url", CallAction::Url},
    {"command", CallAction::Command},
}};
constexpr std::array<std::pair<const char*, NewClientMethod>, 3> k_new_client{{
    {"form", NewClientMethod::Form},
    {"url", NewClientMethod::Url},
    {"client_card", NewClientMethod::ClientCard},
}};
constexpr std::array<std::pair<const char*, bool>, 2> k_bool{{{"true", true}, {"false", false}}};

}  // namespace

const std::vector<std::string>& personal_setting_keys() {
  static const std::vector<std::string> keys = {
      "calls_enabled", "recording",      "on_incoming_answered", "on_outgoing",
      "action_url",    "action_command", "new_client",           "new_client_url"};
  return keys;
}

const char* recording_mode_name(RecordingMode mode) { return name_of(mode, k_recording); }
const char* call_action_name(CallAction action) { return name_of(action, k_actions); }

Result<void> PersonalSettings::set(const std::string& key, const std::string& value) {
  auto assign = [](auto& field, auto parsed) -> Result<void> {
    if (!parsed) return parsed.error();
    field = *parsed;
    return {};
  };
  if (key == "calls_enabled") return assign(calls_enabled, parse_enum(key, value, k_bool));
  if (key == "recording") return assign(recording, parse_enum(key, value, k_recording));
  if (key == "on_incoming_answered")
    return assign(on_incoming_answered, parse_enum(key, value, k_actions));
  if (key == "on_outgoing") return assign(on_outgoing, parse_enum(key, value, k_actions));
  if (key == "new_client") return assign(new_client, parse_enum(key, value, k_new_client));
  if (key == "action_url" || key == "new_client_url") {
    if (!value.empty() && value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
      return make_error(ErrorCode::InvalidArgument,
                        key + " must start with http:// or https:// (got '" + value + "')");
    (key == "action_url" ? action_url : new_client_url) = value;
    return {};
  }
  if (key == "action_command") {
    action_command = value;
    return {};
  }
  std::string keys;
  for (const auto& k : personal_setting_keys()) keys += (keys.empty() ? "" : ", ") + k;
  return make_error(ErrorCode::InvalidArgument,
                    "unknown setting '" + key + "' (keys: " + keys + ")");
}

std::vector<std::pair<std::string, std::string>> PersonalSettings::entries() const {
  return {{"calls_enabled", calls_enabled ? "true" : "false"},
          {"recording", recording_mode_name(recording)},
          {"on_incoming_answered", call_action_name(on_incoming_answered)},
          {"on_outgoing", call_action_name(on_outgoing)},
          {"action_url", action_url},
          {"action_command", action_command},
          {"new_client", name_of(new_client, k_new_client)},
          {"new_client_url", new_client_url}};
}

Result<void> PersonalSettingsKeeper::set(const std::string& key, const std::string& value) {
  PersonalSettings next = m_current;
  if (auto r = next.set(key, value); !r) return r;
  if (m_store) {
    if (auto r = m_store->save(key, value); !r) return r;
  }
  m_current = std::move(next);
  m_signal_changed.emit(m_current);
  return {};
}

PersonalSettings load_personal_settings(const SettingsStore& store,
                                        std::vector<std::string>* problems) {
  PersonalSettings settings;
  auto stored = store.load();
  if (!stored) {
    if (problems) problems->push_back(stored.error().detail);
    return settings;
  }
  for (const auto& [key, value] : *stored) {
    if (auto r = settings.set(key, value); !r && problems) problems->push_back(r.error().detail);
  }
  return settings;
}

}  // namespace telpanel::core
