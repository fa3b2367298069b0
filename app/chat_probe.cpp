// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/chat_probe.hpp"

#include <glib/gi18n.h>

#include <chrono>
#include <cstdlib>

#include "app/keyring.hpp"
#include "app/settings_check.hpp"
#include "chat/chatwoot_api.hpp"

namespace telpanel::app {

namespace {

// The token the panel would use: typed now, else the file's, else the keyring's.
std::string token_for(const widgets::SettingsForm& f, const AppConfig& saved, long long account) {
  if (f.chat_token_changed) return f.chat_token;
  if (!saved.chat || saved.chat->url != f.chat_url || saved.chat->account_id != account) return {};
  if (!saved.chat->token.empty()) return saved.chat->token;
  auto stored = lookup_chat_token(f.chat_url, account);
  return stored ? *stored : std::string();
}

Glib::ustring describe(const core::Error& e) {
  if (e.code == core::ErrorCode::Unauthorized)
    return Glib::ustring::compose(_("The server refused the token: %1."), e.detail);
  return Glib::ustring::compose(_("Cannot connect: %1."), e.detail);
}

}  // namespace

ChatProbe::ChatProbe(core::Scheduler& scheduler) : m_scheduler(scheduler) {}

ChatProbe::~ChatProbe() = default;

void ChatProbe::run(const widgets::SettingsForm& f, const AppConfig& saved,
                    std::function<void(bool, const Glib::ustring&)> done) {
  m_api.reset();
  m_answer.reset();
  const long long account = std::atoll(f.chat_account_id.c_str());
  Glib::ustring refusal = chat_url_problem(f.chat_url);
  const std::string token = token_for(f, saved, account);
  if (refusal.empty() && token.empty()) refusal = _("Type the agent token first.");
  if (!refusal.empty()) {
    m_answer =
        m_scheduler.after(std::chrono::milliseconds(0), [done, refusal] { done(false, refusal); });
    return;
  }
  chat::ChatwootSettings s;
  s.url = f.chat_url;
  s.account_id = account;
  s.token = token;
  s.ca_file = f.chat_ca_file;
  m_api = std::make_unique<chat::ChatwootApi>(std::move(s), m_scheduler);
  m_api->profile([done](core::Result<core::ChatAgent> agent) {
    if (!agent) return done(false, describe(agent.error()));
    done(true, Glib::ustring::compose(_("Connected as %1."), agent->name));
  });
}

}  // namespace telpanel::app
