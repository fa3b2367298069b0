// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_controller.hpp"

#include <algorithm>

#include "core/call_end.hpp"
#include "core/dial_target.hpp"
#include "core/journal_rules.hpp"

namespace telpanel::core {

namespace {

constexpr std::chrono::milliseconds kDtmfGap{250};     // between digits of one sequence
constexpr std::chrono::milliseconds kHeartbeat{5000};  // journal "still alive" mark

bool is_dtmf_digit(char c) {
  return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
}

}  // namespace

CallController::CallController(std::vector<AccountEntry> accounts, MediaEngine& media,
                               CallHistory* history, Scheduler& scheduler, Now now)
    : m_accounts(std::move(accounts)),
      m_media(media),
      m_history(history),
      m_scheduler(scheduler),
      m_now(std::move(now)) {
  for (const auto& account : m_accounts) {
    SipBackend* sip = account.sip;
    const std::string name = account.name;
    m_connections.push_back(
        sip->signal_registration_changed().connect([this, name](const RegistrationStatus& st) {
          m_signal_registration_changed.emit(name, st);
        }));
    m_connections.push_back(sip->signal_incoming_call().connect(
        [this, &account](const IncomingCallInfo& info) { on_incoming(account, info); }));
    m_connections.push_back(
        sip->signal_call_progress().connect(sigc::mem_fun(*this, &CallController::on_progress)));
    m_connections.push_back(sip->signal_media_changed().connect(
        sigc::mem_fun(*this, &CallController::on_media_changed)));
    m_connections.push_back(sip->signal_info_dtmf_received().connect(
        sigc::mem_fun(*this, &CallController::on_info_dtmf)));
    m_connections.push_back(sip->signal_transfer_progress().connect(
        sigc::mem_fun(*this, &CallController::on_transfer_progress)));
    m_connections.push_back(sip->signal_refer_received().connect(
        sigc::mem_fun(*this, &CallController::on_refer_received)));
  }
  m_heartbeat = m_scheduler.every(kHeartbeat, [this] { touch_open_calls(); });
}

CallController::~CallController() {
  for (auto& c : m_connections) c.disconnect();
}

CallController::Entry* CallController::entry(const CallId& id) {
  auto it = m_calls.find(id);
  return it == m_calls.end() ? nullptr : it->second.get();
}

const CallController::Entry* CallController::entry(const CallId& id) const {
  auto it = m_calls.find(id);
  return it == m_calls.end() ? nullptr : it->second.get();
}

const Call* CallController::find(const CallId& id) const {
  const Entry* e = entry(id);
  return e ? &e->call : nullptr;
}

MediaSession* CallController::media_session(const CallId& id) {
  Entry* e = entry(id);
  return e ? e->media.get() : nullptr;
}

JournalId CallController::journal_id(const CallId& id) const {
  const Entry* e = entry(id);
  return e ? e->journal : 0;
}

std::vector<Call> CallController::calls() const {
  std::vector<Call> out;
  for (const auto& [id, e] : m_calls) out.push_back(e->call);
  std::sort(out.begin(), out.end(),
            [](const Call& a, const Call& b) { return a.started_at < b.started_at; });
  return out;
}

Result<CallId> CallController::pick_call(bool ringing_incoming) const {
  std::vector<CallId> found;
  for (const auto& [id, e] : m_calls) {
    const auto& c = e->call;
    const bool ringing_in = c.direction == CallDirection::Incoming && c.state == CallState::Ringing;
    if (ringing_incoming ? ringing_in : c.state != CallState::Held) found.push_back(id);
  }
  if (found.size() == 1) return found.front();
  if (found.empty())
    return make_error(ErrorCode::NotFound,
                      ringing_incoming ? "no incoming call is ringing" : "no current call");
  return make_error(ErrorCode::InvalidArgument,
                    std::to_string(found.size()) + " calls match; name one of them by id");
}

const AccountEntry& CallController::account_of(const Entry& e) const {
  return m_accounts.at(e.account);
}

MediaOffer CallController::offer_for(const Entry& e) const {
  MediaOffer offer = e.media->offer();
  const auto& wanted = account_of(e).codecs;
  if (wanted.empty()) return offer;
  std::vector<Codec> narrowed;
  for (const auto& w : wanted) {
    for (const auto& c : offer.codecs) {
      if (same_codec(w, c)) narrowed.push_back(c);
    }
  }
  offer.codecs = std::move(narrowed);
  return offer;
}

void CallController::journal(const Result<void>& r) {
  if (!r) m_signal_journal_failed.emit(r.error());
}

void CallController::record_start(Entry& e) {
  if (!m_history) return;
  JournalEntry j;
  j.call_id = e.call.id;
  j.direction = e.call.direction;
  j.account = e.call.account;
  j.local_party = e.call.local_party;
  j.remote_party = e.call.remote_party;
  j.remote_display = e.call.remote_display;
  j.started_at = e.call.started_at;
  if (m_numbers) {
    const NumberKey key = journal_match_key(*m_numbers, e.call.remote_party);
    j.remote_number = key.value;
    j.internal = key.internal;
  }
  j.legs.push_back(CallLeg{0, e.call.remote_party, e.call.started_at, {}, {}, "call", {}});
  auto id = m_history->add(j);
  if (id) {
    e.journal = *id;
  } else {
    m_signal_journal_failed.emit(id.error());
  }
}

Result<std::unique_ptr<MediaSession>> CallController::make_media(Entry& e,
                                                                 const AccountEntry& account) {
  auto session = m_media.create_session(e.call.id, account.local_address);
  if (!session) return session.error();
  const CallId id = e.call.id;
  (*session)->signal_dtmf_received().connect(
      [this, id](char digit) { m_signal_dtmf_received.emit(id, digit, DtmfSource::Rfc4733); });
  (*session)->signal_failed().connect([this, id](const Error& error) {
    if (Entry* x = entry(id)) {
      x->call.media_error = error.detail;
      emit(*x);
    }
  });
  return session;
}

Result<CallId> CallController::dial(const std::string& target) {
  if (m_accounts.empty()) return make_error(ErrorCode::InvalidState, "no SIP account configured");
  if (!m_calls_enabled)
    return make_error(ErrorCode::InvalidState,
                      "making and receiving calls is switched off (setting calls_enabled=false)");
  auto uri = dial_target_to_uri(target, m_accounts.front().domain);
  if (!uri) return uri.error();
  return start_outgoing(0, *uri);
}

Result<CallId> CallController::start_outgoing(std::size_t account_index, const std::string& uri,
                                              const CallId& referring) {
  const AccountEntry& account = m_accounts.at(account_index);
  auto e = std::make_unique<Entry>();
  e->account = account_index;
  Call& c = e->call;
  c.id = next_call_id();
  c.account = account.name;
  c.direction = CallDirection::Outgoing;
  c.local_party = account.sip->aor();
  c.remote_party = uri;
  c.state = CallState::Dialing;
  c.started_at = m_now();
  auto media = make_media(*e, account);
  if (!media) return media.error();
  e->media = std::move(*media);
  auto sent = referring.empty() ? account.sip->invite(c.id, uri, offer_for(*e))
                                : account.sip->invite_referred(c.id, referring, uri, offer_for(*e));
  if (!sent) {
    e->media->stop();
    return sent.error();
  }
  const CallId id = c.id;
  record_start(*e);
  Entry& stored = *(m_calls[id] = std::move(e));
  emit(stored);
  return id;
}

Result<void> CallController::answer(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.direction != CallDirection::Incoming || e->call.state != CallState::Ringing)
    return make_error(ErrorCode::InvalidState,
                      "call " + id + " is " + call_state_name(e->call.state) + ", not ringing");
  // Call waiting: the conversation in progress goes on hold before the new one starts.
  for (auto& [other_id, other] : m_calls) {
    if (other_id != id && other->call.state == CallState::Active) {
      if (auto r = hold(other_id); !r) return r;
    }
  }
  if (auto r = sip_of(*e).answer(id, offer_for(*e)); !r) return r;
  e->call.state = CallState::Answering;
  e->call.waiting = false;
  emit(*e);
  return {};
}

