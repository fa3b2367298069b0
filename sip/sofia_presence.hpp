// SPDX-License-Identifier: GPL-3.0-or-later
// core::PresenceBackend on an account's nua: PUBLISH of our PIDF (or, peer-to-peer, NOTIFY to
// whoever SUBSCRIBEs), and per colleague three subscriptions — presence, dialog, reg — paced at
// start, refreshed by nua, re-created after failures and after every re-registration (the
// server may have lost them). Includes Sofia headers: only sip/*.cpp may include it. Main
// thread.
#pragma once

#include <sigc++/connection.h>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/presence_backend.hpp"
#include "sip/nua_event_sink.hpp"
#include "sip/presence_settings.hpp"
#include "sip/sofia_backend_impl.hpp"

namespace telpanel::sip {

class SofiaPresence final : public core::PresenceBackend, public NuaEventSink {
 public:
  SofiaPresence(SofiaSipBackend::Impl& account, SipPresenceSettings settings);
  ~SofiaPresence() override;

  void publish(const core::PresenceDocument& document) override;
  void watch(const std::vector<std::string>& extensions) override;
  bool on_nua_event(nua_event_t event, int status, const char* phrase, nua_handle_t* nh,
                    const sip_t* message, tagi_t tags[]) override;

 private:
  enum class Kind { Presence, Dialog, Reg };
  struct Subscription {
    std::string extension;
    Kind kind = Kind::Presence;
    nua_handle_t* nh = nullptr;
    int auth_attempts = 0;
    int failures = 0;
    core::TimerHandle retry;
    std::optional<long long> dialog_version;  // of the last dialog-info applied (RFC 4235)
  };

  void queue(Subscription& s);
  void pace();
  void subscribe(Subscription& s);
  void drop(Subscription& s, bool retry);
  void on_subscription_event(Subscription& s, nua_event_t event, int status, const sip_t* message,
                             tagi_t tags[]);
  void on_notify(Subscription& s, const sip_t* message);
  void send_publish();
  void on_publish_response(int status, const sip_t* message);
  void republish_soon();
  void on_registration(const core::RegistrationStatus& status);
  bool on_incoming_subscribe(nua_handle_t* nh, const sip_t* message);
  void notify_watcher(nua_handle_t* nh);

  SofiaSipBackend::Impl& m_d;
  SipPresenceSettings m_settings;
  core::RetryPolicy m_retry{std::chrono::milliseconds(2000), std::chrono::milliseconds(30000)};
  core::PresenceDocument m_document;
  bool m_have_document = false;
  nua_handle_t* m_pub = nullptr;
  int m_pub_auth_attempts = 0;
  int m_pub_failures = 0;
  core::TimerHandle m_pub_retry;
  core::TimerHandle m_republish_timer;
  bool m_republishing = false;
  std::vector<std::unique_ptr<Subscription>> m_subs;
  std::unordered_map<nua_handle_t*, Subscription*> m_by_handle;
  std::vector<Subscription*> m_pending;  // waiting for the pacer
  core::TimerHandle m_pacer;
  bool m_pacing = false;
  std::vector<nua_handle_t*> m_watchers;  // peer-to-peer subscribers of our presence
  bool m_registered_once = false;
  bool m_lost = false;  // registration went away after having been up
  sigc::connection m_registration;
};

}  // namespace telpanel::sip
