// SPDX-License-Identifier: GPL-3.0-or-later
// CallController's reactions to what the SIP backends and media sessions report: new calls,
// progress, negotiated media, received DTMF, endings. Commands are in call_controller.cpp.
#include "core/call_controller.hpp"
#include "core/call_end.hpp"

namespace telpanel::core {

namespace {

std::string codec_list(const std::vector<Codec>& codecs) {
  std::string out;
  for (const auto& c : codecs)
    out += (out.empty() ? "" : ", ") + c.name + "/" + std::to_string(c.clock_rate);
  return out.empty() ? "none" : out;
}

}  // namespace

void CallController::on_incoming(const AccountEntry& account, const IncomingCallInfo& info) {
  if (!m_calls_enabled) {
    // ACT-1: not offered, not journaled; the caller hears "temporarily unavailable".
    account.sip->reject(info.id, 480);
    return;
  }
  auto owned = std::make_unique<Entry>();
  Entry& e = *owned;
  e.account = static_cast<std::size_t>(&account - m_accounts.data());
  Call& c = e.call;
  c.id = info.id;
  c.account = account.name;
  c.direction = CallDirection::Incoming;
  c.local_party = account.sip->aor();
  c.remote_party = info.remote_party;
  c.remote_display = info.remote_display;
  c.state = CallState::Ringing;
  c.started_at = m_now();
  c.waiting = !m_calls.empty();  // ended calls leave m_calls at once, so any entry is live
  m_calls[c.id] = std::move(owned);
  record_start(e);

  const auto ours = account.codecs.empty() ? m_media.supported_codecs() : account.codecs;
  if (info.has_offer && !choose_codec(ours, info.offered_codecs)) {
    e.local_end =
        ended_locally(488, "no_common_codec",
                      "no common codec: caller offered " + codec_list(info.offered_codecs) +
                          "; we support " + codec_list(ours));
    if (!account.sip->reject(c.id, 488)) finish(c.id, *e.local_end);
    return;
  }
  auto media = make_media(e, account);
  if (!media) {
    e.local_end = CallEnd{EndedBy::System, 500, "failed", "audio: " + media.error().detail};
    if (!account.sip->reject(c.id, 500)) finish(c.id, *e.local_end);
    return;
  }
  e.media = std::move(*media);
  if (Entry* old = info.replaces.empty() ? nullptr : entry(info.replaces)) {
    // Someone transferred a call of ours here (INVITE with Replaces): take it over at once,
    // without ringing; the old call ends once this one is up.
    start_replacing(e, *old, info.referred_by);
    if (auto r = account.sip->answer(c.id, offer_for(e)); r) c.state = CallState::Answering;
    emit(e);
    return;
  }
  account.sip->ring(c.id);
  emit(e);
}

void CallController::on_progress(const CallId& id, const CallProgress& progress) {
  Entry* e = entry(id);
  if (!e) return;
  switch (progress.kind) {
    case CallProgress::Kind::Ringing:
      if (e->call.state == CallState::Dialing) {
        e->call.state = CallState::Ringing;
        emit(*e);
      }
      break;
    case CallProgress::Kind::Answered:
      if (e->call.answered_at) break;
      e->call.answered_at = m_now();
      if (e->call.state != CallState::Held) e->call.state = CallState::Active;
      if (m_history && e->journal)
        journal(m_history->mark_answered(e->journal, *e->call.answered_at));
      emit(*e);
      if (e->call.transfer) on_transfer_answered(*e);
      break;
    case CallProgress::Kind::Ended:
      finish(id, e->local_end ? *e->local_end : progress.end);
      break;
  }
}

void CallController::on_media_changed(const CallId& id, const MediaPlan& plan) {
  Entry* e = entry(id);
  if (!e || !e->media) return;
  if (plan.codec.name.empty()) {
    e->local_end =
        CallEnd{EndedBy::System, 488, "no_common_codec", "the answer contains no codec we support"};
    sip_of(*e).hang_up(id);
    return;
  }
  e->rfc4733 = plan.telephone_event_pt.has_value();
  if (auto r = e->media->apply(plan); !r) {
    e->call.media_error = r.error().detail;
  }
  e->call.codec = plan.codec.name;
  // Held by the far end: it sends nothing to us (we may only receive nothing or send).
  const bool we_hold = e->call.state == CallState::Held;
  e->call.remote_held = plan.direction == MediaDirection::RecvOnly ||
                        (plan.direction == MediaDirection::Inactive && !we_hold);
  emit(*e);
}

void CallController::on_info_dtmf(const CallId& id, char digit) {
  if (entry(id)) m_signal_dtmf_received.emit(id, digit, DtmfSource::Info);
}

void CallController::finish(const CallId& id, CallEnd end) {
  auto it = m_calls.find(id);
  if (it == m_calls.end()) return;
  std::unique_ptr<Entry> e = std::move(it->second);
  m_calls.erase(it);
  if (e->media) e->media->stop();
  e->call.state = CallState::Ended;
  e->call.ended_at = m_now();
  e->call.end = end;
  if (m_history && e->journal) journal(m_history->mark_ended(e->journal, *e->call.ended_at, end));
  emit(*e);
  if (e->call.transfer) on_transfer_ended(e->call);
}

void CallController::touch_open_calls() {
  if (!m_history) return;
  const auto now = m_now();
  for (const auto& [id, e] : m_calls) {
    if (e->journal) journal(m_history->touch(e->journal, now));
  }
}

}  // namespace telpanel::core
