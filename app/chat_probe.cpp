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
  ++*m_generation;  // a keyring lookup of an earlier test answers nobody now
  const long long account = std::atoll(f.chat_account_id.c_str());
  if (auto refusal = chat_url_problem(f.chat_url); !refusal.empty()) return answer(done, refusal);
  // The token the panel would use: typed now, else the file's, else the keyring's.
  if (f.chat_token_changed) return request(f, account, f.chat_token, std::move(done));
  if (!saved.chat || saved.chat->url != f.chat_url || saved.chat->account_id != account)
    return answer(done, _("Type the agent token first."));
  if (!saved.chat->token.empty()) return request(f, account, saved.chat->token, std::move(done));
  std::weak_ptr<int> generation = m_generation;
  lookup_chat_token(
      f.chat_url, account,
      [this, generation, gen = *m_generation, f, account, done](core::Result<std::string> token) {
        auto alive = generation.lock();
        if (!alive || *alive != gen) return;
        if (!token) return done(false, _("Type the agent token first."));
        request(f, account, *token, done);
      });
}

void ChatProbe::answer(const std::function<void(bool, const Glib::ustring&)>& done,
                       const Glib::ustring& refusal) {
  m_answer =
      m_scheduler.after(std::chrono::milliseconds(0), [done, refusal] { done(false, refusal); });
}

void ChatProbe::request(const widgets::SettingsForm& f, long long account, const std::string& token,
                        std::function<void(bool, const Glib::ustring&)> done) {
  if (token.empty()) return answer(done, _("Type the agent token first."));
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
