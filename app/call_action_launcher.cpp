// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/call_action_launcher.hpp"

#include <gio/gio.h>

namespace telpanel::app {

std::string CallActionLauncher::expand_url(const std::string& url_template,
                                           const core::ActionRequest& r) {
  return core::expand_placeholders(url_template, r, [](const std::string& value) {
    // No reserved character is allowed through: "&", "?", "#", "/", quotes, spaces all become
    // %XX, so a value can never add a query parameter or change the path.
    gchar* escaped = g_uri_escape_string(value.c_str(), nullptr, FALSE);
    std::string out = escaped;
    g_free(escaped);
    return out;
  });
}

core::Result<std::vector<std::string>> CallActionLauncher::expand_command(
    const std::string& command_template, const core::ActionRequest& r) {
  gint argc = 0;
  gchar** argv = nullptr;
  GError* error = nullptr;
  if (!g_shell_parse_argv(command_template.c_str(), &argc, &argv, &error)) {
    std::string text = error != nullptr ? error->message : "cannot parse";
    g_clear_error(&error);
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "action_command '" + command_template + "': " + text);
  }
  std::vector<std::string> out;
  // Substituted after splitting: a value stays inside its one argument whatever it contains.
  for (gint i = 0; i < argc; ++i)
    out.push_back(core::expand_placeholders(argv[i], r, [](const std::string& v) { return v; }));
  g_strfreev(argv);
  return out;
}

void CallActionLauncher::run(const core::ActionRequest& r) {
  nlohmann::json event = {
      {"event", "action"},
      {"call", r.call},
      {"trigger", r.direction == core::CallDirection::Incoming ? "incoming_answered" : "outgoing"},
      {"kind", core::call_action_name(r.kind)},
      {"number", r.number},
      {"client_id", r.client_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.client_id)},
      {"error", nullptr}};
  auto fail = [&](const std::string& text) {
    g_warning("call %s: action %s: %s", r.call.c_str(), core::call_action_name(r.kind),
              text.c_str());
    event["error"] = text;
  };
  switch (r.kind) {
    case core::CallAction::Nothing:
      return;
    case core::CallAction::ClientCard:
      break;  // the window listens for the event
    case core::CallAction::Url: {
      if (r.url_template.empty()) {
        fail("no action_url is set");
        break;
      }
      const std::string url = expand_url(r.url_template, r);
      event["url"] = url;
      GError* error = nullptr;
      if (!g_app_info_launch_default_for_uri(url.c_str(), nullptr, &error)) {
        fail(std::string("cannot open ") + url + ": " + (error ? error->message : "?"));
        g_clear_error(&error);
      }
      break;
    }
    case core::CallAction::Command: {
      auto argv = expand_command(r.command_template, r);
      if (!argv) {
        fail(r.command_template.empty() ? "no action_command is set" : argv.error().detail);
        break;
      }
      event["argv"] = *argv;
      std::vector<gchar*> c_argv;
      for (auto& a : *argv) c_argv.push_back(a.data());
      c_argv.push_back(nullptr);
      GError* error = nullptr;
      // argv as is, no shell; stdin from /dev/null; GLib reaps the child.
      if (!g_spawn_async(
              nullptr, c_argv.data(), nullptr,
              static_cast<GSpawnFlags>(G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL), nullptr,
              nullptr, nullptr, &error)) {
        fail(std::string("cannot run ") + argv->front() + ": " + (error ? error->message : "?"));
        g_clear_error(&error);
      }
      break;
    }
  }
  m_emit(event);
}

}  // namespace telpanel::app
