// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's "Test connection" on the Chats page: one profile request (GET
// /api/v1/profile) with the typed server, token and CA file through the chat adapter's
// non-blocking client (a token only in the keyring is looked up without waiting too),
// answered on the main loop as a sentence for people. Main thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/scheduler.hpp"
#include "widgets/settings_form.hpp"

namespace telpanel::chat {
class ChatwootApi;
}

namespace telpanel::app {

class ChatProbe {
 public:
  explicit ChatProbe(core::Scheduler& scheduler);
  ~ChatProbe();  // a test still running is dropped: its answer never comes

  /// Tests `form`'s chat server; with no token typed, the stored one of `saved` (file or
  /// keyring). `done(ok, message)` runs later, never from inside this call. A new test
  /// replaces one still running.
  void run(const widgets::SettingsForm& form, const AppConfig& saved,
           std::function<void(bool, const Glib::ustring&)> done);

 private:
  using Done = std::function<void(bool, const Glib::ustring&)>;
  void answer(const Done& done, const Glib::ustring& refusal);  // from the loop, not in run()
  void request(const widgets::SettingsForm& f, long long account, const std::string& token,
               Done done);

  core::Scheduler& m_scheduler;
  std::shared_ptr<int> m_generation = std::make_shared<int>(0);  // which test is current
  std::unique_ptr<chat::ChatwootApi> m_api;
  core::TimerHandle m_answer;  // a refusal before any request, delivered from the loop
};

}  // namespace telpanel::app
