// SPDX-License-Identifier: GPL-3.0-or-later
// Transfers on Sofia (XFER-1..4): REFER with or without Replaces and its NOTIFY sipfrag
// progress, 302 deflect, incoming REFER (the referred call reports back through Sofia's own
// NOTIFYs) and incoming INVITE with Replaces. Sofia builds no Replaces for Refer-To and acts on
// no incoming Replaces, so both are done here. Main thread.
#include <glib.h>
#include <sofia-sip/sip_util.h>

#include <cstring>

#include "sip/sdp_codec.hpp"
#include "sip/sofia_backend_impl.hpp"
#include "sip/transfer_text.hpp"

namespace telpanel::sip {

namespace {

std::string url_text(su_home_t* home, const url_t* url) {
  if (!url) return {};
  char* s = url_as_string(home, url);
  std::string out = s ? s : "";
  su_free(home, s);
  return out;
}

std::string payload_text(const sip_t* message) {
  if (!message || !message->sip_payload || !message->sip_payload->pl_data) return {};
  return std::string(message->sip_payload->pl_data, message->sip_payload->pl_len);
}

}  // namespace

core::Result<void> SofiaSipBackend::refer(const core::CallId& id, const std::string& target,
                                          const core::CallId& replaces) {
  Impl& d = *m_impl;
  SipDialog* dialog = d.find(id);
  if (!dialog) return Impl::no_dialog(id);
  if (!dialog->established)
    return core::make_error(core::ErrorCode::InvalidState, "call " + id + " is not established");
  std::string refer_to = "<" + target + ">";
  if (!replaces.empty()) {
    SipDialog* consultation = d.find(replaces);
    if (!consultation || !consultation->established)
      return core::make_error(core::ErrorCode::InvalidState,
                              "the consultation call " + replaces + " is not established");
    // Only the dialog identifiers come from Sofia; the header and its escaping are ours.
    sip_replaces_t* rp = nua_handle_make_replaces(consultation->nh, d.home, 0);
    if (!rp || !rp->rp_call_id || !rp->rp_to_tag || !rp->rp_from_tag)
      return core::make_error(core::ErrorCode::InvalidState,
                              "the consultation call " + replaces + " has no complete dialog");
    refer_to = refer_to_with_replaces(target, rp->rp_call_id, rp->rp_to_tag, rp->rp_from_tag);
    su_free(d.home, rp);
  }
  dialog->transfer.refer_done = false;
  dialog->transfer.refer_to = refer_to;
  dialog->transfer.refer_retries = 0;
  dialog->transfer.refer_retry.reset();
  d.send_refer(*dialog);
  return {};
}

void SofiaSipBackend::Impl::send_refer(SipDialog& dialog) {
  g_message("call %s: REFER Refer-To: %s", dialog.id.c_str(), dialog.transfer.refer_to.c_str());
  nua_refer(dialog.nh, SIPTAG_REFER_TO_STR(dialog.transfer.refer_to.c_str()),
            SIPTAG_REFERRED_BY_STR(settings.uri.c_str()), TAG_END());
}

core::Result<void> SofiaSipBackend::redirect(const core::CallId& id, const std::string& target) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  if (!dialog->incoming || dialog->established)
    return core::make_error(core::ErrorCode::InvalidState,
                            "call " + id + " is not a ringing incoming call");
  const std::string contact = "<" + target + ">";
  dialog->rejected_with = 302;
  nua_respond(dialog->nh, SIP_302_MOVED_TEMPORARILY, SIPTAG_CONTACT_STR(contact.c_str()),
              TAG_END());
  return {};
}

bool SofiaSipBackend::peer_supports_replaces(const core::CallId& id) const {
  SipDialog* dialog = m_impl->find(id);
  return dialog && dialog->transfer.peer_replaces;
}

