// SPDX-License-Identifier: GPL-3.0-or-later
// The composition root: builds every adapter from the config, wires them to the core and the
// D-Bus service, and tears them down in reverse order. The only place that names concrete
// adapters. Main thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "core/call_controller.hpp"
#include "core/client_directory.hpp"
#include "core/journal_query.hpp"
#include "core/missed_calls.hpp"
#include "core/personal_settings.hpp"
#include "core/presence_controller.hpp"
#include "core/result.hpp"

namespace telpanel::core {
class CallRecorder;
class ChatService;
class PersonalSettingsKeeper;
}  // namespace telpanel::core

namespace telpanel::app {

class Panel {
 public:
  /// Opens the database (recovering calls a crashed run left open), the audio engine, one SIP
  /// stack per account and the D-Bus interface. `on_fatal` runs when the panel cannot go on
  /// (bus name taken); the reason is one sentence.
  static core::Result<std::unique_ptr<Panel>> create(
      const AppConfig& config, std::function<void(const std::string&)> on_fatal);
  ~Panel();

  /// Registers every account (unless the stored status is Offline), publishes, subscribes.
  void start();
  /// Ends every call with a reason, un-registers, and runs `done` once SIP has shut down.
  void stop(std::function<void()> done);

  core::CallController& controller();
  /// The journal; null when the panel keeps none.
  core::CallHistory* history();
  /// The journal's query API; null when the panel keeps none.
  core::CallJournal* journal();
  /// The client directory; null when the panel keeps no journal.
  core::ClientDirectory* directory();
  core::MissedCalls& missed_calls();
  core::PresenceController& presence();
  /// REC-1: the recorder of live calls.
  core::CallRecorder& recorder();
  /// The personal settings (ACT-1..3, REC-1): changes apply at once and are stored per user.
  core::PersonalSettingsKeeper& personal_settings();
  /// The chats; null without [chat] url=.
  core::ChatService* chats();
  /// Where downloaded chat attachments go ("" without [chat]).
  std::string chat_download_dir() const;

  struct Parts;

 private:
  explicit Panel(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> m_parts;
};

}  // namespace telpanel::app
