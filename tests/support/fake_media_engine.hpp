// SPDX-License-Identifier: GPL-3.0-or-later
// core::MediaEngine whose sessions record what they were told. Test thread only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/media_engine.hpp"

namespace telpanel::tests {

class FakeMediaSession final : public core::MediaSession {
 public:
  explicit FakeMediaSession(core::MediaOffer offer) : m_offer(std::move(offer)) {}
  const core::MediaOffer& offer() const override { return m_offer; }
  core::Result<void> apply(const core::MediaPlan& plan) override {
    plans.push_back(plan);
    return {};
  }
  void set_muted(bool m) override { muted = m; }
  core::Result<void> send_dtmf(char digit) override {
    if (plans.empty() || !plans.back().telephone_event_pt)
      return core::make_error(core::ErrorCode::InvalidState, "no telephone-event");
    digits += digit;
    return {};
  }
  void stop() override { stopped = true; }
  void receive_dtmf(char digit) { m_signal_dtmf_received.emit(digit); }

  std::vector<core::MediaPlan> plans;
  std::string digits;
  bool muted = false;
  bool stopped = false;

 private:
  core::MediaOffer m_offer;
};

class FakeMediaEngine final : public core::MediaEngine {
 public:
  std::vector<core::Codec> codecs{
      {"PCMU", 8000, 1, 0, ""}, {"PCMA", 8000, 1, 8, ""}, {"opus", 48000, 2, 111, ""}};
  std::map<core::CallId, FakeMediaSession*> sessions;  // owned by the controller

  std::vector<core::Codec> supported_codecs() const override { return codecs; }
  core::Result<std::unique_ptr<core::MediaSession>> create_session(
      const core::CallId& id, const std::string& address) override {
    core::MediaOffer offer{address, 40000, 40001, codecs, 101};
    auto s = std::make_unique<FakeMediaSession>(offer);
    sessions[id] = s.get();
    return std::unique_ptr<core::MediaSession>(std::move(s));
  }
};

}  // namespace telpanel::tests
