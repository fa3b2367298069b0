// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sofia_presence.hpp"

#include <glib.h>
#include <sofia-sip/sip_tag.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "sip/dialog_info.hpp"
#include "sip/pidf.hpp"

namespace telpanel::sip {

namespace {

// At start-up 500 colleagues mean 1500 SUBSCRIBEs (each challenged once): send them in small
// batches so neither the server nor our socket buffer sees them all at once.
constexpr std::size_t kBatch = 10;
constexpr std::chrono::milliseconds kPace{20};

const char* event_name(int kind) {
  static const char* const names[] = {"presence", "dialog", "reg"};
  return names[kind];
}
const char* accept_type(int kind) {
  static const char* const types[] = {"application/pidf+xml", "application/dialog-info+xml",
                                      "application/reginfo+xml"};
  return types[kind];
}

std::string body_of(const sip_t* message) {
  if (!message || !message->sip_payload || !message->sip_payload->pl_data) return {};
  return std::string(message->sip_payload->pl_data, message->sip_payload->pl_len);
}

bool is_event(const sip_t* message, const char* name) {
  return message && message->sip_event && message->sip_event->o_type &&
         std::strcmp(message->sip_event->o_type, name) == 0;
}

int substate_of(tagi_t tags[]) {
  int substate = -1;
  tl_gets(tags, NUTAG_SUBSTATE_REF(substate), TAG_END());
  return substate;
}

}  // namespace

core::PresenceBackend& SofiaSipBackend::enable_presence(const SipPresenceSettings& settings) {
  auto presence = std::make_unique<SofiaPresence>(*m_impl, settings);
  auto& ref = *presence;
  m_impl->presence = std::move(presence);
  return ref;
}

SofiaPresence::SofiaPresence(SofiaSipBackend::Impl& account, SipPresenceSettings settings)
    : m_d(account), m_settings(settings) {
  // nua answers every SUBSCRIBE with 489 unless the event is allowed.
  if (m_settings.peer_to_peer)
    nua_set_params(m_d.nua, SIPTAG_ALLOW_EVENTS_STR("presence"), TAG_END());
  m_registration = m_d.owner.signal_registration_changed().connect(
      [this](const core::RegistrationStatus& st) { on_registration(st); });
}

SofiaPresence::~SofiaPresence() {
  // The handles belong to nua, which frees them in nua_destroy (or the OS at exit): destroying
  // them here could touch a stack that is already gone.
  m_registration.disconnect();
}

void SofiaPresence::publish(const core::PresenceDocument& document) {
  m_document = document;
  m_have_document = true;
  if (m_settings.peer_to_peer) {
    for (auto* nh : m_watchers) notify_watcher(nh);
    return;
  }
  m_pub_retry.reset();
  m_pub_failures = 0;
  send_publish();
}

void SofiaPresence::send_publish() {
  if (!m_have_document || m_d.shut_down) return;
  if (!m_pub)
    m_pub = nua_handle(m_d.nua, nullptr, SIPTAG_TO_STR(m_d.settings.uri.c_str()), TAG_END());
  m_pub_auth_attempts = 0;
  const std::string body = build_pidf(m_d.settings.uri, m_document);
  const std::string expires = std::to_string(m_settings.publish_expires);
  nua_publish(m_pub, SIPTAG_EVENT_STR("presence"), SIPTAG_CONTENT_TYPE_STR("application/pidf+xml"),
              SIPTAG_PAYLOAD_STR(body.c_str()), SIPTAG_EXPIRES_STR(expires.c_str()), TAG_END());
}

void SofiaPresence::republish_soon() {
  if (m_settings.peer_to_peer || !m_have_document || m_republishing) return;
  m_republishing = true;
  // Coalesced: one 481 per colleague subscription arrives within the same refresh round.
  m_republish_timer = m_d.scheduler.after(std::chrono::milliseconds(500), [this] {
    m_republishing = false;
    if (m_pub) nua_handle_destroy(m_pub);
    m_pub = nullptr;
    m_pub_retry.reset();
    send_publish();
  });
}

void SofiaPresence::on_publish_response(int status, const sip_t* message) {
  if (status < 200) return;
  if ((status == 401 || status == 407) && ++m_pub_auth_attempts <= 1 &&
      m_d.authenticate(m_pub, message))
    return;
  if (status < 300) {
    m_pub_failures = 0;
    return;
  }
  g_message("%s: PUBLISH failed: %d; trying again", m_d.settings.uri.c_str(), status);
  // 412: the server forgot our entity tag (restart); any other failure: start afresh too.
  nua_handle_destroy(m_pub);
  m_pub = nullptr;
  m_pub_retry = m_d.scheduler.after(m_retry.delay(++m_pub_failures), [this] { send_publish(); });
}

void SofiaPresence::watch(const std::vector<std::string>& extensions) {
  const std::set<std::string> wanted(extensions.begin(), extensions.end());
  std::set<std::string> kept;
  // A list that changes (provisioning refreshed) must not re-subscribe everybody: keep the
  // subscriptions of extensions still listed, drop the others.
  std::erase_if(m_subs, [&](const std::unique_ptr<Subscription>& s) {
    if (wanted.count(s->extension)) {
      kept.insert(s->extension);
      return false;
    }
    std::erase(m_pending, s.get());
    if (s->nh) {
      m_by_handle.erase(s->nh);
      nua_handle_destroy(s->nh);
    }
    return true;
  });
  for (const auto& ext : extensions) {
    if (!kept.insert(ext).second) continue;  // running already, or listed twice
    for (int kind = 0; kind < 3; ++kind) {
      // Peer to peer only presence exists: dialog and reg come from a server.
      if (m_settings.peer_to_peer && kind != 0) continue;
      auto s = std::make_unique<Subscription>();
      s->extension = ext;
      s->kind = static_cast<Kind>(kind);
      queue(*s);
      m_subs.push_back(std::move(s));
    }
  }
}

void SofiaPresence::queue(Subscription& s) {
  m_pending.push_back(&s);
  if (!m_pacing) {
    m_pacing = true;
    m_pacer = m_d.scheduler.every(kPace, [this] { pace(); });
  }
}

void SofiaPresence::pace() {
  std::size_t n = std::min(kBatch, m_pending.size());
  std::vector<Subscription*> now(m_pending.begin(), m_pending.begin() + n);
  m_pending.erase(m_pending.begin(), m_pending.begin() + n);
  for (auto* s : now) subscribe(*s);
  if (m_pending.empty()) {
    m_pacing = false;
    m_pacer.reset();  // last: GLib keeps the running source alive until it returns
  }
}

void SofiaPresence::subscribe(Subscription& s) {
  if (m_d.shut_down) return;
  const std::string target = "sip:" + s.extension + "@" + m_d.host_port;
  s.nh = nua_handle(m_d.nua, nullptr, SIPTAG_TO_STR(target.c_str()), TAG_END());
  s.dialog_version.reset();  // versions count from a new subscription's first NOTIFY
  if (!s.nh) {
    g_warning("%s: cannot watch '%s': not a usable SIP address", m_d.settings.uri.c_str(),
              target.c_str());
    return;
  }
  m_by_handle[s.nh] = &s;
  s.auth_attempts = 0;
  const int kind = static_cast<int>(s.kind);
  const std::string expires = std::to_string(m_settings.subscribe_expires);
  nua_subscribe(s.nh, SIPTAG_EVENT_STR(event_name(kind)), SIPTAG_ACCEPT_STR(accept_type(kind)),
                SIPTAG_EXPIRES_STR(expires.c_str()), TAG_END());
}

void SofiaPresence::drop(Subscription& s, bool retry) {
  if (s.nh) {
    m_by_handle.erase(s.nh);
    nua_handle_destroy(s.nh);
    s.nh = nullptr;
  }
  if (s.kind == Kind::Presence) m_signal_watch_lost.emit(s.extension);
  if (!retry) return;
  Subscription* ptr = &s;
  s.retry = m_d.scheduler.after(m_retry.delay(++s.failures), [this, ptr] { subscribe(*ptr); });
}

bool SofiaPresence::on_nua_event(nua_event_t event, int status, const char*, nua_handle_t* nh,
                                 const sip_t* message, tagi_t tags[]) {
  if (nh && nh == m_pub) {
    if (event == nua_r_publish) on_publish_response(status, message);
    return true;
  }
  auto it = m_by_handle.find(nh);
  if (it != m_by_handle.end()) {
    on_subscription_event(*it->second, event, status, message, tags);
    return true;
  }
  if (std::find(m_watchers.begin(), m_watchers.end(), nh) != m_watchers.end()) {
    if ((event == nua_r_notify && substate_of(tags) == nua_substate_terminated) ||
        (event == nua_r_notify && status >= 300)) {
      m_watchers.erase(std::find(m_watchers.begin(), m_watchers.end(), nh));
      nua_handle_destroy(nh);
    }
    return true;
  }
  if (event == nua_i_subscribe) return on_incoming_subscribe(nh, message);
  return false;
}

void SofiaPresence::on_subscription_event(Subscription& s, nua_event_t event, int status,
                                          const sip_t* message, tagi_t tags[]) {
  switch (event) {
    case nua_r_subscribe:
      if (status < 200) return;
      if ((status == 401 || status == 407) && ++s.auth_attempts <= 1 &&
          m_d.authenticate(s.nh, message))
        return;
      if (status >= 300) {
        g_debug("SUBSCRIBE %s to %s: %d", event_name(static_cast<int>(s.kind)), s.extension.c_str(),
                status);
        // 481 on a refresh: the server forgot its subscriptions (restarted), so it forgot our
        // publication too, and our registration may not have noticed.
        if (status == 481) republish_soon();
        drop(s, true);
      } else {
        s.failures = 0;
        if (substate_of(tags) == nua_substate_terminated) drop(s, true);
      }
      return;
    case nua_i_notify:
      on_notify(s, message);
      if (substate_of(tags) == nua_substate_terminated) drop(s, true);
      return;
    default:
      return;
  }
}

void SofiaPresence::on_notify(Subscription& s, const sip_t* message) {
  const std::string body = body_of(message);
  switch (s.kind) {
    case Kind::Presence: {
      if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        m_signal_presence_received.emit(s.extension, std::nullopt);
        return;
      }
      auto doc = parse_pidf(body);
      if (!doc) {
        g_warning("presence of %s: %s", s.extension.c_str(), doc.error().detail.c_str());
        return;
      }
      m_signal_presence_received.emit(s.extension, *doc);
      return;
    }
    case Kind::Dialog: {
      // The server's NOTIFYs can overtake each other (UDP, several worker processes): an
      // older "early" document applied after the "confirmed" one would clear on_call until
      // the next change. RFC 4235 numbers them for exactly this.
      const auto version = dialog_info_version(body);
      if (version && s.dialog_version && *version <= *s.dialog_version) {
        g_debug("dialog state of %s: version %lld after %lld, an older document; ignored",
                s.extension.c_str(), *version, *s.dialog_version);
        return;
      }
      if (version) s.dialog_version = version;
      auto on_call = parse_dialog_info_on_call(body);
      if (!on_call) {
        g_warning("dialog state of %s: %s", s.extension.c_str(), on_call.error().detail.c_str());
        return;
      }
      m_signal_dialog_received.emit(s.extension, *on_call);
      return;
    }
    case Kind::Reg: {
      auto registered = parse_reginfo_registered(body);
      if (!registered) {
        g_warning("registration of %s: %s", s.extension.c_str(), registered.error().detail.c_str());
        return;
      }
      m_signal_registration_received.emit(s.extension, *registered);
      return;
    }
  }
}

