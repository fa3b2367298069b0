// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/settings_apply.hpp"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glibmm/keyfile.h>

#include "app/keyring.hpp"
#include "media/device_spec.hpp"

namespace telpanel::app {

namespace {

void set_or_remove(Glib::KeyFile& kf, const char* group, const char* key, const std::string& v) {
  if (!v.empty()) return kf.set_string(group, key, v);
  if (kf.has_group(group) && kf.has_key(group, key)) kf.remove_key(group, key);
}

// The first problem with the form, for people; "" when it can be saved.
Glib::ustring check(const widgets::SettingsForm& f) {
  const bool sip = f.uri.rfind("sip:", 0) == 0 || f.uri.rfind("sips:", 0) == 0;
  if (!f.uri.empty() && (!sip || f.uri.find('@') == std::string::npos))
    return Glib::ustring::compose(
        _("The SIP address must look like sip:1001@pbx.example.com (got “%1”)."), f.uri);
  if (f.uri.find_first_of(" \t") != std::string::npos)
    return _("The SIP address must not contain spaces.");
  for (const auto* device : {&f.input, &f.output, &f.ringer}) {
    auto spec = media::parse_device_spec(*device, "device");
    if (!spec) return Glib::ustring::compose(_("Audio device “%1” is not valid."), *device);
  }
  return {};
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

}  // namespace

bool autostart_enabled() { return g_file_test(autostart_path().c_str(), G_FILE_TEST_EXISTS); }

widgets::SettingsForm settings_form(const AppConfig& config) {
  widgets::SettingsForm f;
  if (!config.accounts.empty()) {
    const auto& a = config.accounts.front().sip;
    f.uri = a.uri;
    f.auth_user = a.auth_user;
    f.transport = a.transport;
    f.proxy = a.proxy;
    f.display_name = a.display_name;
  }
  f.input = config.audio.input;
  f.output = config.audio.output;
  f.ringer = config.audio.ringer;
  f.autostart = autostart_enabled();
  return f;
}

widgets::SaveResult save_settings(const std::string& path, const widgets::SettingsForm& f) {
  if (auto problem = check(f); !problem.empty()) return {false, problem};
  Glib::KeyFile kf;
  if (g_file_test(path.c_str(), G_FILE_TEST_EXISTS)) {
    try {
      kf.load_from_file(path, Glib::KEY_FILE_KEEP_COMMENTS);
    } catch (const Glib::Error& e) {
      return {false, Glib::ustring::compose(_("Cannot read %1: %2"), path, e.what())};
    }
  }
  Glib::ustring note;
  if (!f.uri.empty()) {
    kf.set_string("account", "uri", f.uri);
    set_or_remove(kf, "account", "auth_user", f.auth_user);
    kf.set_string("account", "transport", f.transport.empty() ? "udp" : f.transport);
    set_or_remove(kf, "account", "proxy", f.proxy);
    set_or_remove(kf, "account", "display_name", f.display_name);
    if (f.password_changed) {
      if (auto stored = store_account_password(f.uri, f.password); stored) {
        set_or_remove(kf, "account", "password", "");
        note = _("The password is in the keyring.");
      } else {
        // No Secret Service on this desktop: the file keeps it, readable only by this user.
        kf.set_string("account", "password", f.password);
        note =
            _("No keyring answered, so the password is kept in the settings file, readable "
              "only by you.");
      }
    }
  }
  set_or_remove(kf, "audio", "input", f.input);
  set_or_remove(kf, "audio", "output", f.output);
  set_or_remove(kf, "audio", "ringer", f.ringer);

  gchar* dir = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(dir, 0700);
  g_free(dir);
  const std::string data = kf.to_data();
  GError* error = nullptr;
  if (!g_file_set_contents_full(path.c_str(), data.c_str(), static_cast<gssize>(data.size()),
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)) {
    Glib::ustring why = error ? error->message : "";
    if (error) g_error_free(error);
    return {false, Glib::ustring::compose(_("Cannot write %1: %2"), path, why)};
  }
  g_chmod(path.c_str(), 0600);  // an existing file keeps its mode otherwise
  if (auto problem = write_autostart(f.autostart); !problem.empty()) return {false, problem};
  Glib::ustring message =
      Glib::ustring::compose(_("Saved to %1. Restart telpanel to use the new settings."), path);
  if (!note.empty()) message += " " + note;
  return {true, message};
}

}  // namespace telpanel::app
