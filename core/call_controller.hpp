// SPDX-License-Identifier: GPL-3.0-or-later
// Coordinates calls across the SIP backends, the media engine and the journal (CALL-2..6,
// JRN-1): owns the list of live calls and their state machine, and is what the D-Bus service
// and the windows drive. Main thread.
#pragma once

#include <sigc++/connection.h>
#include <sigc++/signal.h>
#include <sigc++/trackable.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/call_history.hpp"
#include "core/media_engine.hpp"
#include "core/number_normalizer.hpp"
#include "core/scheduler.hpp"
#include "core/sip_backend.hpp"

namespace telpanel::core {

/// One configured account as the controller sees it.
struct AccountEntry {
  std::string name;           // "" for [account], NAME for [account:NAME]
  std::string domain;         // host[:port] used to complete bare numbers
  std::string local_address;  // where our RTP binds (same interface as SIP)
  std::vector<Codec> codecs;  // what this account may use, in order; empty = all the engine has
  SipBackend* sip = nullptr;
};

enum class DtmfSource { Rfc4733, Info };

class CallController : public sigc::trackable {
 public:
  using Now = std::function<TimePoint()>;

  /// `history` may be null (ACT-1: no journal). The first account is the default for dialing.
  CallController(
      std::vector<AccountEntry> accounts, MediaEngine& media, CallHistory* history,
      Scheduler& scheduler, Now now = [] { return Clock::now(); });
  ~CallController();
  CallController(const CallController&) = delete;
  CallController& operator=(const CallController&) = delete;

  Result<CallId> dial(const std::string& target);
  /// Answers a ringing incoming call; an active call is put on hold first (call waiting).
  Result<void> answer(const CallId& id);
  Result<void> reject(const CallId& id);
  /// Cancels (before answer) or hangs up; for an incoming ringing call it rejects.
  Result<void> hang_up(const CallId& id);
  Result<void> hold(const CallId& id);
  Result<void> resume(const CallId& id);
  Result<void> set_muted(const CallId& id, bool muted);
  /// Sends the digits one after another (RFC 4733 when negotiated, else SIP INFO).
  Result<void> send_dtmf(const CallId& id, const std::string& digits);

  // ----- transfers (XFER-1..4), in call_controller_transfer.cpp -----
  /// Blind transfer: REFER of an answered (or held) call, or 302 of a ringing incoming call
  /// (deflect). The call ends when the transfer succeeds; a failure is reported on the call.
  Result<void> transfer(const CallId& id, const std::string& target);
  /// Consultative transfer: holds the call and calls `target`; returns the consultation call.
  Result<CallId> consult(const CallId& id, const std::string& target);
  /// Connects the client with the colleague (REFER with Replaces, or a plain REFER after the
  /// consultation when the client cannot do Replaces). `id` is either of the two calls.
  /// Hanging up an answered consultation call does the same.
  Result<void> transfer_complete(const CallId& id);
  /// Gives the consultation up: hangs it up and resumes the client. `id` is either call.
  Result<void> transfer_cancel(const CallId& id);

  /// ACT-1 "make and receive calls": when off, dial() is refused and incoming calls are
  /// answered 480 Temporarily Unavailable at once, never offered, journaled or recorded.
  void set_calls_enabled(bool enabled) { m_calls_enabled = enabled; }
  bool calls_enabled() const { return m_calls_enabled; }

  /// Ends every call (BYE, CANCEL or 486) and closes its journal entry; used on quit so no
  /// call disappears without an end reason.
  void end_all(const std::string& detail);

  std::vector<Call> calls() const;
  const Call* find(const CallId& id) const;
  /// The call an id-less command means: the only ringing incoming call (for answer/reject) or
  /// the active one (for hang-up), else an error naming the choice.
  Result<CallId> pick_call(bool ringing_incoming) const;

  const std::vector<AccountEntry>& accounts() const { return m_accounts; }
  /// The media session of a live call (recording taps it); null when unknown or ended.
  MediaSession* media_session(const CallId& id);
  /// The journal entry of a live call; 0 when unknown or not journaled.
  JournalId journal_id(const CallId& id) const;

  sigc::signal<void(const Call&)>& signal_call_changed() { return m_signal_call_changed; }
  sigc::signal<void(const CallId&, char, DtmfSource)>& signal_dtmf_received() {
    return m_signal_dtmf_received;
  }
  /// The journal could not be written; the call itself goes on.
  sigc::signal<void(const Error&)>& signal_journal_failed() { return m_signal_journal_failed; }

