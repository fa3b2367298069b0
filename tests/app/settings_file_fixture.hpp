// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's Save without the dialog: a private config dir with telpanel.conf, the
// form as the dialog would get it, and personal settings kept in memory.
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app/config.hpp"
#include "app/settings_apply.hpp"

namespace telpanel::app {

class MemoryStore final : public core::SettingsStore {
 public:
  core::Result<std::vector<std::pair<std::string, std::string>>> load() const override {
    return std::vector<std::pair<std::string, std::string>>(saved.begin(), saved.end());
  }
  core::Result<void> save(const std::string& key, const std::string& value) override {
    saved[key] = value;
    return {};
  }
  std::map<std::string, std::string> saved;
};

// Runs the default main context until `start`'s callback has answered (10 s at most: a failure
// then, not a hang), and returns what it answered. For the asynchronous Save and keyring calls.
template <class T>
T answer_of(const std::function<void(std::function<void(T)>)>& start) {
  std::optional<T> answer;
  start([&answer](T value) { answer = std::move(value); });
  const gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
  // Wakes the blocking iteration now and then, so the deadline is looked at.
  const guint wake = g_timeout_add(
      50, [](gpointer) -> gboolean { return G_SOURCE_CONTINUE; }, nullptr);
  while (!answer && g_get_monotonic_time() < deadline) g_main_context_iteration(nullptr, TRUE);
  g_source_remove(wake);
  if (!answer) throw std::runtime_error("no answer within 10 s");
  return std::move(*answer);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SettingsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gchar* dir = g_dir_make_tmp("telpanel-settings-XXXXXX", nullptr);
    m_dir = dir;
    g_free(dir);
    m_path = m_dir + "/telpanel.conf";
    // The autostart entry lives under the user config dir; GLib reads it once per process.
    g_setenv("XDG_CONFIG_HOME", m_dir.c_str(), TRUE);
  }
  void TearDown() override {
    g_unlink(m_path.c_str());
    g_rmdir(m_dir.c_str());
  }
  widgets::SettingsForm form() {
    AppConfig none;
    return settings_form(none, m_keeper.get());
  }
  /// The dialog's Save, waited for.
  widgets::SaveResult save(const widgets::SettingsForm& before,
                           const widgets::SettingsForm& after) {
    return answer_of<widgets::SaveResult>([&](auto done) {
      save_settings(m_path, before, after, m_keeper, nullptr, std::move(done));
    });
  }
  void write(const std::string& text) {
    std::ofstream(m_path) << text;
    g_chmod(m_path.c_str(), 0600);
  }

  std::string m_dir, m_path;
  MemoryStore m_store;
  core::PersonalSettingsKeeper m_keeper{&m_store, {}};
};

// The form as the dialog gets it from the file on disk.
inline widgets::SettingsForm loaded_form(const std::string& path, const core::PersonalSettings& p) {
  auto config = load_config(path);
  EXPECT_TRUE(config) << (config ? "" : config.error().detail);
  return settings_form(config ? *config : AppConfig{}, p);
}

}  // namespace telpanel::app
