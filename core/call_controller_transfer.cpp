// SPDX-License-Identifier: GPL-3.0-or-later
// CallController's transfers (XFER-1..4): blind REFER, 302 deflect, consultative transfer with
// Replaces (and its plain-REFER fallback), and being transferred (incoming REFER, INVITE with
// Replaces). Every transfer adds a leg to the journal entry of the conversation it moves.
#include "core/call_controller.hpp"
#include "core/call_end.hpp"
#include "core/dial_target.hpp"

namespace telpanel::core {

namespace {

bool in_progress(const std::optional<TransferInfo>& t) {
  return t && (t->state == TransferState::Consulting || t->state == TransferState::Trying);
}

std::string status_text(int status, const std::string& phrase) {
  return std::to_string(status) + (phrase.empty() ? "" : " " + phrase);
}

}  // namespace

void CallController::record_leg(Entry& e, const std::string& party, const std::string& kind,
                                const std::string& by) {
  if (!m_history || !e.journal) return;
  CallLeg leg;
  leg.party = party;
  leg.started_at = m_now();
  leg.kind = kind;
  leg.transferred_by = by;
  auto index = m_history->add_leg(e.journal, leg);
  if (index) {
    e.transfer_leg = *index;
  } else {
    m_signal_journal_failed.emit(index.error());
  }
}

void CallController::mark_leg_answered(Entry& e) {
  if (!m_history || !e.journal || e.transfer_leg < 0) return;
  journal(m_history->mark_leg_answered(e.journal, e.transfer_leg, m_now()));
}

void CallController::end_transferred(const CallId& id, const std::string& detail) {
  Entry* e = entry(id);
  if (!e || e->call.state == CallState::Ending || e->call.state == CallState::Ended) return;
  e->local_end = ended_locally(200, "transferred", detail);
  e->call.state = CallState::Ending;
  emit(*e);
  if (!sip_of(*e).hang_up(id)) finish(id, *e->local_end);
}

Result<void> CallController::transfer(const CallId& id, const std::string& target) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (in_progress(e->call.transfer))
    return make_error(ErrorCode::InvalidState, "a transfer of call " + id + " is already " +
                                                   transfer_state_name(e->call.transfer->state));
  auto uri = dial_target_to_uri(target, account_of(*e).domain);
  if (!uri) return uri.error();
  const std::string me = e->call.local_party;
  const auto st = e->call.state;
  TransferInfo t;
  t.target = *uri;
  t.by = me;
  if (e->call.direction == CallDirection::Incoming && st == CallState::Ringing) {
    // Deflect (XFER-3): the caller is sent on without us ever answering.
    if (auto r = sip_of(*e).redirect(id, *uri); !r) return r;
    t.kind = TransferKind::Deflect;
    t.state = TransferState::Succeeded;
    t.sip_status = 302;
    t.detail = "redirected with 302 Moved Temporarily";
    e->call.transfer = t;
    record_leg(*e, *uri, "deflect", me);
    e->local_end = ended_locally(302, "deflected", "redirected to " + *uri);
    e->call.state = CallState::Ending;
    emit(*e);
    return {};
  }
  if (st != CallState::Active && st != CallState::Held)
    return make_error(ErrorCode::InvalidState,
                      "call " + id + " is " + call_state_name(st) +
                          "; only a ringing incoming call or an answered call can be transferred");
  if (auto r = sip_of(*e).refer(id, *uri, {}); !r) return r;
  t.kind = TransferKind::Blind;
  t.state = TransferState::Trying;
  t.detail = "REFER sent";
  e->call.transfer = t;
  record_leg(*e, *uri, "blind", me);
  emit(*e);
  return {};
}

Result<CallId> CallController::consult(const CallId& id, const std::string& target) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (in_progress(e->call.transfer))
    return make_error(ErrorCode::InvalidState, "a transfer of call " + id + " is already " +
                                                   transfer_state_name(e->call.transfer->state));
  if (e->call.state != CallState::Active && e->call.state != CallState::Held)
    return make_error(ErrorCode::InvalidState, "call " + id + " is " +
                                                   call_state_name(e->call.state) +
                                                   "; a consultation needs an answered call");
  auto uri = dial_target_to_uri(target, account_of(*e).domain);
  if (!uri) return uri.error();
  if (e->call.state == CallState::Active) {
    if (auto r = hold(id); !r) return r.error();
  }
  auto consultation = start_outgoing(e->account, *uri);
  if (!consultation) return consultation.error();
  TransferInfo t;
  t.kind = TransferKind::Attended;
  t.state = TransferState::Consulting;
  t.target = *uri;
  t.by = e->call.local_party;
  t.linked = *consultation;
  t.detail = "consulting " + *uri;
  e->call.transfer = t;
  Entry* k = entry(*consultation);
  t.kind = TransferKind::Consultation;
  t.linked = id;
  k->call.transfer = t;
  emit(*k);
  emit(*e);
  return *consultation;
}