Result<void> CallController::reject(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.direction != CallDirection::Incoming || e->call.state != CallState::Ringing)
    return make_error(ErrorCode::InvalidState, "call " + id + " is not ringing here");
  e->local_end = ended_locally(486, "rejected", "rejected by user");
  e->call.state = CallState::Ending;
  emit(*e);
  return sip_of(*e).reject(id, 486);
}

Result<void> CallController::hang_up(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  const auto st = e->call.state;
  // The employee hanging up an answered consultation completes the transfer (XFER-1).
  if (e->call.transfer && e->call.transfer->kind == TransferKind::Consultation &&
      st == CallState::Active) {
    if (const Entry* client = entry(e->call.transfer->linked);
        client && client->call.transfer &&
        client->call.transfer->state == TransferState::Consulting)
      return transfer_complete(id);
  }
  if (e->call.direction == CallDirection::Incoming && st == CallState::Ringing) return reject(id);
  if (st == CallState::Ending || st == CallState::Ended)
    return make_error(ErrorCode::InvalidState, "call " + id + " is already ending");
  const bool answered =
      st == CallState::Active || st == CallState::Held || (st == CallState::Answering);
  e->local_end = answered ? ended_locally(200, "hangup", "hung up by user")
                          : ended_locally(487, "cancelled", "cancelled by user");
  e->call.state = CallState::Ending;
  emit(*e);
  if (auto r = sip_of(*e).hang_up(id); !r) {
    finish(id, *e->local_end);
    return r;
  }
  return {};
}

