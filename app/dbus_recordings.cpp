// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_recordings.hpp"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "app/call_action_launcher.hpp"
#include "app/dbus_reply.hpp"
#include "app/embedded_xml.hpp"
#include "app/json_view.hpp"

namespace telpanel::app {

namespace {

constexpr const char* k_recordings = "org.telpanel.Recordings1";
constexpr const char* k_settings = "org.telpanel.Settings1";

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// REC-3: a local part is offered only when this user can read it (recordings live in the
// user's own 0700 directory; a file removed or made unreadable is not offered). A URL is the
// server's to allow or refuse when it is played.
nlohmann::json availability(const std::string& location) {
  if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0) return nullptr;
  if (g_access(location.c_str(), R_OK) == 0) return nullptr;
  return g_strerror(errno);
}

nlohmann::json part_json(const core::RecordingPart& p) {
  const nlohmann::json unavailable = availability(p.location);
  return {{"part", p.part},
          {"available", unavailable.is_null()},
          {"unavailable_reason", unavailable},
          {"location", p.location},
          {"started_at", iso8601(p.started_at)},
          {"duration_seconds",
           p.duration ? nlohmann::json(static_cast<double>(p.duration->count()) / 1000.0)
                      : nlohmann::json(nullptr)},
          {"error", p.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.error)}};
}

nlohmann::json settings_json(const core::PersonalSettings& s) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : s.entries()) out[key] = value;
  out["calls_enabled"] = s.calls_enabled;
  return out;
}

nlohmann::json recording_event(const core::RecordingEvent& e) {
  return {{"event", "recording"},
          {"call", e.call},
          {"state", core::recording_event_name(e.kind)},
          {"part", e.part},
          {"location", e.location},
          {"error", e.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.error)}};
}

void list_recordings(core::RecordingCatalog* catalog, const std::string& call,
                     GDBusMethodInvocation* invocation) {
  if (!catalog)
    return return_error(invocation, core::make_error(core::ErrorCode::InvalidState,
                                                     "the journal is off (no database)"));
  if (call.empty())
    return return_error(invocation, core::make_error(core::ErrorCode::InvalidArgument,
                                                     "name a call id or journal id"));
  core::JournalId journal = 0;
  if (all_digits(call)) {
    journal = std::stoll(call);
  } else {
    auto found = catalog->journal_for_call(call);
    if (!found) return return_error(invocation, found.error());
    journal = *found;
  }
  auto parts = catalog->parts(journal);
  if (!parts) return return_error(invocation, parts.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : *parts) out.push_back(part_json(p));
  return_json(invocation, out);
}

}  // namespace

void export_recordings(DbusService& service, core::CallRecorder& recorder,
                       core::RecordingCatalog* catalog, core::PersonalSettingsKeeper& settings) {
  service.add_interface(
      kRecordings1Xml, k_recordings,
      [&recorder, catalog](const std::string& method, GVariant* parameters,
                           GDBusMethodInvocation* invocation) {
        if (method == "ListRecordings") {
          list_recordings(catalog, string_arg(parameters, 0), invocation);
        } else if (method == "SetRecording") {
          return_result(invocation,
                        recorder.set_recording(string_arg(parameters, 0), bool_arg(parameters, 1)));
        } else {
          return_unknown_method(invocation, method);
        }
      });
  service.add_interface(kRecordings1Xml, k_settings,
                        [&settings](const std::string& method, GVariant* parameters,
                                    GDBusMethodInvocation* invocation) {
                          if (method == "GetSettings") {
                            return_json(invocation, settings_json(settings.get()));
                          } else if (method == "SetSetting") {
                            const std::string key = string_arg(parameters, 0);
                            const std::string value = string_arg(parameters, 1);
                            if (key == "action_command" && !value.empty()) {
                              auto argv =
                                  CallActionLauncher::expand_command(value, core::ActionRequest{});
                              if (!argv) return return_error(invocation, argv.error());
                            }
                            return_result(invocation, settings.set(key, value));
                          } else {
                            return_unknown_method(invocation, method);
                          }
                        });
  service.keep(recorder.signal_recording().connect([&service](const core::RecordingEvent& e) {
    if (e.kind == core::RecordingEvent::Kind::Failed) {
      g_warning("call %s: recording part %d failed: %s", e.call.c_str(), e.part, e.error.c_str());
    } else {
      g_message("call %s: recording part %d %s: %s", e.call.c_str(), e.part,
                core::recording_event_name(e.kind), e.location.c_str());
    }
    service.emit_event("recording", recording_event(e));
  }));
}

}  // namespace telpanel::app