Result<CallController::Entry*> CallController::consulting_client(const CallId& id) {
  Entry* e = entry(id);
  if (!e) return make_error(ErrorCode::NotFound, "no call " + id);
  if (e->call.transfer && e->call.transfer->kind == TransferKind::Consultation)
    e = entry(e->call.transfer->linked);
  if (!e || !e->call.transfer || e->call.transfer->kind != TransferKind::Attended ||
      e->call.transfer->state != TransferState::Consulting)
    return make_error(ErrorCode::InvalidState, "call " + id + " has no consultation in progress");
  return e;
}

Result<void> CallController::transfer_complete(const CallId& id) {
  auto client = consulting_client(id);
  if (!client) return client.error();
  Entry& c = **client;
  TransferInfo& t = *c.call.transfer;
  Entry* k = entry(t.linked);
  if (!k) return make_error(ErrorCode::InvalidState, "the consultation call has ended");
  if (k->call.state != CallState::Active)
    return make_error(ErrorCode::InvalidState,
                      "the colleague has not answered the consultation call (it is " +
                          std::string(call_state_name(k->call.state)) +
                          "); wait, or give up with transfer-cancel");
  record_leg(c, t.target, "attended", t.by);
  if (!sip_of(c).peer_supports_replaces(c.call.id))
    return refer_plain_after_consultation(
        c, "the client's phone does not support Replaces (no 'replaces' in its Supported header)");
  if (auto r = sip_of(c).refer(c.call.id, t.target, k->call.id); !r) return r;
  t.state = TransferState::Trying;
  t.replaces = true;
  t.detail = "REFER with Replaces sent";
  k->call.transfer->state = TransferState::Trying;
  k->call.transfer->detail = "REFER with Replaces sent to the client";
  emit(*k);
  emit(c);
  return {};
}

Result<void> CallController::refer_plain_after_consultation(Entry& client, const std::string& why) {
  TransferInfo& t = *client.call.transfer;
  t.fallback = true;
  t.replaces = false;
  t.state = TransferState::Trying;
  t.detail = why + "; connecting with a plain REFER after the consultation";
  if (Entry* k = entry(t.linked);
      k && k->call.state != CallState::Ending && k->call.state != CallState::Ended) {
    k->call.transfer->state = TransferState::Succeeded;
    k->call.transfer->detail = "ended so that the client can be transferred with a plain REFER";
    k->local_end = ended_locally(200, "transferred", "consultation ended to transfer the client");
    k->call.state = CallState::Ending;
    emit(*k);
    if (!sip_of(*k).hang_up(k->call.id)) finish(k->call.id, *k->local_end);
  }
  if (auto r = sip_of(client).refer(client.call.id, t.target, {}); !r) {
    t.state = TransferState::Failed;
    t.detail = why + "; the plain REFER failed too: " + r.error().detail;
    emit(client);
    return r;
  }
  emit(client);
  return {};
}

Result<void> CallController::transfer_cancel(const CallId& id) {
  auto client = consulting_client(id);
  if (!client) return client.error();
  Entry& c = **client;
  TransferInfo& t = *c.call.transfer;
  t.state = TransferState::Cancelled;
  t.detail = "cancelled; back to the client";
  if (Entry* k = entry(t.linked)) {
    k->call.transfer->state = TransferState::Cancelled;
    k->call.transfer->detail = "cancelled; back to the client";
    if (k->call.state != CallState::Ending && k->call.state != CallState::Ended)
      hang_up(k->call.id);
  }
  if (c.call.state == CallState::Held) {
    if (auto r = resume(c.call.id); !r) return r;
  } else {
    emit(c);
  }
  return {};
}

void CallController::on_transfer_progress(const CallId& id, const TransferProgress& p) {
  Entry* e = entry(id);
  if (!e || !e->call.transfer || e->call.transfer->state != TransferState::Trying) return;
  TransferInfo& t = *e->call.transfer;
  if (t.kind != TransferKind::Blind && t.kind != TransferKind::Attended) return;
  t.sip_status = p.sip_status;
  t.detail = status_text(p.sip_status, p.phrase);
  if (p.sip_status < 200 && !p.final) {
    emit(*e);
    return;
  }
  if (p.sip_status >= 200 && p.sip_status < 300) {
    t.state = TransferState::Succeeded;
    mark_leg_answered(*e);
    emit(*e);
    // With Replaces the colleague ends the consultation itself; make sure it is gone anyway.
    if (t.kind == TransferKind::Attended) {
      if (Entry* k = entry(t.linked)) {
        k->call.transfer->state = TransferState::Succeeded;
        k->call.transfer->detail = "the client was connected to " + t.target;
        end_transferred(k->call.id, "the client was connected to " + t.target);
      }
    }
    end_transferred(id, "transferred to " + t.target);
    return;
  }
  const std::string what = status_text(p.sip_status, p.phrase);
  if (t.kind == TransferKind::Attended && t.replaces && !t.fallback && entry(t.linked)) {
    refer_plain_after_consultation(*e, "the transfer with Replaces failed (" + what + ")");
    return;
  }
  t.state = TransferState::Failed;
  t.detail = (p.refer_refused ? "the other side refused the transfer: "
                              : "the transfer target was not reached: ") +
             what;
  emit(*e);
}

