// SPDX-License-Identifier: GPL-3.0-or-later
// Commands of SofiaSipBackend: construction, registration control and call operations. The
// nua event callback and its handlers are in nua_event_router.cpp.
#include "sip/sofia_sip_backend.hpp"

#include <arpa/inet.h>
#include <glib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "sip/sdp_codec.hpp"
#include "sip/sofia_backend_impl.hpp"
#include "sip/sofia_root.hpp"

namespace telpanel::sip {

namespace {

// The local IPv4 address the kernel would use to reach host:port (no packet is sent).
std::string route_address_to(const std::string& host, int port) {
  std::string out = "127.0.0.1";
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return out;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port > 0 ? port : 5060));
  if (inet_pton(AF_INET, host.c_str(), &to.sin_addr) == 1 &&
      connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
    sockaddr_in me{};
    socklen_t len = sizeof me;
    char buf[INET_ADDRSTRLEN];
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&me), &len) == 0 &&
        inet_ntop(AF_INET, &me.sin_addr, buf, sizeof buf))
      out = buf;
  }
  close(fd);
  return out;
}

}  // namespace

SofiaSipBackend::SofiaSipBackend(SofiaRoot& root, core::Scheduler& scheduler,
                                 SipAccountSettings settings)
    : m_impl(std::make_unique<Impl>(*this, scheduler, std::move(settings))) {
  Impl& d = *m_impl;
  su_home_init(d.home);
  url_t* url = url_make(d.home, d.settings.uri.c_str());
  if (!url || !url->url_host || !url->url_user || url->url_type != url_sip)
    throw std::runtime_error("account uri '" + d.settings.uri +
                             "' is not a SIP URI like sip:1001@pbx.example.com");
  d.user = url->url_user;
  d.host_port = url->url_host;
  if (url->url_port) d.host_port += std::string(":") + url->url_port;
  const std::string proxy_host_port = d.settings.proxy.empty() ? d.host_port : d.settings.proxy;
  const std::string transport_param = d.settings.transport == "tcp" ? ";transport=tcp" : "";
  d.proxy = "sip:" + proxy_host_port + transport_param;
  if (d.settings.bind_address.empty()) {
    url_t* proxy_url = url_make(d.home, d.proxy.c_str());
    d.local_ip = route_address_to(proxy_url && proxy_url->url_host ? proxy_url->url_host : "",
                                  proxy_url && proxy_url->url_port ? atoi(proxy_url->url_port) : 0);
  } else {
    d.local_ip = d.settings.bind_address;
  }
  const std::string bind = "sip:" + d.local_ip + ":" + std::to_string(d.settings.sip_port) +
                           (d.settings.transport == "tcp" ? ";transport=tcp" : ";transport=udp");
  d.nua =
      nua_create(root.root(), nua_callback, &d, NUTAG_URL(bind.c_str()),
                 NUTAG_PROXY(d.proxy.c_str()), SIPTAG_FROM_STR(d.settings.uri.c_str()),
                 NUTAG_USER_AGENT("telpanel/" TELPANEL_VERSION), NUTAG_ALLOW("INFO"),
                 NUTAG_SUPPORTED("replaces"), NUTAG_MEDIA_ENABLE(1), NUTAG_ENABLEINVITE(1),
                 NUTAG_AUTOALERT(0), NUTAG_AUTOACK(1), NUTAG_M_USERNAME(d.user.c_str()), TAG_END());
  if (!d.nua)
    throw std::runtime_error("cannot open SIP " + d.settings.transport + " transport on " + bind +
                             " (port in use?)");
}

SofiaSipBackend::~SofiaSipBackend() {
  Impl& d = *m_impl;
  d.retry_timer.reset();
  // nua_destroy before nua_r_shutdown aborts the process, so without a finished shutdown the
  // stack is left to the OS at exit.
  if (d.nua && d.shut_down) nua_destroy(d.nua);
  su_home_deinit(d.home);
}

std::string SofiaSipBackend::aor() const { return m_impl->settings.uri; }
const core::RegistrationStatus& SofiaSipBackend::registration() const { return m_impl->status; }
std::string SofiaSipBackend::domain() const { return m_impl->host_port; }
std::string SofiaSipBackend::local_address() const { return m_impl->local_ip; }

