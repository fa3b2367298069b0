// SPDX-License-Identifier: GPL-3.0-or-later
// CallActionLauncher: core::CallActionRunner with GLib (ACT-2). A URL template gets every
// placeholder value percent-escaped (g_uri_escape_string, nothing left unescaped) and opens with
// the desktop's default handler; a command template is split into arguments once (shell quoting
// rules, g_shell_parse_argv, but no shell ever runs), placeholders are replaced inside each
// argument and the program starts with g_spawn_async. Every action is announced as an "action"
// event (the client card is only an event: the window opens it). Main thread.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/call_actions.hpp"
#include "core/result.hpp"

namespace telpanel::app {

class CallActionLauncher final : public core::CallActionRunner {
 public:
  using Emit = std::function<void(const nlohmann::json& event)>;
  explicit CallActionLauncher(Emit emit) : m_emit(std::move(emit)) {}
  void run(const core::ActionRequest& request) override;

  /// The URL with every placeholder value percent-escaped.
  static std::string expand_url(const std::string& url_template, const core::ActionRequest& r);
  /// The argv of a command template; fails on unbalanced quotes or an empty template.
  static core::Result<std::vector<std::string>> expand_command(const std::string& command_template,
                                                               const core::ActionRequest& r);

 private:
  Emit m_emit;
};

}  // namespace telpanel::app