void CallController::end_all(const std::string& detail) {
  std::vector<CallId> ids;
  for (const auto& [id, e] : m_calls) ids.push_back(id);
  for (const auto& id : ids) {
    Entry* e = entry(id);
    if (!e) continue;
    const auto st = e->call.state;
    if (e->call.direction == CallDirection::Incoming && st == CallState::Ringing) {
      sip_of(*e).reject(id, 486);
      finish(id, ended_locally(486, "rejected", detail));
    } else {
      sip_of(*e).hang_up(id);
      const bool answered = e->call.answered_at.has_value();
      finish(id, answered ? ended_locally(200, "hangup", detail)
                          : ended_locally(487, "cancelled", detail));
    }
  }
}

Result<void> CallController::hold(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.state != CallState::Active)
    return make_error(ErrorCode::InvalidState,
                      "call " + id + " is " + call_state_name(e->call.state) + ", not active");
  if (auto r = sip_of(*e).set_hold(id, true); !r) return r;
  e->call.state = CallState::Held;
  emit(*e);
  return {};
}

Result<void> CallController::resume(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.state != CallState::Held)
    return make_error(ErrorCode::InvalidState, "call " + id + " is not on hold");
  if (auto r = sip_of(*e).set_hold(id, false); !r) return r;
  e->call.state = CallState::Active;
  emit(*e);
  return {};
}

Result<void> CallController::set_muted(const CallId& id, bool muted) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->media) e->media->set_muted(muted);
  e->call.muted = muted;
  emit(*e);
  return {};
}

Result<void> CallController::send_dtmf(const CallId& id, const std::string& digits) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.state != CallState::Active)
    return make_error(ErrorCode::InvalidState,
                      "DTMF needs an active call; " + id + " is " + call_state_name(e->call.state));
  if (digits.empty()) return make_error(ErrorCode::InvalidArgument, "no DTMF digits given");
  for (char c : digits) {
    if (!is_dtmf_digit(c))
      return make_error(ErrorCode::InvalidArgument,
                        std::string("not a DTMF digit: '") + c + "' (use 0-9 * # A-D)");
  }
  const bool idle = e->dtmf_queue.empty() && !e->dtmf_timer.is_set();
  e->dtmf_queue += digits;
  if (idle) send_next_dtmf(id);
  return {};
}

void CallController::send_next_dtmf(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return;
  e->dtmf_timer.reset();
  if (e->dtmf_queue.empty()) return;
  const char digit = e->dtmf_queue.front();
  e->dtmf_queue.erase(0, 1);
  // RFC 4733 when both ends agreed on telephone-event, else SIP INFO (CALL-4).
  if (!e->rfc4733 || !e->media || !e->media->send_dtmf(digit)) sip_of(*e).send_info_dtmf(id, digit);
  if (!e->dtmf_queue.empty())
    e->dtmf_timer = m_scheduler.after(kDtmfGap, [this, id] { send_next_dtmf(id); });
}

}  // namespace telpanel::core
