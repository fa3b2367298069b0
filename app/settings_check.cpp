// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/settings_check.hpp"

#include <glib.h>
#include <glib/gi18n.h>

#include <algorithm>
#include <cstdlib>

#include "media/device_spec.hpp"
#include "numbers/phone_number_normalizer.hpp"
#include "widgets/account_name.hpp"

namespace telpanel::app {

namespace {

using widgets::SaveResult;
using widgets::SettingsForm;

SaveResult refuse(const Glib::ustring& message, const char* page) {
  return {false, message, page, {}};
}

Glib::ustring check_uri(const std::string& uri) {
  const bool sip = uri.rfind("sip:", 0) == 0 || uri.rfind("sips:", 0) == 0;
  if (!uri.empty() && (!sip || uri.find('@') == std::string::npos))
    return Glib::ustring::compose(
        _("The SIP address must look like sip:1001@pbx.example.com (got “%1”)."), uri);
  if (uri.find_first_of(" \t") != std::string::npos)
    return _("The SIP address must not contain spaces.");
  return {};
}

}  // namespace

SaveResult account_refusal(const std::string& name, const Glib::ustring& problem) {
  if (name.empty()) return {false, problem, "account", ""};
  const Glib::ustring rest = problem.substr(0, 1).lowercase() + problem.substr(1);
  return {false, Glib::ustring::compose(_("Account “%1”: %2"), name, rest), "account", name};
}

namespace {

// The default account may stay empty (no account yet); a named one is a group the panel
// refuses to start with unless it has an address.
SaveResult check_accounts(const SettingsForm& f) {
  if (auto p = check_uri(f.account.uri); !p.empty()) return refuse(p, "account");
  std::vector<std::string> names;
  for (const auto& a : f.accounts) {
    auto named = [&a](const Glib::ustring& problem) { return account_refusal(a.name, problem); };
    if (auto p = widgets::account_name_problem(a.name, names); !p.empty())
      return {false, p, "account", a.name};
    names.push_back(a.name);
    if (a.uri.empty()) return named(_("Type its SIP address, such as sip:1002@pbx.example.com."));
    if (auto p = check_uri(a.uri); !p.empty()) return named(p);
  }
  return {true, {}, {}, {}};
}

Glib::ustring check_audio(const SettingsForm& f) {
  for (const auto* device : {&f.input, &f.output, &f.ringer}) {
    auto spec = media::parse_device_spec(*device, "device");
    if (!spec) return Glib::ustring::compose(_("Audio device “%1” is not valid."), *device);
  }
  return {};
}

// Core's own rules on a copy: the running panel changes only after every value passed.
Glib::ustring check_personal(const SettingsForm& f, core::PersonalSettings copy) {
  for (const auto& [key, value] : f.personal) {
    if (auto r = copy.set(key, value); !r)
      return Glib::ustring::compose(_("Nothing was saved: %1."), r.error().detail);
  }
  return {};
}

Glib::ustring check_chats(const SettingsForm& before, const SettingsForm& f) {
  if (f.chat_url.empty()) return {};
  if (auto problem = chat_url_problem(f.chat_url); !problem.empty()) return problem;
  char* end = nullptr;
  const long long account = std::strtoll(f.chat_account_id.c_str(), &end, 10);
  if (f.chat_account_id.empty() || *end != '\0' || account < 1 || account > 2147483647)
    return Glib::ustring::compose(
        _("The chat account number must be a whole number from 1 up (got “%1”)."),
        f.chat_account_id);
  const bool same_server =
      f.chat_url == before.chat_url && f.chat_account_id == before.chat_account_id;
  if (!f.chat_token_changed && !(f.chat_token_stored && same_server))
    return _("Type the agent token (Chatwoot: Profile settings → Access token).");
  if (!f.chat_ca_file.empty() && !g_file_test(f.chat_ca_file.c_str(), G_FILE_TEST_IS_REGULAR))
    return Glib::ustring::compose(_("The CA file “%1” does not exist."), f.chat_ca_file);
  return {};
}

Glib::ustring check_numbers(const SettingsForm& f) {
  const auto regions = numbers::supported_regions();
  if (std::find(regions.begin(), regions.end(), f.region) == regions.end())
    return Glib::ustring::compose(
        _("“%1” is not a known region: pick a country from the list or type its two-letter code."),
        f.region);
  if (auto rule = numbers::ExtensionRule::parse(f.extension_length); !rule)
    return Glib::ustring::compose(
        _("The extension length “%1” is not valid: use a range such as 2-5, one length such as "
          "3 (from 1 to 15 digits), or none."),
        f.extension_length);
  return {};
}

}  // namespace

std::string chat_url_problem(const std::string& url) {
  GUri* uri = g_uri_parse(url.c_str(), G_URI_FLAGS_NONE, nullptr);
  const std::string scheme = uri ? g_uri_get_scheme(uri) : "";
  const char* host = uri ? g_uri_get_host(uri) : nullptr;
  const bool ok = (scheme == "http" || scheme == "https") && host && *host;
  if (uri) g_uri_unref(uri);
  if (ok) return {};
  return Glib::ustring::compose(
      _("The chat server must be an address such as https://chat.example.com (got “%1”)."), url);
}

SaveResult check_settings(const SettingsForm& before, const SettingsForm& after,
                          const core::PersonalSettings& personal) {
  if (auto r = check_accounts(after); !r.ok) return r;
  if (auto p = check_audio(after); !p.empty()) return refuse(p, "audio");
  if (auto p = check_personal(after, personal); !p.empty()) return refuse(p, "calls");
  if (after.away_after_s < 0 || after.away_after_s > 86400)
    return refuse(_("Away after must be from 0 to 1440 minutes."), "presence");
  if (auto p = check_chats(before, after); !p.empty()) return refuse(p, "chats");
  if (auto p = check_numbers(after); !p.empty()) return refuse(p, "numbers");
  return {true, {}, {}, {}};
}

}  // namespace telpanel::app