core::Result<void> SofiaSipBackend::invite_referred(const core::CallId& id,
                                                    const core::CallId& referring,
                                                    const std::string& target,
                                                    const core::MediaOffer& offer) {
  Impl& d = *m_impl;
  SipDialog* old = d.find(referring);
  if (!old) return Impl::no_dialog(referring);
  auto dialog = std::make_unique<SipDialog>();
  dialog->id = id;
  dialog->nh = nua_handle(d.nua, dialog.get(), SIPTAG_TO_STR(target.c_str()), TAG_END());
  if (!dialog->nh)
    return core::make_error(core::ErrorCode::InvalidArgument, "not a valid SIP address: " + target);
  const DialogTransferState& t = old->transfer;
  const std::string sdp = build_offer_sdp(offer);
  // The progress goes back to the referrer from notify_referrer(), not through Sofia's
  // NUTAG_NOTIFY_REFER: that reports the proxy's 407 challenge as a failed transfer (503).
  // Sofia itself sent the first NOTIFY (100 Trying) when it accepted the REFER.
  if (t.refer_event) dialog->transfer.notify_referrer = referring;
  nua_invite(dialog->nh, SOATAG_USER_SDP_STR(sdp.c_str()), SOATAG_AUDIO_AUX("telephone-event"),
             SOATAG_RTP_SORT(SOA_RTP_SORT_LOCAL), SOATAG_RTP_SELECT(SOA_RTP_SELECT_ALL),
             TAG_IF(t.referred_by, SIPTAG_REFERRED_BY(t.referred_by)),
             TAG_IF(t.refer_replaces, SIPTAG_REPLACES(t.refer_replaces)), TAG_END());
  d.dialogs[id] = std::move(dialog);
  return {};
}

void SofiaSipBackend::Impl::note_peer_features(SipDialog& dialog, const sip_t* message) {
  if (!message) return;
  if (sip_has_feature(message->sip_supported, "replaces") ||
      sip_has_feature(message->sip_require, "replaces"))
    dialog.transfer.peer_replaces = true;
}

bool SofiaSipBackend::Impl::take_replaces(nua_handle_t* nh, const sip_t* message,
                                          core::IncomingCallInfo& info) {
  if (!message || !message->sip_replaces) return true;
  // The Replaces names the dialog as its far end sees it: to-tag is our tag.
  nua_handle_t* old = nua_handle_by_replaces(nua, message->sip_replaces);
  SipDialog* replaced = nullptr;
  if (old) {
    replaced = reinterpret_cast<SipDialog*>(nua_handle_magic(old));
    nua_handle_unref(old);
  }
  if (!replaced || !find(replaced->id)) {
    g_message("%s: INVITE with Replaces for an unknown call refused (481)", settings.uri.c_str());
    nua_respond(nh, SIP_481_NO_TRANSACTION, TAG_END());
    nua_handle_destroy(nh);
    return false;
  }
  info.replaces = replaced->id;
  if (message->sip_referred_by) info.referred_by = url_text(home, message->sip_referred_by->b_url);
  return true;
}

void SofiaSipBackend::Impl::on_refer_response(SipDialog& dialog, int status, const char* phrase) {
  // 100 and 202 only say the REFER was taken; the outcome comes in NOTIFYs.
  if (status < 300 || dialog.transfer.refer_done) return;
  // 491: an INVITE transaction is still open on the dialog (the client's phone answers the hold
  // we sent for the consultation, or re-INVITEs itself). RFC 3261 14.1 says to try again after a
  // random 0-2 s (2.1-4 s for the Call-ID's owner), so the transfer keeps its Replaces.
  constexpr int kMaxReferRetries = 3;
  if (status == 491 && dialog.transfer.refer_retries < kMaxReferRetries) {
    ++dialog.transfer.refer_retries;
    const int ms = dialog.incoming ? g_random_int_range(10, 2001) : g_random_int_range(2100, 4001);
    g_message("call %s: REFER answered 491 Request Pending; sending it again in %d ms",
              dialog.id.c_str(), ms);
    dialog.transfer.refer_retry =
        scheduler.after(std::chrono::milliseconds(ms), [this, id = dialog.id] {
          SipDialog* again = find(id);
          if (again && !again->transfer.refer_done) send_refer(*again);
        });
    return;
  }
  dialog.transfer.refer_done = true;
  g_message("call %s: REFER refused: %d %s", dialog.id.c_str(), status, phrase ? phrase : "");
  owner.m_signal_transfer_progress.emit(dialog.id,
                                        core::TransferProgress{status, phrase, true, true});
}

