// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON shapes of the control interface (README "Control interface"): calls, registration,
// journal entries and events. One place, so D-Bus, telpanelctl and tests agree. Main thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/call_controller.hpp"
#include "core/call_history.hpp"
#include "core/registration.hpp"

namespace telpanel::app {

/// ISO 8601 in local time with offset and milliseconds, e.g. "2026-11-21T19:02:27.120+03:00".
std::string iso8601(core::TimePoint t);

nlohmann::json call_json(const core::Call& call);
nlohmann::json registration_json(const core::RegistrationStatus& status);
nlohmann::json journal_entry_json(const core::JournalEntry& entry);
/// {"registration":{...default account...},"accounts":[...],"calls":[...]}
nlohmann::json status_json(const core::CallController& controller);

nlohmann::json call_event(const core::Call& call);
nlohmann::json registration_event(const std::string& account, const core::RegistrationStatus& st);
nlohmann::json dtmf_event(const core::CallId& id, char digit, core::DtmfSource source);

}  // namespace telpanel::app
