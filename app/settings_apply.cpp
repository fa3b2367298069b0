// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/settings_apply.hpp"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glibmm/keyfile.h>

#include <algorithm>
#include <functional>

#include "app/settings_check.hpp"
#include "app/settings_secrets.hpp"

namespace telpanel::app {

namespace {

void set_or_remove(Glib::KeyFile& kf, const char* group, const char* key, const std::string& v) {
  if (!v.empty()) return kf.set_string(group, key, v);
  if (kf.has_group(group) && kf.has_key(group, key)) kf.remove_key(group, key);
}

bool file_has(Glib::KeyFile& kf, const char* group, const char* key) {
  return kf.has_group(group) && kf.has_key(group, key);
}

// $XDG_CONFIG_HOME/autostart/org.telpanel.Telpanel.desktop (the XDG autostart spec).
std::string autostart_path() {
  gchar* p = g_build_filename(g_get_user_config_dir(), "autostart", "org.telpanel.Telpanel.desktop",
                              nullptr);
  std::string out = p;
  g_free(p);
  return out;
}

// A program path as the desktop entry spec quotes it in Exec: plain when it has only safe
// characters, else in double quotes with ", `, $ and \ escaped — and every backslash doubled
// again by the general string escape rule, which the spec applies first.
std::string exec_quote(const std::string& path) {
  if (path.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._+-") ==
      std::string::npos)
    return path;
  std::string out = "\"";
  for (char c : path) {
    if (c == '"' || c == '`' || c == '$' || c == '\\') out += "\\\\";
    out += (c == '\\') ? std::string("\\\\") : std::string(1, c);
  }
  return out + "\"";
}

// The entry starts this very binary, minimised to the tray.
Glib::ustring write_autostart(bool enabled) {
  const std::string path = autostart_path();
  if (!enabled) {
    if (g_file_test(path.c_str(), G_FILE_TEST_EXISTS) && g_unlink(path.c_str()) != 0)
      return Glib::ustring::compose(_("Cannot remove %1: %2"), path, g_strerror(errno));
    return {};
  }
  gchar* exe = g_file_read_link("/proc/self/exe", nullptr);
  const std::string binary = exe ? exe : "telpanel";
  g_free(exe);
  const std::string quoted = exec_quote(binary);
  const std::string text =
      "[Desktop Entry]\nType=Application\nName=Telephony Panel\nName[ru]=Панель телефонии\n"
      "Comment=Start the telephony panel in the tray at login\nExec=" +
      quoted +
      " --minimized\nIcon=org.telpanel.Telpanel\nTerminal=false\nNoDisplay=true\n"
      "X-GNOME-Autostart-enabled=true\n";
  gchar* dir = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(dir, 0700);
  g_free(dir);
  GError* error = nullptr;
  if (!g_file_set_contents(path.c_str(), text.c_str(), static_cast<gssize>(text.size()), &error)) {
    Glib::ustring why = error ? error->message : "";
    if (error) g_error_free(error);
    return Glib::ustring::compose(_("Cannot write %1: %2"), path, why);
  }
  return {};
}

std::string extension_text(const numbers::ExtensionRule& rule) {
  if (rule.min_digits == 0) return "none";
  if (rule.min_digits == rule.max_digits) return std::to_string(rule.min_digits);
  return std::to_string(rule.min_digits) + "-" + std::to_string(rule.max_digits);
}

// Which pages of the dialog hold a config-file change that needs a restart to apply (the away
// time is applied to the running panel when there is one to apply it to).
std::vector<Glib::ustring> restart_pages(const widgets::SettingsForm& a,
                                         const widgets::SettingsForm& b, bool away_live) {
  std::vector<Glib::ustring> out;
  // A typed password differs from the "" of `a` (kept), so it counts as a change too.
  if (a.account != b.account || a.accounts != b.accounts) out.push_back(_("Account"));
  if (a.input != b.input || a.output != b.output || a.ringer != b.ringer) out.push_back(_("Audio"));
  if (a.away_after_s != b.away_after_s && !away_live) out.push_back(_("Presence"));
  if (a.chat_url != b.chat_url || a.chat_account_id != b.chat_account_id || b.chat_token_changed ||
      a.chat_ca_file != b.chat_ca_file)
    out.push_back(_("Chats"));
  if (a.region != b.region || a.extension_length != b.extension_length) out.push_back(_("Numbers"));
  if (a.start_minimized != b.start_minimized) out.push_back(_("Start minimised"));
  return out;
}

Glib::ustring joined(const std::vector<Glib::ustring>& items) {
  Glib::ustring out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// [chat]: server, account and CA file; the token stays out of the file when the keyring took
// it, else goes into the file (readable only by this user). Returns a note about where the token
// went ("" = unchanged).
Glib::ustring write_chat(Glib::KeyFile& kf, const widgets::SettingsForm& f,
                         const StoredSecrets& secrets) {
  if (f.chat_url.empty()) {
    // Chats off: the group's tuning keys may stay, without url= they do nothing.
    for (const char* key : {"url", "account_id", "token", "ca_file"})
      set_or_remove(kf, "chat", key, "");
    return {};
  }
  kf.set_string("chat", "url", f.chat_url);
  kf.set_string("chat", "account_id", f.chat_account_id);
  set_or_remove(kf, "chat", "ca_file", f.chat_ca_file);
  if (!f.chat_token_changed) return {};
  if (secrets.chat_token) {
    set_or_remove(kf, "chat", "token", "");
    return _("The chat token is in the keyring.");
  }
  kf.set_string("chat", "token", f.chat_token);
  return _(
      "No keyring answered, so the chat token is kept in the settings file, readable only "
      "by you.");
}

// [account] or [account:NAME]; returns a note about where the password went ("" = unchanged).
// Keys the dialog does not edit (codecs, register_expires, presence, ...) stay as they are.
Glib::ustring write_account(Glib::KeyFile& kf, const std::string& group,
                            const widgets::AccountForm& a, const StoredSecrets& secrets) {
  if (a.uri.empty()) return {};
  const char* g = group.c_str();
  kf.set_string(g, "uri", a.uri);
  set_or_remove(kf, g, "auth_user", a.auth_user);
  kf.set_string(g, "transport", a.transport.empty() ? "udp" : a.transport);
  set_or_remove(kf, g, "proxy", a.proxy);
  set_or_remove(kf, g, "display_name", a.display_name);
  if (!a.password_changed) return {};
  if (secrets.accounts.count(a.uri)) {
    set_or_remove(kf, g, "password", "");
    return _("The password is in the keyring.");
  }
  // No Secret Service on this desktop: the file keeps it, readable only by this user.
  kf.set_string(g, "password", a.password);
  return _(
      "No keyring answered, so the password is kept in the settings file, readable only "
      "by you.");
}

// Every account: [account], the kept and new [account:NAME] groups, and no group for one the
// dialog removed. A group added to the file by someone else meanwhile is left alone.
void write_accounts(Glib::KeyFile& kf, const widgets::SettingsForm& before,
                    const widgets::SettingsForm& f, const StoredSecrets& secrets,
                    const std::function<void(Glib::ustring)>& note) {
  note(write_account(kf, "account", f.account, secrets));
  for (const auto& old : before.accounts) {
    const bool kept = std::any_of(f.accounts.begin(), f.accounts.end(),
                                  [&old](const auto& a) { return a.name == old.name; });
    if (!kept && kf.has_group("account:" + old.name)) kf.remove_group("account:" + old.name);
  }
  for (const auto& a : f.accounts) note(write_account(kf, "account:" + a.name, a, secrets));
}

// telpanel.conf as it is now, with its comments; an absent file is an empty one.
widgets::SaveResult load_keyfile(const std::string& path, Glib::KeyFile& kf) {
  if (!g_file_test(path.c_str(), G_FILE_TEST_EXISTS)) return {true, {}, {}};
  try {
    kf.load_from_file(path, Glib::KEY_FILE_KEEP_COMMENTS);
  } catch (const Glib::Error& e) {
    return {false, Glib::ustring::compose(_("Cannot read %1: %2"), path, e.what()), ""};
  }
  return {true, {}, {}};
}

// The refusals that depend on what the file holds now, before anything is stored anywhere: a
// secret kept in the keyring is filed under the old address, server or account.
widgets::SaveResult check_against_file(const std::string& path, const widgets::SettingsForm& before,
                                       const widgets::SettingsForm& f) {
  Glib::KeyFile kf;
  if (auto loaded = load_keyfile(path, kf); !loaded.ok) return loaded;
  const bool moved = f.chat_url != before.chat_url || f.chat_account_id != before.chat_account_id;
  if (!f.chat_url.empty() && moved && !f.chat_token_changed && !file_has(kf, "chat", "token"))
    return {false,
            _("Type the agent token again: the stored one belongs to the old server or account."),
            "chats"};
  return check_moved_passwords(before, f, [&kf](const std::string& group) {
    return file_has(kf, group.c_str(), "password");
  });
}

// One write of the whole file, keeping the keys and comments the dialog does not edit.
widgets::SaveResult write_config_file(const std::string& path, const widgets::SettingsForm& before,
                                      const widgets::SettingsForm& f, const StoredSecrets& secrets,
                                      Glib::ustring& notes) {
  Glib::KeyFile kf;
  if (auto loaded = load_keyfile(path, kf); !loaded.ok) return loaded;
  // Several accounts may say where their password went: each sentence once.
  auto note = [&notes](const Glib::ustring& n) {
    if (!n.empty() && notes.find(n) == Glib::ustring::npos) notes += " " + n;
  };
  write_accounts(kf, before, f, secrets, note);
  set_or_remove(kf, "audio", "input", f.input);
  set_or_remove(kf, "audio", "output", f.output);
  set_or_remove(kf, "audio", "ringer", f.ringer);
  if (f.away_after_s != before.away_after_s)
    kf.set_string("presence", "away_after", std::to_string(f.away_after_s));
  if (f.region != before.region) kf.set_string("general", "region", f.region);
  if (f.extension_length != before.extension_length)
    kf.set_string("general", "extension_length", f.extension_length);
  if (f.start_minimized != before.start_minimized)
    kf.set_string("general", "start_minimized", f.start_minimized ? "true" : "false");
  note(write_chat(kf, f, secrets));

  gchar* dir = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(dir, 0700);
  g_free(dir);
  const std::string data = kf.to_data();
  GError* error = nullptr;
  if (!g_file_set_contents_full(path.c_str(), data.c_str(), static_cast<gssize>(data.size()),
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)) {
    Glib::ustring why = error ? error->message : "";
    if (error) g_error_free(error);
    return {false, Glib::ustring::compose(_("Cannot write %1: %2"), path, why), ""};
  }
  g_chmod(path.c_str(), 0600);  // an existing file keeps its mode otherwise
  return {true, {}, {}};
}

}  // namespace

bool autostart_enabled() { return g_file_test(autostart_path().c_str(), G_FILE_TEST_EXISTS); }

widgets::SettingsForm settings_form(const AppConfig& config,
                                    const core::PersonalSettings& personal) {
  widgets::SettingsForm f;
  for (const auto& account : config.accounts) {
    const auto& a = account.sip;
    // The password is not shown: "" means "keep the stored one".
    widgets::AccountForm shown{account.name, a.uri,       "",      false,
                               a.auth_user,  a.transport, a.proxy, a.display_name};
    if (account.name.empty())
      f.account = std::move(shown);
    else
      f.accounts.push_back(std::move(shown));
  }
  f.input = config.audio.input;
  f.output = config.audio.output;
  f.ringer = config.audio.ringer;
  f.personal = personal.entries();
  f.away_after_s = config.presence.away_after;
  if (config.chat) {
    f.chat_url = config.chat->url;
    f.chat_account_id = std::to_string(config.chat->account_id);
    f.chat_token_stored = true;  // the panel does not start chats without one
    f.chat_ca_file = config.chat->ca_file;
  }
  f.region = config.region;
  f.extension_length = extension_text(config.extensions);
  f.autostart = autostart_enabled();
  f.start_minimized = config.start_minimized;
  return f;
}

namespace {

// After the file (when it changed): what applies to the running panel, and the message.
widgets::SaveResult apply_and_report(const std::string& path, const widgets::SettingsForm& before,
                                     const widgets::SettingsForm& f,
                                     const std::vector<Glib::ustring>& restart,
                                     const Glib::ustring& notes,
                                     core::PersonalSettingsKeeper& personal,
                                     core::PresenceController* presence) {
  std::vector<Glib::ustring> applied;
  if (before.away_after_s != f.away_after_s && presence) {
    presence->set_away_after(std::chrono::seconds(f.away_after_s));
    applied.push_back(_("Presence"));
  }
  if (f.autostart != before.autostart) {
    if (auto problem = write_autostart(f.autostart); !problem.empty())
      return {false, problem, "general"};
    applied.push_back(_("Start at login"));
  }
  // Every value passed core's check before; set() can now only fail to store. Only what the
  // person changed in the dialog is set: a value changed meanwhile by `telpanelctl settings
  // set` is not overwritten by the one the dialog showed.
  bool calls_changed = false;
  for (const auto& [key, value] : f.personal) {
    if (before.personal_value(key) == value) continue;
    if (auto r = personal.set(key, value); !r)
      return {false,
              Glib::ustring::compose(_("Cannot store a personal setting: %1"), r.error().detail),
              "calls"};
    calls_changed = true;
  }
  if (calls_changed) applied.insert(applied.begin(), _("Calls"));
  if (restart.empty() && applied.empty())
    return {true, _("Nothing to save: no setting changed."), ""};
  Glib::ustring message;
  if (!restart.empty())
    message = Glib::ustring::compose(
        _("Saved to %1. Restart telpanel to use the new settings of: %2."), path, joined(restart));
  if (!applied.empty())
    message += (message.empty() ? "" : " ") +
               Glib::ustring::compose(_("Already applied: %1."), joined(applied));
  return {true, message + notes, ""};
}

}  // namespace

void save_settings(const std::string& path, const widgets::SettingsForm& before,
                   const widgets::SettingsForm& f, core::PersonalSettingsKeeper& personal,
                   core::PresenceController* presence,
                   std::function<void(widgets::SaveResult)> done) {
  if (auto checked = check_settings(before, f, personal.get()); !checked.ok) return done(checked);
  auto restart = restart_pages(before, f, presence != nullptr);
  if (restart.empty() && before.away_after_s == f.away_after_s)
    return done(apply_and_report(path, before, f, restart, {}, personal, presence));
  if (auto refused = check_against_file(path, before, f); !refused.ok) return done(refused);
  // The keyring may prompt (locked or new): the file is written once it has answered.
  store_typed_secrets(
      f, [path, before, f, restart, &personal, presence, done](const StoredSecrets& secrets) {
        Glib::ustring notes;
        if (auto written = write_config_file(path, before, f, secrets, notes); !written.ok)
          return done(written);
        forget_dropped_passwords(
            before, f, [path, before, f, restart, notes, &personal, presence, done] {
              done(apply_and_report(path, before, f, restart, notes, personal, presence));
            });
      });
}

}  // namespace telpanel::app