void SofiaSipBackend::Impl::notify_referrer(SipDialog& dialog, int status, const char* phrase) {
  if (dialog.transfer.notify_referrer.empty() || status < 180) return;
  // A challenge we answer is not the outcome (on_invite_response returned before us then).
  SipDialog* referrer = find(dialog.transfer.notify_referrer);
  if (!referrer || !referrer->transfer.refer_event) {
    dialog.transfer.notify_referrer.clear();
    return;
  }
  const bool final = status >= 200;
  const std::string frag = "SIP/2.0 " + std::to_string(status) + " " + phrase + "\r\n";
  nua_notify(referrer->nh, SIPTAG_EVENT(referrer->transfer.refer_event),
             SIPTAG_SUBSCRIPTION_STATE_STR(final ? "terminated;reason=noresource" : "active"),
             SIPTAG_CONTENT_TYPE_STR("message/sipfrag"), SIPTAG_PAYLOAD_STR(frag.c_str()),
             TAG_END());
  if (final) {
    dialog.transfer.notify_referrer.clear();
    // The REFER is answered for good: its copies in the backend's home are not needed again.
    DialogTransferState& t = referrer->transfer;
    su_free(home, t.refer_event);
    su_free(home, t.referred_by);
    su_free(home, t.refer_replaces);
    t.refer_event = nullptr;
    t.referred_by = nullptr;
    t.refer_replaces = nullptr;
  }
}

bool SofiaSipBackend::Impl::on_refer_notify(SipDialog& dialog, const sip_t* message) {
  if (!message || !message->sip_event || !message->sip_event->o_type ||
      std::strcmp(message->sip_event->o_type, "refer") != 0)
    return false;
  const bool terminated =
      message->sip_subscription_state && message->sip_subscription_state->ss_substate &&
      std::strcmp(message->sip_subscription_state->ss_substate, "terminated") == 0;
  auto frag = parse_sipfrag(payload_text(message));
  if (dialog.transfer.refer_done) return true;
  if (!frag) {
    if (!terminated) return true;
    frag = SipFrag{500, "the transfer ended without a result"};
  }
  const bool final = terminated || frag->status >= 200;
  if (final) {
    dialog.transfer.refer_done = true;
    g_message("call %s: transfer outcome: %d %s", dialog.id.c_str(), frag->status,
              frag->phrase.c_str());
  }
  owner.m_signal_transfer_progress.emit(
      dialog.id, core::TransferProgress{frag->status, frag->phrase, final, false});
  return true;
}

void SofiaSipBackend::Impl::on_incoming_refer(SipDialog& dialog, const sip_t* message,
                                              tagi_t tags[]) {
  if (!message || !message->sip_refer_to) return;
  const sip_event_t* event = nullptr;
  tl_gets(tags, NUTAG_REFER_EVENT_REF(event), TAG_END());
  DialogTransferState& t = dialog.transfer;
  su_free(home, t.refer_event);  // an earlier REFER on this call is superseded
  su_free(home, t.referred_by);
  su_free(home, t.refer_replaces);
  t.refer_event = event ? sip_event_dup(home, event) : nullptr;
  t.referred_by =
      message->sip_referred_by ? sip_referred_by_dup(home, message->sip_referred_by) : nullptr;
  url_t* target = url_hdup(home, message->sip_refer_to->r_url);
  t.refer_replaces = nullptr;
  if (target->url_headers) {
    if (auto value = uri_header(target->url_headers, "Replaces"))
      t.refer_replaces = sip_replaces_make(home, value->c_str());
    target->url_headers = nullptr;  // Refer-To headers belong in the INVITE, not its URI
  }
  core::ReferRequest request;
  request.target = url_text(home, target);
  request.referred_by = t.referred_by ? url_text(home, t.referred_by->b_url) : "";
  request.replaces = t.refer_replaces != nullptr;
  g_message("call %s: REFER to %s%s", dialog.id.c_str(), request.target.c_str(),
            request.replaces ? " with Replaces" : "");
  owner.m_signal_refer_received.emit(dialog.id, request);
}

}  // namespace telpanel::sip
