// SPDX-License-Identifier: GPL-3.0-or-later
// Port: SIP signalling for one account (REGISTER, INVITE dialogs, hold, INFO). Implemented by
// sip::SofiaSipBackend; core::CallController drives it. Main thread; every signal is emitted
// on the main loop.
#pragma once

#include <sigc++/signal.h>

#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/media_types.hpp"
#include "core/registration.hpp"
#include "core/result.hpp"

namespace telpanel::core {

struct IncomingCallInfo {
  CallId id;                 // minted by the backend with next_call_id()
  std::string remote_party;  // From URI
  std::string remote_display;
  std::string local_party;            // To URI
  bool has_offer = false;             // false for a late-offer INVITE (no SDP)
  std::vector<Codec> offered_codecs;  // audio codecs of the SDP offer, in the caller's order
  CallId replaces;                    // INVITE with Replaces: the existing call it takes over
  std::string referred_by;            // Referred-By of that INVITE, if any
};

/// How a transfer we asked for (REFER) is going: the sipfrag of each NOTIFY, or the REFER's
/// own failure response.
struct TransferProgress {
  int sip_status = 0;  // 100, 180, 200, 486, ... (sipfrag), or the REFER's error status
  std::string phrase;
  bool final = false;          // nothing more will come
  bool refer_refused = false;  // the REFER itself was refused (no call was attempted)
};

/// The far end asks us to call someone else (incoming REFER, already accepted with 202).
struct ReferRequest {
  std::string target;       // Refer-To URI without its headers
  std::string referred_by;  // Referred-By URI, or "" when absent
  bool replaces = false;    // Refer-To carried Replaces (attended transfer through us)
};

/// What happened on one call dialog, from the far end or the network.
struct CallProgress {
  enum class Kind {
    Ringing,   // 180/183 on our INVITE
    Answered,  // 200 on our INVITE, or our 200 was ACKed
    Ended,     // the dialog is over; `end` says why
  };
  Kind kind = Kind::Ringing;
  CallEnd end;
};

class SipBackend {
 public:
  virtual ~SipBackend() = default;

  /// The account's address of record, e.g. "sip:1001@127.0.0.1:15060".
  virtual std::string aor() const = 0;
  virtual const RegistrationStatus& registration() const = 0;

  /// Registers (and keeps registering, with backoff) while online; un-registers when offline.
  virtual void set_online(bool online) = 0;

  /// Sends an INVITE to `target` (URI or number, already normalised by the caller).
  virtual Result<void> invite(const CallId& id, const std::string& target,
                              const MediaOffer& offer) = 0;
  /// Sends 180 for an incoming call.
  virtual Result<void> ring(const CallId& id) = 0;
  /// Answers an incoming call with 200 and our SDP answer built from `offer`.
  virtual Result<void> answer(const CallId& id, const MediaOffer& offer) = 0;
  /// Rejects an incoming call (486 Busy Here, 603 Decline, 488, ...).
  virtual Result<void> reject(const CallId& id, int sip_status) = 0;
  /// CANCEL before answer, BYE after.
  virtual Result<void> hang_up(const CallId& id) = 0;
  /// Re-INVITE with a=sendonly (hold) or a=sendrecv (resume).
  virtual Result<void> set_hold(const CallId& id, bool hold) = 0;
  /// DTMF as SIP INFO application/dtmf-relay (for peers without RFC 4733).
  virtual Result<void> send_info_dtmf(const CallId& id, char digit) = 0;

  // ----- transfers (XFER-1..4) -----
  /// REFER on an established call: Refer-To `target`; when `replaces` names another of our
  /// established calls, the Refer-To carries Replaces for that dialog (attended transfer).
  /// Progress comes back through signal_transfer_progress().
  virtual Result<void> refer(const CallId& id, const std::string& target,
                             const CallId& replaces) = 0;
  /// Answers a ringing incoming call with 302 Moved Temporarily and Contact `target`.
  virtual Result<void> redirect(const CallId& id, const std::string& target) = 0;
  /// The far end of the call said it supports Replaces (Supported/Require: replaces).
  virtual bool peer_supports_replaces(const CallId& id) const = 0;
  /// Like invite(), for the call a REFER on `referring` asked for: the backend reports its
  /// progress to the referrer (NOTIFY sipfrag) and carries Referred-By and Replaces.
  virtual Result<void> invite_referred(const CallId& id, const CallId& referring,
                                       const std::string& target, const MediaOffer& offer) = 0;

  sigc::signal<void(const RegistrationStatus&)>& signal_registration_changed() {
    return m_signal_registration_changed;
  }
  /// A new INVITE. The receiver must ring(), answer() or reject() it.
  sigc::signal<void(const IncomingCallInfo&)>& signal_incoming_call() {
    return m_signal_incoming_call;
  }
  sigc::signal<void(const CallId&, const CallProgress&)>& signal_call_progress() {
    return m_signal_call_progress;
  }
  /// Negotiated media changed (answer received, re-INVITE, hold). When the answer left no
  /// common codec, plan.codec.name is empty.
  sigc::signal<void(const CallId&, const MediaPlan&)>& signal_media_changed() {
    return m_signal_media_changed;
  }
  sigc::signal<void(const CallId&, char)>& signal_info_dtmf_received() {
    return m_signal_info_dtmf_received;
  }
  /// Progress of a REFER we sent on the call.
  sigc::signal<void(const CallId&, const TransferProgress&)>& signal_transfer_progress() {
    return m_signal_transfer_progress;
  }
  /// The far end of the call sent a REFER. The receiver calls invite_referred() (or not).
  sigc::signal<void(const CallId&, const ReferRequest&)>& signal_refer_received() {
    return m_signal_refer_received;
  }

 protected:
  sigc::signal<void(const RegistrationStatus&)> m_signal_registration_changed;
  sigc::signal<void(const IncomingCallInfo&)> m_signal_incoming_call;
  sigc::signal<void(const CallId&, const CallProgress&)> m_signal_call_progress;
  sigc::signal<void(const CallId&, const MediaPlan&)> m_signal_media_changed;
  sigc::signal<void(const CallId&, char)> m_signal_info_dtmf_received;
  sigc::signal<void(const CallId&, const TransferProgress&)> m_signal_transfer_progress;
  sigc::signal<void(const CallId&, const ReferRequest&)> m_signal_refer_received;
};

}  // namespace telpanel::core
