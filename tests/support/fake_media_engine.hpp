// SPDX-License-Identifier: GPL-3.0-or-later
// core::MediaEngine whose sessions record what they were told. Test thread only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/media_engine.hpp"

namespace telpanel::tests {

/// What a session was told; outlives the session so tests can check it after the call ended.
struct FakeMediaRecord {
  std::vector<core::MediaPlan> plans;
  std::string digits;
  bool muted = false;
  bool stopped = false;
  std::vector<std::string> recordings;  // every start_recording path, in order
  bool recording = false;
  std::string refuse_recording;  // non-empty: start_recording fails with this detail
};

class FakeMediaSession final : public core::MediaSession {
 public:
  FakeMediaSession(core::MediaOffer offer, std::shared_ptr<FakeMediaRecord> record)
      : m_offer(std::move(offer)), m_record(std::move(record)) {}
  const core::MediaOffer& offer() const override { return m_offer; }
  core::Result<void> apply(const core::MediaPlan& plan) override {
    m_record->plans.push_back(plan);
    return {};
  }
  void set_muted(bool m) override { m_record->muted = m; }
  core::Result<void> send_dtmf(char digit) override {
    if (m_record->plans.empty() || !m_record->plans.back().telephone_event_pt)
      return core::make_error(core::ErrorCode::InvalidState, "no telephone-event");
    m_record->digits += digit;
    return {};
  }
  void stop() override {
    m_record->stopped = true;
    m_record->recording = false;
  }
  core::Result<void> start_recording(const std::string& path) override {
    if (!m_record->refuse_recording.empty())
      return core::make_error(core::ErrorCode::Io, m_record->refuse_recording);
    m_record->recordings.push_back(path);
    m_record->recording = true;
    return {};
  }
  void stop_recording() override { m_record->recording = false; }
  /// Plays a write failure (disk full) of the current part.
  void fail_recording(const core::Error& e) {
    m_record->recording = false;
    m_signal_recording_failed.emit(e);
  }

 private:
  core::MediaOffer m_offer;
  std::shared_ptr<FakeMediaRecord> m_record;
};

class FakeMediaEngine final : public core::MediaEngine {
 public:
  std::vector<core::Codec> codecs{
      {"PCMU", 8000, 1, 0, ""}, {"PCMA", 8000, 1, 8, ""}, {"opus", 48000, 2, 111, ""}};
  std::map<core::CallId, std::shared_ptr<FakeMediaRecord>> sessions;

  std::vector<core::Codec> supported_codecs() const override { return codecs; }
  core::Result<std::unique_ptr<core::MediaSession>> create_session(
      const core::CallId& id, const std::string& address) override {
    core::MediaOffer offer{address, 40000, 40001, codecs, 101};
    auto record = std::make_shared<FakeMediaRecord>();
    sessions[id] = record;
    return std::unique_ptr<core::MediaSession>(std::make_unique<FakeMediaSession>(offer, record));
  }
};

}  // namespace telpanel::tests
