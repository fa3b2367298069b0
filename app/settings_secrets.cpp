// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/settings_secrets.hpp"

#include <glib/gi18n.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "app/keyring.hpp"
#include "app/settings_check.hpp"

namespace telpanel::app {

namespace {

// Each account as it was (by name, "" = the default one) and as the dialog leaves it; a removed
// account has no `after`.
struct AccountChange {
  const widgets::AccountForm* before = nullptr;
  const widgets::AccountForm* after = nullptr;
};

std::vector<AccountChange> account_changes(const widgets::SettingsForm& before,
                                           const widgets::SettingsForm& f) {
  std::vector<AccountChange> out{{&before.account, &f.account}};
  for (const auto& old : before.accounts) {
    auto kept = std::find_if(f.accounts.begin(), f.accounts.end(),
                             [&old](const auto& a) { return a.name == old.name; });
    out.push_back({&old, kept == f.accounts.end() ? nullptr : &*kept});
  }
  return out;
}

// One keyring call; it calls `next` once the keyring has answered.
using Job = std::function<void(std::function<void()> next)>;

// Runs the jobs one after the other (one prompt at a time, should the keyring ask), then `done`.
void run_jobs(std::shared_ptr<std::vector<Job>> jobs, size_t next, std::function<void()> done) {
  if (next == jobs->size()) return done();
  (*jobs)[next]([jobs, next, done] { run_jobs(jobs, next + 1, done); });
}

}  // namespace

void store_typed_secrets(const widgets::SettingsForm& f, std::function<void(StoredSecrets)> done) {
  auto stored = std::make_shared<StoredSecrets>();
  auto jobs = std::make_shared<std::vector<Job>>();
  std::vector<const widgets::AccountForm*> accounts{&f.account};
  for (const auto& a : f.accounts) accounts.push_back(&a);
  for (const auto* a : accounts) {
    if (!a->password_changed || a->uri.empty()) continue;
    jobs->push_back([stored, uri = a->uri, password = a->password](auto next) {
      store_account_password(uri, password, [stored, uri, next](core::Result<void> r) {
        if (r) stored->accounts.insert(uri);
        next();
      });
    });
  }
  if (!f.chat_url.empty() && f.chat_token_changed) {
    jobs->push_back([stored, url = f.chat_url, account = std::stoll(f.chat_account_id),
                     token = f.chat_token](auto next) {
      store_chat_token(url, account, token, [stored, next](core::Result<void> r) {
        stored->chat_token = static_cast<bool>(r);
        next();
      });
    });
  }
  run_jobs(jobs, 0, [stored, done] { done(*stored); });
}

widgets::SaveResult check_moved_passwords(const widgets::SettingsForm& before,
                                          const widgets::SettingsForm& f,
                                          const std::function<bool(const std::string&)>& in_file) {
  for (const auto& [old, now] : account_changes(before, f)) {
    if (!now || old->uri.empty() || now->uri == old->uri || now->password_changed) continue;
    if (in_file(now->name.empty() ? "account" : "account:" + now->name)) continue;
    return account_refusal(
        now->name, _("Type the password again: the stored one belongs to the old SIP address."));
  }
  return {true, {}, {}, {}};
}

void forget_dropped_passwords(const widgets::SettingsForm& before, const widgets::SettingsForm& f,
                              std::function<void()> done) {
  std::vector<std::string> in_use{f.account.uri};
  for (const auto& a : f.accounts) in_use.push_back(a.uri);
  auto jobs = std::make_shared<std::vector<Job>>();
  for (const auto& [old, now] : account_changes(before, f)) {
    if (old->uri.empty() || std::find(in_use.begin(), in_use.end(), old->uri) != in_use.end())
      continue;
    jobs->push_back([uri = old->uri](auto next) {
      forget_account_password(uri, [uri, next](core::Result<void> r) {
        if (!r)
          g_message("the password of %s stays in the keyring: %s", uri.c_str(),
                    r.error().detail.c_str());
        next();
      });
    });
  }
  run_jobs(jobs, 0, std::move(done));
}

}  // namespace telpanel::app