  /// The key journal entries are matched on (remote_number, internal); without one they stay
  /// empty. `numbers` must outlive the controller.
  void set_number_normalizer(const NumberNormalizer& numbers) { m_numbers = &numbers; }
  /// (account name, status)
  sigc::signal<void(const std::string&, const RegistrationStatus&)>& signal_registration_changed() {
    return m_signal_registration_changed;
  }

 private:
  struct Entry {
    Call call;
    std::size_t account = 0;  // index into m_accounts
    std::unique_ptr<MediaSession> media;
    JournalId journal = 0;
    std::optional<CallEnd> local_end;  // set when we started the ending, wins over SIP's view
    bool rfc4733 = false;              // the current plan has telephone-event
    std::string dtmf_queue;
    TimerHandle dtmf_timer;
    int transfer_leg = -1;        // journal leg of the transfer in progress, -1 = none
    bool held_for_refer = false;  // we held it because the far end's REFER moves it elsewhere
    // A call placed for a REFER or replacing another (INVITE with Replaces): the older call's
    // journal leg for it, marked answered when this call is up even if that call is gone.
    JournalId linked_journal = 0;
    int linked_leg = -1;
  };

  void on_incoming(const AccountEntry& account, const IncomingCallInfo& info);
  void on_progress(const CallId& id, const CallProgress& progress);
  void on_media_changed(const CallId& id, const MediaPlan& plan);
  void on_info_dtmf(const CallId& id, char digit);
  void on_transfer_progress(const CallId& id, const TransferProgress& progress);
  void on_refer_received(const CallId& id, const ReferRequest& request);
  /// Transfer bookkeeping when a call answers or ends (linked calls, the journal's legs).
  void on_transfer_answered(Entry& e);
  void on_transfer_ended(const Call& call);
  /// An INVITE with Replaces arrived for `old`: note it on both calls and in the journal.
  void start_replacing(Entry& fresh, Entry& old, const std::string& referred_by);
  Result<void> refer_plain_after_consultation(Entry& client, const std::string& why);
  /// Appends a journal leg for a transfer to the entry; remembers its index.
  void record_leg(Entry& e, const std::string& party, const std::string& kind,
                  const std::string& by);
  void mark_leg_answered(Entry& e);
  /// The client's call of a consultation, given either of the two calls.
  Result<Entry*> consulting_client(const CallId& id);
  void end_transferred(const CallId& id, const std::string& detail);
  /// A new outgoing call on an account; `referring` non-empty: placed for that call's REFER.
  Result<CallId> start_outgoing(std::size_t account, const std::string& uri,
                                const CallId& referring = {});

  Entry* entry(const CallId& id);
  const Entry* entry(const CallId& id) const;
  Result<std::unique_ptr<MediaSession>> make_media(Entry& e, const AccountEntry& account);
  void record_start(Entry& e);
  void finish(const CallId& id, CallEnd end);
  void emit(const Entry& e) { m_signal_call_changed.emit(e.call); }
  void send_next_dtmf(const CallId& id);
  void touch_open_calls();
  void journal(const Result<void>& r);
  /// The session's offer narrowed to the account's codecs, in the account's order.
  MediaOffer offer_for(const Entry& e) const;
  const AccountEntry& account_of(const Entry& e) const;
  SipBackend& sip_of(const Entry& e) const { return *account_of(e).sip; }

  std::vector<AccountEntry> m_accounts;
  MediaEngine& m_media;
  CallHistory* m_history;
  const NumberNormalizer* m_numbers = nullptr;
  Scheduler& m_scheduler;
  Now m_now;
  std::map<CallId, std::unique_ptr<Entry>> m_calls;
  TimerHandle m_heartbeat;
  bool m_calls_enabled = true;
  std::vector<sigc::connection> m_connections;

  sigc::signal<void(const Call&)> m_signal_call_changed;
  sigc::signal<void(const CallId&, char, DtmfSource)> m_signal_dtmf_received;
  sigc::signal<void(const std::string&, const RegistrationStatus&)> m_signal_registration_changed;
  sigc::signal<void(const Error&)> m_signal_journal_failed;
};

}  // namespace telpanel::core
