// SPDX-License-Identifier: GPL-3.0-or-later
// core::SipBackend on Sofia-SIP's nua: one instance per account, all sharing one SofiaRoot.
// Sofia types stay in the .cpp files. Main thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/media_types.hpp"
#include "core/presence_backend.hpp"
#include "core/scheduler.hpp"
#include "core/sip_backend.hpp"

namespace telpanel::sip {

class SofiaRoot;
struct SipPresenceSettings;

struct SipAccountSettings {
  std::string uri;  // AoR, "sip:1001@127.0.0.1:15060"
  std::string display_name;
  std::string auth_user;  // "" = the AoR's user part
  std::string password;
  std::string transport = "udp";  // udp | tcp
  std::string proxy;              // "" = the AoR's host:port
  int register_expires = 300;
  std::string bind_address;  // local IP for SIP and RTP; "" = the one that routes to the proxy
  int sip_port = 0;          // 0 = chosen by the OS
  // Non-empty: there is no password (e.g. none in the keyring); the account does not register
  // and its registration fails with this reason, so the rest of the panel still starts.
  std::string password_problem;
};

class SofiaSipBackend final : public core::SipBackend {
 public:
  /// Throws std::runtime_error when the account URI is unusable or nua cannot bind.
  SofiaSipBackend(SofiaRoot& root, core::Scheduler& scheduler, SipAccountSettings settings);
  ~SofiaSipBackend() override;

  std::string aor() const override;
  const core::RegistrationStatus& registration() const override;
  void set_online(bool online) override;
  core::Result<void> invite(const core::CallId& id, const std::string& target,
                            const core::MediaOffer& offer) override;
  core::Result<void> ring(const core::CallId& id) override;
  core::Result<void> answer(const core::CallId& id, const core::MediaOffer& offer) override;
  core::Result<void> reject(const core::CallId& id, int sip_status) override;
  core::Result<void> hang_up(const core::CallId& id) override;
  core::Result<void> set_hold(const core::CallId& id, bool hold) override;
  core::Result<void> send_info_dtmf(const core::CallId& id, char digit) override;
  // Transfers: sip/transfer_refer.cpp.
  core::Result<void> refer(const core::CallId& id, const std::string& target,
                           const core::CallId& replaces) override;
  core::Result<void> redirect(const core::CallId& id, const std::string& target) override;
  bool peer_supports_replaces(const core::CallId& id) const override;
  core::Result<void> invite_referred(const core::CallId& id, const core::CallId& referring,
                                     const std::string& target,
                                     const core::MediaOffer& offer) override;

  /// host[:port] that completes bare numbers ("1002" → sip:1002@host:port).
  std::string domain() const;
  /// The local IP used for SIP and RTP.
  std::string local_address() const;
  /// Presence on this account's stack (sip/sofia_presence.cpp); call once, before set_online.
  core::PresenceBackend& enable_presence(const SipPresenceSettings& settings);
  /// Un-registers and shuts nua down; `done` runs on the main loop when nua has finished
  /// (at most ~3 s later). Call before destroying.
  void shutdown(std::function<void()> done);

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace telpanel::sip