void SofiaSipBackend::set_online(bool online) {
  Impl& d = *m_impl;
  d.online = online;
  d.retry_timer.reset();
  if (online && !d.settings.password_problem.empty()) {
    d.set_status(core::RegistrationState::Failed, d.settings.password_problem, 0,
                 core::RegistrationProblem::NoPassword);
  } else if (online) {
    d.retry_attempt = 0;
    d.set_status(core::RegistrationState::Registering, "", 0);
    d.start_register();
  } else if (d.reg) {
    nua_unregister(d.reg, TAG_END());
  } else {
    d.set_status(core::RegistrationState::Unregistered, "", 0);
  }
}

core::Result<void> SofiaSipBackend::invite(const core::CallId& id, const std::string& target,
                                           const core::MediaOffer& offer) {
  Impl& d = *m_impl;
  auto dialog = std::make_unique<SipDialog>();
  dialog->id = id;
  dialog->nh = nua_handle(d.nua, dialog.get(), SIPTAG_TO_STR(target.c_str()), TAG_END());
  if (!dialog->nh)
    return core::make_error(core::ErrorCode::InvalidArgument, "not a valid SIP address: " + target);
  const std::string sdp = build_offer_sdp(offer);
  nua_invite(dialog->nh, SOATAG_USER_SDP_STR(sdp.c_str()), SOATAG_AUDIO_AUX("telephone-event"),
             SOATAG_RTP_SORT(SOA_RTP_SORT_LOCAL), SOATAG_RTP_SELECT(SOA_RTP_SELECT_ALL), TAG_END());
  d.dialogs[id] = std::move(dialog);
  return {};
}

core::Result<void> SofiaSipBackend::ring(const core::CallId& id) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  nua_respond(dialog->nh, SIP_180_RINGING, TAG_END());
  return {};
}

core::Result<void> SofiaSipBackend::answer(const core::CallId& id, const core::MediaOffer& offer) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  const std::string sdp = build_offer_sdp(offer);
  nua_respond(dialog->nh, SIP_200_OK, SOATAG_USER_SDP_STR(sdp.c_str()),
              SOATAG_AUDIO_AUX("telephone-event"), SOATAG_RTP_SELECT(SOA_RTP_SELECT_SINGLE),
              TAG_END());
  return {};
}

core::Result<void> SofiaSipBackend::reject(const core::CallId& id, int sip_status) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  dialog->rejected_with = sip_status;
  nua_respond(dialog->nh, sip_status, sip_status_phrase(sip_status), TAG_END());
  return {};
}

core::Result<void> SofiaSipBackend::hang_up(const core::CallId& id) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  if (dialog->established) {
    nua_bye(dialog->nh, TAG_END());
  } else if (!dialog->incoming) {
    nua_cancel(dialog->nh, TAG_END());
  } else {
    dialog->rejected_with = 486;
    nua_respond(dialog->nh, SIP_486_BUSY_HERE, TAG_END());
  }
  return {};
}

core::Result<void> SofiaSipBackend::set_hold(const core::CallId& id, bool hold) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  if (!dialog->established)
    return core::make_error(core::ErrorCode::InvalidState, "call " + id + " is not established");
  // "audio" → a=sendonly (or inactive when the peer holds us too); NULL → back to sendrecv.
  nua_invite(dialog->nh, SOATAG_HOLD(hold ? "audio" : nullptr), TAG_END());
  return {};
}

core::Result<void> SofiaSipBackend::send_info_dtmf(const core::CallId& id, char digit) {
  SipDialog* dialog = m_impl->find(id);
  if (!dialog) return Impl::no_dialog(id);
  const std::string body = std::string("Signal=") + digit + "\r\nDuration=160\r\n";
  nua_info(dialog->nh, SIPTAG_CONTENT_TYPE_STR("application/dtmf-relay"),
           SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
  return {};
}

void SofiaSipBackend::shutdown(std::function<void()> done) {
  Impl& d = *m_impl;
  d.online = false;
  d.retry_timer.reset();
  d.shutdown_done = std::move(done);
  nua_shutdown(d.nua);
  // nua gives up by itself after ~30 s; people quitting should not wait that long.
  d.shutdown_timer = d.scheduler.after(std::chrono::seconds(3), [&d] { d.finish_shutdown(); });
}

}  // namespace telpanel::sip
