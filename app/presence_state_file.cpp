// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/presence_state_file.hpp"

#include <glib.h>
#include <glib/gstdio.h>

#include <nlohmann/json.hpp>

namespace telpanel::app {

std::string presence_state_path() {
  return std::string(g_get_user_state_dir()) + "/telpanel/presence.json";
}

core::Result<std::optional<core::StoredPresence>> PresenceStateFile::load() {
  gchar* contents = nullptr;
  gsize length = 0;
  GError* error = nullptr;
  if (!g_file_get_contents(m_path.c_str(), &contents, &length, &error)) {
    const bool missing = g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    std::string message = m_path + ": " + error->message;
    g_error_free(error);
    if (missing) return std::optional<core::StoredPresence>();
    return core::make_error(core::ErrorCode::Io, message);
  }
  std::string text(contents, length);
  g_free(contents);
  core::StoredPresence s;
  try {
    auto j = nlohmann::json::parse(text);
    s.online = j.at("online").get<bool>();
    auto p = core::presence_from_name(j.at("presence").get<std::string>());
    if (!p || (*p != core::Presence::Available && *p != core::Presence::Busy &&
               *p != core::Presence::Dnd))
      throw std::runtime_error("unknown presence");
    s.presence = *p;
    s.text = j.value("text", "");
  } catch (const std::exception& e) {
    // A broken file must not keep the panel from starting: defaults, and say so.
    return core::make_error(core::ErrorCode::Io,
                            m_path + " is unreadable (" + e.what() + "); starting Online");
  }
  return std::optional<core::StoredPresence>(s);
}

core::Result<void> PresenceStateFile::save(const core::StoredPresence& s) {
  gchar* dir = g_path_get_dirname(m_path.c_str());
  const int made = g_mkdir_with_parents(dir, 0700);
  g_free(dir);
  if (made != 0) return core::make_error(core::ErrorCode::Io, "cannot create the state directory");
  const std::string text = nlohmann::json{
      {"online", s.online},
      {"presence", core::presence_name(s.presence)},
      {"text", s.text}}.dump();
  GError* error = nullptr;
  if (!g_file_set_contents_full(m_path.c_str(), text.data(), static_cast<gssize>(text.size()),
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)) {
    std::string message = m_path + ": " + error->message;
    g_error_free(error);
    return core::make_error(core::ErrorCode::Io, message);
  }
  return {};
}

}  // namespace telpanel::app