void SofiaPresence::on_registration(const core::RegistrationStatus& status) {
  if (status.state != core::RegistrationState::Registered) {
    if (m_registered_once) m_lost = true;
    return;
  }
  m_registered_once = true;
  if (!m_lost) return;
  m_lost = false;
  // Back after a loss: the server may have restarted and forgotten both our publication and
  // our subscriptions, so make them again rather than wait for the refresh to fail.
  g_message("%s: registered again; publishing and subscribing afresh", m_d.settings.uri.c_str());
  if (!m_settings.peer_to_peer && m_have_document) {
    if (m_pub) nua_handle_destroy(m_pub);
    m_pub = nullptr;
    m_pub_retry.reset();
    send_publish();
  }
  for (auto& s : m_subs) {
    if (s->nh) {
      m_by_handle.erase(s->nh);
      nua_handle_destroy(s->nh);
      s->nh = nullptr;
    }
    s->retry.reset();
    s->failures = 0;
    if (std::find(m_pending.begin(), m_pending.end(), s.get()) == m_pending.end()) queue(*s);
  }
}

bool SofiaPresence::on_incoming_subscribe(nua_handle_t* nh, const sip_t* message) {
  if (!m_settings.peer_to_peer || !is_event(message, "presence")) return false;
  nua_respond(nh, SIP_202_ACCEPTED, NUTAG_WITH_THIS(m_d.nua), TAG_END());
  m_watchers.push_back(nh);
  notify_watcher(nh);
  return true;
}

void SofiaPresence::notify_watcher(nua_handle_t* nh) {
  core::PresenceDocument doc = m_have_document ? m_document : core::PresenceDocument{};
  const std::string body = build_pidf(m_d.settings.uri, doc);
  nua_notify(nh, NUTAG_SUBSTATE(nua_substate_active),
             SIPTAG_CONTENT_TYPE_STR("application/pidf+xml"), SIPTAG_PAYLOAD_STR(body.c_str()),
             TAG_END());
}

}  // namespace telpanel::sip
