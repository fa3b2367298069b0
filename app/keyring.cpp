// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/keyring.hpp"

#include <libsecret/secret.h>

#include <memory>

namespace telpanel::app {

namespace {

const SecretSchema* account_schema() {
  static const SecretSchema schema = {
      "org.telpanel.Account",
      SECRET_SCHEMA_NONE,
      {{"uri", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
      0,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr};
  return &schema;
}

const SecretSchema* chat_schema() {
  static const SecretSchema schema = {"org.telpanel.Chat",
                                      SECRET_SCHEMA_NONE,
                                      {{"url", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                       {"account", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                       {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
                                      0,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr};
  return &schema;
}

// One secret_password_lookup_sync() answer as a Result: the keyring's error, nothing stored
// (`missing`), or the secret (freed here either way).
core::Result<std::string> take_secret(gchar* secret, GError* error, const std::string& what,
                                      const std::string& missing) {
  if (error) {
    std::string detail = "keyring unavailable" + what + ": " + std::string(error->message);
    g_error_free(error);
    return core::make_error(core::ErrorCode::Unauthorized, detail);
  }
  if (!secret) return core::make_error(core::ErrorCode::NotFound, missing);
  std::string out = secret;
  secret_password_free(secret);
  return out;
}

// One secret_password_store_sync() answer as a Result.
core::Result<void> take_stored(gboolean ok, GError* error) {
  if (ok && !error) return {};
  std::string detail = "keyring unavailable: " + std::string(error ? error->message : "?");
  if (error) g_error_free(error);
  return core::make_error(core::ErrorCode::Unauthorized, detail);
}

std::string no_chat_token(const std::string& url, const std::string& account) {
  return "no chat token for " + url + " account " + account +
         " in the config file ([chat] token=) or the keyring";
}

// The caller's callback for one asynchronous libsecret call, freed when it answers.
struct Pending {
  KeyringDone done;
};

void stored(GObject*, GAsyncResult* result, gpointer data) {
  std::unique_ptr<Pending> p(static_cast<Pending*>(data));
  GError* error = nullptr;
  const gboolean ok = secret_password_store_finish(result, &error);
  p->done(take_stored(ok, error));
}

void cleared(GObject*, GAsyncResult* result, gpointer data) {
  std::unique_ptr<Pending> p(static_cast<Pending*>(data));
  GError* error = nullptr;
  // FALSE without an error only says there was nothing to remove.
  const gboolean removed = secret_password_clear_finish(result, &error);
  p->done(take_stored(removed || !error, error));
}

}  // namespace

core::Result<std::string> lookup_chat_token(const std::string& url, long long account_id) {
  GError* error = nullptr;
  const std::string account = std::to_string(account_id);
  gchar* token = secret_password_lookup_sync(chat_schema(), nullptr, &error, "url", url.c_str(),
                                             "account", account.c_str(), nullptr);
  return take_secret(token, error, " for the chat token", no_chat_token(url, account));
}

core::Result<std::string> lookup_account_password(const std::string& uri) {
  GError* error = nullptr;
  gchar* password =
      secret_password_lookup_sync(account_schema(), nullptr, &error, "uri", uri.c_str(), nullptr);
  return take_secret(password, error, "",
                     "no password for " + uri + " in the config file or the keyring");
}

void lookup_chat_token(const std::string& url, long long account_id,
                       std::function<void(core::Result<std::string>)> done) {
  struct Lookup {
    std::function<void(core::Result<std::string>)> done;
    std::string missing;
  };
  const std::string account = std::to_string(account_id);
  auto* pending = new Lookup{std::move(done), no_chat_token(url, account)};
  secret_password_lookup(
      chat_schema(), nullptr,
      [](GObject*, GAsyncResult* result, gpointer data) {
        std::unique_ptr<Lookup> p(static_cast<Lookup*>(data));
        GError* error = nullptr;
        gchar* token = secret_password_lookup_finish(result, &error);
        p->done(take_secret(token, error, " for the chat token", p->missing));
      },
      pending, "url", url.c_str(), "account", account.c_str(), nullptr);
}

void store_account_password(const std::string& uri, const std::string& password, KeyringDone done) {
  const std::string label = "telpanel: " + uri;
  secret_password_store(account_schema(), SECRET_COLLECTION_DEFAULT, label.c_str(),
                        password.c_str(), nullptr, stored, new Pending{std::move(done)}, "uri",
                        uri.c_str(), nullptr);
}

void forget_account_password(const std::string& uri, KeyringDone done) {
  secret_password_clear(account_schema(), nullptr, cleared, new Pending{std::move(done)}, "uri",
                        uri.c_str(), nullptr);
}

void store_chat_token(const std::string& url, long long account_id, const std::string& token,
                      KeyringDone done) {
  const std::string account = std::to_string(account_id);
  const std::string label = "telpanel chats: " + url + " account " + account;
  secret_password_store(chat_schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), token.c_str(),
                        nullptr, stored, new Pending{std::move(done)}, "url", url.c_str(),
                        "account", account.c_str(), nullptr);
}

}  // namespace telpanel::app
