// SPDX-License-Identifier: GPL-3.0-or-later
// core::PresenceStateStore as a small JSON file, $XDG_STATE_HOME/telpanel/presence.json. A file
// rather than a table: the status must survive even with the journal database off or broken,
// it is one record written only when the person changes it, and XDG puts exactly this kind of
// "state that should persist between restarts" under XDG_STATE_HOME. Main thread.
#pragma once

#include <string>

#include "core/presence_backend.hpp"

namespace telpanel::app {

std::string presence_state_path();  // $XDG_STATE_HOME/telpanel/presence.json

class PresenceStateFile final : public core::PresenceStateStore {
 public:
  explicit PresenceStateFile(std::string path) : m_path(std::move(path)) {}
  core::Result<std::optional<core::StoredPresence>> load() override;
  /// Written atomically (temporary file + rename), mode 0600.
  core::Result<void> save(const core::StoredPresence& state) override;

 private:
  std::string m_path;
};

}  // namespace telpanel::app
