// SPDX-License-Identifier: GPL-3.0-or-later
// Private state of SofiaSipBackend shared by its two source files; includes Sofia headers, so
// only sip/*.cpp may include it. Main thread.
#pragma once

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/soa_tag.h>
#include <sofia-sip/su_tag_io.h>
#include <sofia-sip/url.h>

#include <map>
#include <memory>
#include <string>

#include "sip/nua_event_sink.hpp"
#include "sip/sofia_sip_backend.hpp"
#include "sip/transfer_refer.hpp"

namespace telpanel::sip {

/// One INVITE dialog (call) and what we learned about how it ends.
struct SipDialog {
  core::CallId id;
  nua_handle_t* nh = nullptr;
  bool incoming = false;
  bool established = false;  // 200 OK exchanged (callstate ready)
  int final_status = 0;      // final failure response to our INVITE
  std::string final_phrase;
  bool remote_bye = false;
  bool remote_cancel = false;
  int rejected_with = 0;  // our final failure response to an incoming INVITE
  int auth_attempts = 0;
  std::string local_sdp;         // latest SDP bodies seen in nua_i_state (each event carries only
  std::string remote_sdp;        // what changed)
  std::string last_sdp_pair;     // local+remote SDP of the last plan sent, to skip repeats
  DialogTransferState transfer;  // sip/transfer_refer.cpp
};

void nua_callback(nua_event_t event, int status, const char* phrase, nua_t* nua, nua_magic_t* magic,
                  nua_handle_t* nh, nua_hmagic_t* hmagic, const sip_t* message,
                  tagi_t tags[]) noexcept;

struct SofiaSipBackend::Impl {
  Impl(SofiaSipBackend& o, core::Scheduler& s, SipAccountSettings st)
      : owner(o), scheduler(s), settings(std::move(st)) {}

  SofiaSipBackend& owner;
  core::Scheduler& scheduler;
  SipAccountSettings settings;
  su_home_t home[1] = {};
  nua_t* nua = nullptr;
  std::string user, host_port, proxy, local_ip;  // proxy is also the registrar

  nua_handle_t* reg = nullptr;
  core::RegistrationStatus status;
  bool online = false;
  int reg_auth_attempts = 0;
  int retry_attempt = 0;
  core::RetryPolicy retry_policy;
  core::TimerHandle retry_timer;

  std::map<core::CallId, std::unique_ptr<SipDialog>> dialogs;
  std::unique_ptr<NuaEventSink> presence;  // sip/sofia_presence.cpp, when enabled

  std::function<void()> shutdown_done;
  core::TimerHandle shutdown_timer;
  bool shut_down = false;

  SipDialog* find(const core::CallId& id) {
    auto it = dialogs.find(id);
    return it == dialogs.end() ? nullptr : it->second.get();
  }
  static core::Error no_dialog(const core::CallId& id) {
    return core::make_error(core::ErrorCode::NotFound, "no SIP dialog for call " + id);
  }

  void set_status(core::RegistrationState state, std::string reason, int sip_status,
                  core::RegistrationProblem problem = core::RegistrationProblem::None);
  void start_register();
  void schedule_retry();
  bool authenticate(nua_handle_t* nh, const sip_t* message);
  void finish_shutdown();

  void handle(nua_event_t event, int status, const char* phrase, nua_handle_t* nh,
              SipDialog* dialog, const sip_t* message, tagi_t tags[]);
  void on_register(int status, const char* phrase, const sip_t* message);
  void on_incoming_invite(nua_handle_t* nh, const sip_t* message);
  void on_invite_response(SipDialog& dialog, int status, const char* phrase, const sip_t* message);
  void on_state(SipDialog& dialog, int status, tagi_t tags[]);
  void on_info(SipDialog& dialog, const sip_t* message);
  void on_terminated(SipDialog& dialog);

  // Transfers, in transfer_refer.cpp.
  void note_peer_features(SipDialog& dialog, const sip_t* message);
  /// INVITE with Replaces: false when it was refused (481) and `nh` destroyed.
  bool take_replaces(nua_handle_t* nh, const sip_t* message, core::IncomingCallInfo& info);
  void on_refer_response(SipDialog& dialog, int status, const char* phrase);
  void send_refer(SipDialog& dialog);
  /// The call placed for a REFER got a response: report it to the referrer (NOTIFY sipfrag).
  void notify_referrer(SipDialog& dialog, int status, const char* phrase);
  /// NOTIFY of event "refer" on a dialog; false when it is another event package.
  bool on_refer_notify(SipDialog& dialog, const sip_t* message);
  void on_incoming_refer(SipDialog& dialog, const sip_t* message, tagi_t tags[]);
};

}  // namespace telpanel::sip
