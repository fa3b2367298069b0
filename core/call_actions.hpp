// SPDX-License-Identifier: GPL-3.0-or-later
// CallActions (ACT-2): fires the user's action once per call — when an incoming call is first
// answered, and when an outgoing call is placed — however many re-INVITEs, holds and resumes
// follow. What an action does (open a URL, run a program, show the client card) is the
// CallActionRunner port's business (app/call_action_launcher.cpp). Main thread.
#pragma once

#include <sigc++/connection.h>
#include <sigc++/trackable.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/call_controller.hpp"
#include "core/personal_settings.hpp"

namespace telpanel::core {

struct ActionRequest {
  CallAction kind = CallAction::Nothing;
  CallId call;
  CallDirection direction = CallDirection::Incoming;
  std::string number;     // the other side's user part, percent-decoded
  std::string client_id;  // "" when unknown (no directory match)
  std::string url_template;
  std::string command_template;
};

class CallActionRunner {
 public:
  virtual ~CallActionRunner() = default;
  virtual void run(const ActionRequest& request) = 0;
};

/// The user part of a sip:/sips:/tel: URI, percent-decoded ("sip:%2B7912@h" -> "+7912").
std::string number_of(const std::string& uri);

/// Replaces {number}, {client_id} and {call_id} in `text` with escape(value); other text and
/// unknown braces stay as they are.
std::string expand_placeholders(const std::string& text, const ActionRequest& values,
                                const std::function<std::string(const std::string&)>& escape);

class CallActions : public sigc::trackable {
 public:
  using Settings = std::function<const PersonalSettings&()>;
  using ClientLookup = std::function<std::string(const std::string& number)>;

  CallActions(CallController& controller, Settings settings, CallActionRunner& runner,
              ClientLookup lookup = {});
  ~CallActions();

 private:
  void on_call_changed(const Call& call);

  Settings m_settings;
  CallActionRunner& m_runner;
  ClientLookup m_lookup;
  std::set<CallId> m_fired;
  sigc::connection m_changed;
};

}  // namespace telpanel::core
