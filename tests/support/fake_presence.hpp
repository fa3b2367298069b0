// SPDX-License-Identifier: GPL-3.0-or-later
// Presence doubles: a backend that records what is published and lets a test play the server,
// an idle source whose value a test sets, and an in-memory status store. Test thread only.
#pragma once

#include <string>
#include <vector>

#include "core/presence_backend.hpp"

namespace telpanel::tests {

class FakePresenceBackend final : public core::PresenceBackend {
 public:
  std::vector<core::PresenceDocument> published;
  std::vector<std::string> watched;

  void publish(const core::PresenceDocument& d) override { published.push_back(d); }
  void watch(const std::vector<std::string>& e) override { watched = e; }

  void presence(const std::string& ext, std::optional<core::PresenceDocument> d) {
    m_signal_presence_received.emit(ext, d);
  }
  void dialog(const std::string& ext, bool on_call) { m_signal_dialog_received.emit(ext, on_call); }
  void registration(const std::string& ext, bool r) { m_signal_registration_received.emit(ext, r); }
  void lost(const std::string& ext) { m_signal_watch_lost.emit(ext); }
};

class FakeIdleSource final : public core::IdleSource {
 public:
  std::chrono::milliseconds idle{0};
  bool broken = false;
  std::string name() const override { return "fake"; }
  core::Result<std::chrono::milliseconds> idle_time() override {
    if (broken) return core::make_error(core::ErrorCode::Io, "broken");
    return idle;
  }
};

class MemoryPresenceStore final : public core::PresenceStateStore {
 public:
  std::optional<core::StoredPresence> stored;
  int saves = 0;
  core::Result<std::optional<core::StoredPresence>> load() override { return stored; }
  core::Result<void> save(const core::StoredPresence& s) override {
    stored = s;
    ++saves;
    return {};
  }
};

}  // namespace telpanel::tests