void CallController::on_refer_received(const CallId& id, const ReferRequest& request) {
  Entry* e = entry(id);
  if (!e) return;
  TransferInfo t;
  t.kind = TransferKind::Referred;
  t.state = TransferState::Trying;
  t.target = request.target;
  t.by = request.referred_by.empty() ? e->call.remote_party : request.referred_by;
  t.replaces = request.replaces;
  t.detail = "the other side transfers this call to " + request.target;
  record_leg(*e, request.target, "referred", t.by);
  auto placed = start_outgoing(e->account, request.target, id);
  if (!placed) {
    t.state = TransferState::Failed;
    t.detail = "could not call " + request.target + ": " + placed.error().detail;
    e->call.transfer = t;
    emit(*e);
    return;
  }
  t.linked = *placed;
  // Sofia cannot pause the referred call (NUTAG_REFER_PAUSE is unimplemented): hold it here so
  // the transferor stops hearing us while the new call sets up (RFC 5589 §6); resumed if the
  // transfer fails.
  if (e->call.state == CallState::Active && hold(id)) e->held_for_refer = true;
  e->call.transfer = t;
  Entry* k = entry(*placed);
  k->linked_journal = e->journal;
  k->linked_leg = e->transfer_leg;
  t.kind = TransferKind::ReferredCall;
  t.linked = id;
  k->call.transfer = t;
  emit(*k);
  emit(*e);
}

void CallController::start_replacing(Entry& fresh, Entry& old, const std::string& referred_by) {
  TransferInfo t;
  t.kind = TransferKind::Replacing;
  t.state = TransferState::Trying;
  t.target = fresh.call.remote_party;
  t.by = referred_by.empty() ? old.call.remote_party : referred_by;
  t.linked = old.call.id;
  t.detail = "replaces call " + old.call.id;
  fresh.call.transfer = t;
  fresh.call.waiting = false;
  // The replaced conversation's journal shows who it moved to and who moved it.
  record_leg(old, fresh.call.remote_party, "replaced", t.by);
  fresh.linked_journal = old.journal;
  fresh.linked_leg = old.transfer_leg;
  t.kind = TransferKind::Referred;
  t.linked = fresh.call.id;
  t.detail = "being replaced by the call from " + fresh.call.remote_party;
  old.call.transfer = t;
  emit(old);
}

void CallController::on_transfer_answered(Entry& e) {
  TransferInfo& t = *e.call.transfer;
  if (t.kind != TransferKind::ReferredCall && t.kind != TransferKind::Replacing) return;
  t.state = TransferState::Succeeded;
  emit(e);
  Entry* old = entry(t.linked);
  if (m_history && e.linked_journal && e.linked_leg >= 0)
    journal(m_history->mark_leg_answered(e.linked_journal, e.linked_leg, m_now()));
  if (t.kind == TransferKind::Replacing) {
    if (!old) return;
    old->call.transfer->state = TransferState::Succeeded;
    end_transferred(old->call.id, "replaced by the call from " + e.call.remote_party);
    return;
  }
  if (!old) return;
  if (old->call.transfer) old->call.transfer->state = TransferState::Succeeded;
  end_transferred(old->call.id, "transferred by the other side to " + t.target);
}

void CallController::on_transfer_ended(const Call& call) {
  const TransferInfo& t = *call.transfer;
  Entry* other = entry(t.linked);
  if (!other || !other->call.transfer) return;
  TransferInfo& o = *other->call.transfer;
  const std::string why = call.end ? call.end->detail : "ended";
  if (t.kind == TransferKind::Consultation && o.state == TransferState::Consulting) {
    o.state = TransferState::Cancelled;
    o.detail = "the consultation call ended (" + why + "); the client is still on hold";
    emit(*other);
  } else if (t.kind == TransferKind::Attended && o.state == TransferState::Consulting) {
    o.state = TransferState::Cancelled;
    o.detail = "the client hung up during the consultation";
    emit(*other);
  } else if (t.kind == TransferKind::ReferredCall && !call.answered_at &&
             o.state == TransferState::Trying) {
    o.state = TransferState::Failed;
    o.detail = "the transfer to " + t.target + " failed: " + why;
    if (other->held_for_refer && other->call.state == CallState::Held) {
      other->held_for_refer = false;
      if (resume(other->call.id)) return;  // resume() reported the call
    }
    emit(*other);
  }
}

}  // namespace telpanel::core
