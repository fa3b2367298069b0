// SPDX-License-Identifier: GPL-3.0-or-later
// Personal settings of the panel's user (ACT-1..3, REC-1): kept per user in the database as
// key/value text, validated here so D-Bus, telpanelctl and the UI share one set of rules and
// error texts. Keys and values are documented in the README ("Personal settings"). Any thread.
#pragma once

#include <sigc++/signal.h>

#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace telpanel::core {

enum class RecordingMode { Always, OnDemand, Never };
/// What happens when an incoming call is answered / an outgoing call is placed (ACT-2).
enum class CallAction { Nothing, ClientCard, Url, Command };
/// How a client is created for an unknown number (ACT-3).
enum class NewClientMethod { Form, Url, ClientCard };

struct PersonalSettings {
  bool calls_enabled = true;  // ACT-1
  RecordingMode recording = RecordingMode::Never;
  CallAction on_incoming_answered = CallAction::Nothing;
  CallAction on_outgoing = CallAction::Nothing;
  std::string action_url;      // template: {number} {client_id} {call_id}, percent-escaped
  std::string action_command;  // template: program and arguments, split like a shell would
                               // split them (never run by one); placeholders per argument
  NewClientMethod new_client = NewClientMethod::Form;
  std::string new_client_url;  // template for NewClientMethod::Url

  /// Sets one key from its text form; the error names the key and the accepted values.
  Result<void> set(const std::string& key, const std::string& value);
  /// Every key with its text form, in documentation order.
  std::vector<std::pair<std::string, std::string>> entries() const;
};

/// The keys PersonalSettings::set accepts, in documentation order.
const std::vector<std::string>& personal_setting_keys();

const char* recording_mode_name(RecordingMode mode);  // "always" | "on_demand" | "never"
const char* call_action_name(CallAction action);  // "nothing" | "client_card" | "url" | "command"

/// Port: the stored key/value pairs (store::SqliteSettingsStore). Main thread.
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual Result<std::vector<std::pair<std::string, std::string>>> load() const = 0;
  virtual Result<void> save(const std::string& key, const std::string& value) = 0;
};

/// The current settings of the running panel: validated changes are stored, applied and
/// announced. Main thread.
class PersonalSettingsKeeper {
 public:
  /// `store` may be null (nothing persists).
  PersonalSettingsKeeper(SettingsStore* store, PersonalSettings initial)
      : m_store(store), m_current(std::move(initial)) {}
  const PersonalSettings& get() const { return m_current; }
  /// Validates, stores, then applies; on any error nothing changes.
  Result<void> set(const std::string& key, const std::string& value);
  sigc::signal<void(const PersonalSettings&)>& signal_changed() { return m_signal_changed; }

 private:
  SettingsStore* m_store;
  PersonalSettings m_current;
  sigc::signal<void(const PersonalSettings&)> m_signal_changed;
};

/// Applies every stored pair to defaults; an unknown or invalid stored value is skipped and
/// reported in `problems` (a newer version's key must not stop this one from starting).
PersonalSettings load_personal_settings(const SettingsStore& store,
                                        std::vector<std::string>* problems);

}  // namespace telpanel::core
