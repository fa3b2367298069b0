// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/keyring.hpp"

#include <libsecret/secret.h>

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

}  // namespace

core::Result<std::string> lookup_chat_token(const std::string& url, long long account_id) {
  GError* error = nullptr;
  const std::string account = std::to_string(account_id);
  gchar* token = secret_password_lookup_sync(chat_schema(), nullptr, &error, "url", url.c_str(),
                                             "account", account.c_str(), nullptr);
  if (error) {
    std::string detail = "keyring unavailable for the chat token: " + std::string(error->message);
    g_error_free(error);
    return core::make_error(core::ErrorCode::Unauthorized, detail);
  }
  if (!token)
    return core::make_error(core::ErrorCode::NotFound,
                            "no chat token for " + url + " account " + account +
                                " in the config file ([chat] token=) or the keyring");
  std::string out = token;
  secret_password_free(token);
  return out;
}

core::Result<std::string> lookup_account_password(const std::string& uri) {
  GError* error = nullptr;
  gchar* password =
      secret_password_lookup_sync(account_schema(), nullptr, &error, "uri", uri.c_str(), nullptr);
  if (error) {
    std::string detail = "keyring unavailable: " + std::string(error->message);
    g_error_free(error);
    return core::make_error(core::ErrorCode::Unauthorized, detail);
  }
  if (!password)
    return core::make_error(core::ErrorCode::NotFound,
                            "no password for " + uri + " in the config file or the keyring");
  std::string out = password;
  secret_password_free(password);
  return out;
}

core::Result<void> store_account_password(const std::string& uri, const std::string& password) {
  GError* error = nullptr;
  const std::string label = "telpanel: " + uri;
  const gboolean ok =
      secret_password_store_sync(account_schema(), SECRET_COLLECTION_DEFAULT, label.c_str(),
                                 password.c_str(), nullptr, &error, "uri", uri.c_str(), nullptr);
  if (!ok || error) {
    std::string detail = "keyring unavailable: " + std::string(error ? error->message : "?");
    if (error) g_error_free(error);
    return core::make_error(core::ErrorCode::Unauthorized, detail);
  }
  return {};
}

}  // namespace telpanel::app
