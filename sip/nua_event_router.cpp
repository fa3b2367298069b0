// SPDX-License-Identifier: GPL-3.0-or-later
// The one nua event switch: each Sofia event goes to one named handler, which turns it into
// core events. Raw sip_t never leaves this file. Main thread (Sofia's GSource).
#include <glib.h>
#include <sofia-sip/msg_header.h>

#include <cstring>
#include <exception>

#include "core/call_end.hpp"
#include "sip/sdp_codec.hpp"
#include "sip/sofia_backend_impl.hpp"

namespace telpanel::sip {

namespace {

std::string url_text(su_home_t* home, const url_t* url) {
  if (!url) return {};
  char* s = url_as_string(home, url);
  std::string out = s ? s : "";
  su_free(home, s);
  return out;
}

std::string unquote(const char* s) {
  if (!s) return {};
  std::string out = s;
  if (out.size() >= 2 && out.front() == '"' && out.back() == '"')
    out = out.substr(1, out.size() - 2);
  return out;
}

std::string payload_text(const sip_t* message) {
  if (!message || !message->sip_payload || !message->sip_payload->pl_data) return {};
  return std::string(message->sip_payload->pl_data, message->sip_payload->pl_len);
}

core::MediaDirection direction_from_soa(int active, core::MediaDirection fallback) {
  switch (active) {
    case SOA_ACTIVE_SENDRECV:
      return core::MediaDirection::SendRecv;
    case SOA_ACTIVE_SENDONLY:
      return core::MediaDirection::SendOnly;
    case SOA_ACTIVE_RECVONLY:
      return core::MediaDirection::RecvOnly;
    case SOA_ACTIVE_INACTIVE:
      return core::MediaDirection::Inactive;
    default:
      return fallback;
  }
}

}  // namespace

void nua_callback(nua_event_t event, int status, const char* phrase, nua_t*, nua_magic_t* magic,
                  nua_handle_t* nh, nua_hmagic_t* hmagic, const sip_t* message,
                  tagi_t tags[]) noexcept {
  try {
    auto* impl = reinterpret_cast<SofiaSipBackend::Impl*>(magic);
    impl->handle(event, status, phrase ? phrase : "", nh, reinterpret_cast<SipDialog*>(hmagic),
                 message, tags);
  } catch (const std::exception& e) {
    g_critical("SIP event %s: %s", nua_event_name(event), e.what());
  } catch (...) {
    g_critical("SIP event %s: unknown exception", nua_event_name(event));
  }
}

void SofiaSipBackend::Impl::handle(nua_event_t event, int status, const char* phrase,
                                   nua_handle_t* nh, SipDialog* dialog, const sip_t* message,
                                   tagi_t tags[]) {
  g_debug("%s: %s %03d %s", settings.uri.c_str(), nua_event_name(event), status, phrase);
  switch (event) {
    case nua_r_register:
      if (nh == reg) on_register(status, phrase, message);
      break;
    case nua_r_unregister:
      if (status >= 200) {
        if (reg) nua_handle_destroy(reg);
        reg = nullptr;
        set_status(core::RegistrationState::Unregistered,
                   status < 300 ? "" : std::to_string(status) + " " + phrase, status);
      }
      break;
    case nua_i_invite:
      // A known dialog means a re-INVITE, which Sofia has already answered.
      if (!dialog) on_incoming_invite(nh, message);
      break;
    case nua_r_invite:
      if (dialog) on_invite_response(*dialog, status, phrase, message);
      break;
    case nua_i_state:
      if (dialog) on_state(*dialog, status, tags);
      break;
    case nua_i_bye:
      if (dialog) dialog->remote_bye = true;
      break;
    case nua_i_cancel:
      if (dialog) dialog->remote_cancel = true;
      break;
    case nua_i_info:
      if (dialog) on_info(*dialog, message);
      break;
    case nua_r_refer:
      if (dialog) on_refer_response(*dialog, status, phrase);
      break;
    case nua_i_refer:
      if (dialog) {
        on_incoming_refer(*dialog, message, tags);
      } else {
        nua_handle_destroy(nh);
      }
      break;
    case nua_r_shutdown:
      if (status >= 200) {
        shut_down = true;
        finish_shutdown();
      }
      break;
    case nua_r_subscribe:
    case nua_r_unsubscribe:
    case nua_r_publish:
    case nua_r_unpublish:
    case nua_r_notify:
      // Presence subscriptions and publication (sip/sofia_presence.cpp).
      if (presence) presence->on_nua_event(event, status, phrase, nh, message, tags);
      break;
    case nua_i_subscribe:
    case nua_i_notify:
      // Event "refer": progress of a transfer we asked for (sip/transfer_refer.cpp).
      if (event == nua_i_notify && dialog && on_refer_notify(*dialog, message)) break;
      // Events "presence", "dialog", "reg" go to presence; an unclaimed request falls through.
      if (presence && presence->on_nua_event(event, status, phrase, nh, message, tags)) break;
      [[fallthrough]];
    case nua_i_message:
    case nua_i_options:
    case nua_i_publish:
      // Answered by the stack; out-of-dialog requests got a fresh handle nobody else owns.
      if (!dialog && nh != reg) nua_handle_destroy(nh);
      break;
    default:
      break;
  }
}

void SofiaSipBackend::Impl::set_status(core::RegistrationState state, std::string reason,
                                       int sip_status, core::RegistrationProblem problem) {
  if (status.state == state && status.reason == reason) return;
  status = core::RegistrationStatus{state, std::move(reason), sip_status, problem};
  owner.m_signal_registration_changed.emit(status);
}

void SofiaSipBackend::Impl::start_register() {
  if (!online) return;
  if (!reg) reg = nua_handle(nua, nullptr, SIPTAG_TO_STR(settings.uri.c_str()), TAG_END());
  reg_auth_attempts = 0;
  const std::string expires = std::to_string(settings.register_expires);
  nua_register(
      reg, NUTAG_REGISTRAR(proxy.c_str()), SIPTAG_EXPIRES_STR(expires.c_str()),
      TAG_IF(!settings.display_name.empty(), NUTAG_M_DISPLAY(settings.display_name.c_str())),
      TAG_END());
}

void SofiaSipBackend::Impl::schedule_retry() {
  if (reg) nua_handle_destroy(reg);
  reg = nullptr;
  if (!online) return;
  const auto delay = retry_policy.delay(++retry_attempt);
  g_message("%s: registering again in %lld ms", settings.uri.c_str(),
            static_cast<long long>(delay.count()));
  retry_timer = scheduler.after(delay, [this] { start_register(); });
}

bool SofiaSipBackend::Impl::authenticate(nua_handle_t* nh, const sip_t* message) {
  const msg_auth_t* challenge = nullptr;
  if (message && message->sip_www_authenticate) challenge = message->sip_www_authenticate;
  if (message && message->sip_proxy_authenticate) challenge = message->sip_proxy_authenticate;
  if (!challenge || !challenge->au_scheme) return false;
  // The realm keeps its quotes, which is exactly the "Digest:\"realm\":user:pass" form nua wants.
  const char* realm = msg_params_find(challenge->au_params, "realm=");
  const std::string auth_user = settings.auth_user.empty() ? user : settings.auth_user;
  const std::string credentials = std::string(challenge->au_scheme) + ":" +
                                  (realm ? realm : "\"\"") + ":" + auth_user + ":" +
                                  settings.password;
  nua_authenticate(nh, NUTAG_AUTH(credentials.c_str()), TAG_END());
  return true;
}

void SofiaSipBackend::Impl::on_register(int status, const char* phrase, const sip_t* message) {
  if (status < 200) return;
  if (status == 401 || status == 407) {
    if (++reg_auth_attempts <= 1 && authenticate(reg, message)) return;
    // Challenged again right after answering: the server did not accept our credentials.
    set_status(core::RegistrationState::Failed,
               std::to_string(status) + " wrong user name or password", status,
               core::RegistrationProblem::Credentials);
    if (reg) nua_handle_destroy(reg);
    reg = nullptr;
    return;
  }
  if (status < 300) {
    retry_attempt = 0;
    reg_auth_attempts = 0;
    set_status(core::RegistrationState::Registered, "", status);
    return;
  }
  if (status == 403 || status == 904) {
    set_status(core::RegistrationState::Failed,
               std::to_string(status == 904 ? 401 : 403) + " wrong user name or password", status,
               core::RegistrationProblem::Credentials);
    if (reg) nua_handle_destroy(reg);
    reg = nullptr;
    return;
  }
  // Timeouts, transport errors (503 from the stack) and server errors: keep trying.
  const bool network = status == 408 || status == 503 || status >= 900;
  set_status(core::RegistrationState::Failed,
             (network ? "unreachable: " : "") + std::to_string(status) + " " + phrase, status,
             network ? core::RegistrationProblem::Unreachable : core::RegistrationProblem::Refused);
  schedule_retry();
}

void SofiaSipBackend::Impl::on_incoming_invite(nua_handle_t* nh, const sip_t* message) {
  if (!message || !message->sip_from || !message->sip_from->a_url->url_host) {
    nua_respond(nh, SIP_400_BAD_REQUEST, TAG_END());
    nua_handle_destroy(nh);
    return;
  }
  core::IncomingCallInfo info;
  if (!take_replaces(nh, message, info)) return;
  info.id = core::next_call_id();
  info.remote_party = url_text(home, message->sip_from->a_url);
  info.remote_display = unquote(message->sip_from->a_display);
  if (message->sip_to) info.local_party = url_text(home, message->sip_to->a_url);
  const std::string body = payload_text(message);
  if (!body.empty()) {
    auto sdp = parse_sdp(body);
    if (!sdp) {
      g_warning("%s: INVITE from %s refused: %s", settings.uri.c_str(), info.remote_party.c_str(),
                sdp.error().detail.c_str());
      // Unreadable SDP is the sender's error (400); readable SDP without audio is an offer we
      // cannot take (488).
      if (sdp.error().detail.rfind("malformed", 0) == 0) {
        nua_respond(nh, 400, "Bad Session Description", TAG_END());
      } else {
        nua_respond(nh, SIP_488_NOT_ACCEPTABLE, TAG_END());
      }
      nua_handle_destroy(nh);
      return;
    }
    info.has_offer = true;
    info.offered_codecs = sdp->codecs;
  }
  auto dialog = std::make_unique<SipDialog>();
  dialog->id = info.id;
  dialog->nh = nh;
  dialog->incoming = true;
  note_peer_features(*dialog, message);
  nua_handle_bind(nh, dialog.get());
  dialogs[info.id] = std::move(dialog);
  owner.m_signal_incoming_call.emit(info);
}

void SofiaSipBackend::Impl::on_invite_response(SipDialog& dialog, int status, const char* phrase,
                                               const sip_t* message) {
  if (status == 401 || status == 407) {
    if (++dialog.auth_attempts <= 1 && authenticate(dialog.nh, message)) return;
  }
  notify_referrer(dialog, status, phrase);
  if (status >= 200 && status < 300) note_peer_features(dialog, message);
  if (status >= 300) {
    dialog.final_status = status;
    dialog.final_phrase = phrase;
  }
}

void SofiaSipBackend::Impl::on_state(SipDialog& dialog, int status, tagi_t tags[]) {
  int callstate = -1;
  const char* local_sdp = nullptr;
  const char* remote_sdp = nullptr;
  int active_audio = -100;
  int answer_sent = 0, answer_recv = 0;
  tl_gets(tags, NUTAG_CALLSTATE_REF(callstate), SOATAG_LOCAL_SDP_STR_REF(local_sdp),
          SOATAG_REMOTE_SDP_STR_REF(remote_sdp), SOATAG_ACTIVE_AUDIO_REF(active_audio),
          NUTAG_ANSWER_SENT_REF(answer_sent), NUTAG_ANSWER_RECV_REF(answer_recv), TAG_END());

  g_debug("call %s: %s answer sent=%d recv=%d local_sdp=%d remote_sdp=%d audio=%d",
          dialog.id.c_str(), nua_callstate_name(static_cast<nua_callstate>(callstate)), answer_sent,
          answer_recv, local_sdp != nullptr, remote_sdp != nullptr, active_audio);
  if (local_sdp) dialog.local_sdp = local_sdp;
  if (remote_sdp) dialog.remote_sdp = remote_sdp;
  // A plan only once an offer/answer exchange completed, so an incoming call that still rings
  // streams nothing.
  if ((answer_sent || answer_recv) && !dialog.local_sdp.empty() && !dialog.remote_sdp.empty()) {
    const std::string pair = dialog.local_sdp + '\n' + dialog.remote_sdp;
    auto local = parse_sdp(dialog.local_sdp);
    auto remote = parse_sdp(dialog.remote_sdp);
    if (!local || !remote) {
      g_warning("call %s: %s", dialog.id.c_str(),
                (!remote ? remote.error() : local.error()).detail.c_str());
    } else if (pair != dialog.last_sdp_pair) {
      dialog.last_sdp_pair = pair;
      core::MediaPlan plan =
          negotiate_plan(*local, *remote, answer_sent ? Answerer::Local : Answerer::Remote);
      plan.direction = direction_from_soa(active_audio, plan.direction);
      owner.m_signal_media_changed.emit(dialog.id, plan);
    }
  }

  switch (callstate) {
    case nua_callstate_proceeding:
      if (status == 180 || status == 183) {
        owner.m_signal_call_progress.emit(
            dialog.id, core::CallProgress{core::CallProgress::Kind::Ringing, {}});
      }
      break;
    case nua_callstate_ready:
      if (!dialog.established) {
        dialog.established = true;
        owner.m_signal_call_progress.emit(
            dialog.id, core::CallProgress{core::CallProgress::Kind::Answered, {}});
      }
      break;
    case nua_callstate_terminated:
      on_terminated(dialog);
      break;
    default:
      break;
  }
}

void SofiaSipBackend::Impl::on_terminated(SipDialog& dialog) {
  core::CallEnd end;
  if (dialog.remote_bye) {
    end = {core::EndedBy::Remote, 200, "hangup", "the other side hung up"};
  } else if (dialog.remote_cancel) {
    end = {core::EndedBy::Remote, 487, "cancelled", "the caller hung up before the answer"};
  } else if (dialog.rejected_with) {
    end = {core::EndedBy::Local, dialog.rejected_with, "rejected",
           std::to_string(dialog.rejected_with) + " " + sip_status_phrase(dialog.rejected_with)};
  } else if (!dialog.incoming && dialog.final_status >= 300) {
    end = core::end_from_response(dialog.final_status, dialog.final_phrase);
  } else if (dialog.established) {
    end = {core::EndedBy::Local, 200, "hangup", "hung up"};
  } else {
    end = {core::EndedBy::System, 0, "failed", "the call ended before it was answered"};
  }
  const core::CallId id = dialog.id;
  nua_handle_t* nh = dialog.nh;
  dialogs.erase(id);  // `dialog` is gone from here on
  nua_handle_bind(nh, nullptr);
  nua_handle_destroy(nh);
  owner.m_signal_call_progress.emit(id, core::CallProgress{core::CallProgress::Kind::Ended, end});
}

void SofiaSipBackend::Impl::on_info(SipDialog& dialog, const sip_t* message) {
  const std::string body = payload_text(message);
  const char* type = message && message->sip_content_type ? message->sip_content_type->c_type : "";
  char digit = 0;
  if (type && g_ascii_strcasecmp(type, "application/dtmf-relay") == 0) {
    // "Signal=5\r\nDuration=160": the value may have spaces around '='.
    const auto pos = body.find("Signal");
    if (pos != std::string::npos) {
      const auto eq = body.find('=', pos);
      if (eq != std::string::npos) {
        const auto v = body.find_first_not_of(" \t", eq + 1);
        if (v != std::string::npos) digit = body[v];
      }
    }
  } else if (type && g_ascii_strcasecmp(type, "application/dtmf") == 0 && !body.empty()) {
    digit = body.front();
  }
  if (digit) owner.m_signal_info_dtmf_received.emit(dialog.id, digit);
}

void SofiaSipBackend::Impl::finish_shutdown() {
  shutdown_timer.reset();
  if (auto done = std::move(shutdown_done)) {
    shutdown_done = nullptr;
    done();
  }
}

}  // namespace telpanel::sip
