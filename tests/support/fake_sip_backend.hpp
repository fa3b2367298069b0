// SPDX-License-Identifier: GPL-3.0-or-later
// core::SipBackend that records the commands it gets and lets a test play the far end.
// Test thread only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/sip_backend.hpp"

namespace telpanel::tests {

class FakeSipBackend final : public core::SipBackend {
 public:
  std::vector<std::string> commands;  // "invite <id> <target>", "reject <id> 486", ...
  std::map<core::CallId, core::MediaOffer> offers;
  core::RegistrationStatus status;

  std::string aor() const override { return "sip:1001@example.org"; }
  const core::RegistrationStatus& registration() const override { return status; }
  void set_online(bool online) override { commands.push_back(online ? "online" : "offline"); }
  core::Result<void> invite(const core::CallId& id, const std::string& target,
                            const core::MediaOffer& offer) override {
    offers[id] = offer;
    return log("invite " + id + " " + target);
  }
  core::Result<void> ring(const core::CallId& id) override { return log("ring " + id); }
  core::Result<void> answer(const core::CallId& id, const core::MediaOffer& offer) override {
    offers[id] = offer;
    return log("answer " + id);
  }
  core::Result<void> reject(const core::CallId& id, int code) override {
    return log("reject " + id + " " + std::to_string(code));
  }
  core::Result<void> hang_up(const core::CallId& id) override { return log("hangup " + id); }
  core::Result<void> set_hold(const core::CallId& id, bool hold) override {
    return log(std::string(hold ? "hold " : "resume ") + id);
  }
  core::Result<void> send_info_dtmf(const core::CallId& id, char digit) override {
    return log("info " + id + " " + digit);
  }
  std::map<core::CallId, bool> replaces_support;  // peer_supports_replaces() answers; default no
  core::Result<void> refer(const core::CallId& id, const std::string& target,
                           const core::CallId& replaces) override {
    return log("refer " + id + " " + target + (replaces.empty() ? "" : " replaces " + replaces));
  }
  core::Result<void> redirect(const core::CallId& id, const std::string& target) override {
    return log("redirect " + id + " " + target);
  }
  bool peer_supports_replaces(const core::CallId& id) const override {
    auto it = replaces_support.find(id);
    return it != replaces_support.end() && it->second;
  }
  core::Result<void> invite_referred(const core::CallId& id, const core::CallId& referring,
                                     const std::string& target,
                                     const core::MediaOffer& offer) override {
    offers[id] = offer;
    return log("invite " + id + " " + target + " referred-by " + referring);
  }

  // The far end's side.
  void incoming(const core::IncomingCallInfo& info) { m_signal_incoming_call.emit(info); }
  void progress(const core::CallId& id, core::CallProgress::Kind kind, core::CallEnd end = {}) {
    m_signal_call_progress.emit(id, core::CallProgress{kind, std::move(end)});
  }
  void media(const core::CallId& id, const core::MediaPlan& plan) {
    m_signal_media_changed.emit(id, plan);
  }
  void info_dtmf(const core::CallId& id, char digit) {
    m_signal_info_dtmf_received.emit(id, digit);
  }
  void transfer_progress(const core::CallId& id, int status, bool final, bool refused = false) {
    m_signal_transfer_progress.emit(id, core::TransferProgress{status, "x", final, refused});
  }
  void refer_received(const core::CallId& id, const core::ReferRequest& request) {
    m_signal_refer_received.emit(id, request);
  }
  std::string last() const { return commands.empty() ? "" : commands.back(); }

 private:
  core::Result<void> log(std::string c) {
    commands.push_back(std::move(c));
    return {};
  }
};

}  // namespace telpanel::tests
