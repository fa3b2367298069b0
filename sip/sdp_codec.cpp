// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sdp_codec.hpp"

#include <sofia-sip/sdp.h>
#include <sofia-sip/su_alloc.h>
#include <strings.h>

#include <cstdlib>
#include <memory>
#include <sstream>

namespace telpanel::sip {

namespace {

struct HomeDeleter {
  void operator()(su_home_t* home) const { su_home_unref(home); }
};
struct ParserDeleter {
  void operator()(sdp_parser_t* parser) const { sdp_parser_free(parser); }
};

core::MediaDirection direction_of(unsigned mode) {
  switch (mode) {
    case sdp_sendonly:
      return core::MediaDirection::SendOnly;
    case sdp_recvonly:
      return core::MediaDirection::RecvOnly;
    case sdp_inactive:
      return core::MediaDirection::Inactive;
    default:
      return core::MediaDirection::SendRecv;
  }
}

core::MediaDirection reversed(core::MediaDirection d) {
  switch (d) {
    case core::MediaDirection::SendOnly:
      return core::MediaDirection::RecvOnly;
    case core::MediaDirection::RecvOnly:
      return core::MediaDirection::SendOnly;
    default:
      return d;
  }
}

// Combines what we said with what the peer said: we send only if both allow it.
core::MediaDirection combine(core::MediaDirection ours, core::MediaDirection theirs_seen_by_us) {
  const bool send =
      (ours == core::MediaDirection::SendRecv || ours == core::MediaDirection::SendOnly) &&
      (theirs_seen_by_us == core::MediaDirection::SendRecv ||
       theirs_seen_by_us == core::MediaDirection::SendOnly);
  const bool recv =
      (ours == core::MediaDirection::SendRecv || ours == core::MediaDirection::RecvOnly) &&
      (theirs_seen_by_us == core::MediaDirection::SendRecv ||
       theirs_seen_by_us == core::MediaDirection::RecvOnly);
  if (send && recv) return core::MediaDirection::SendRecv;
  if (send) return core::MediaDirection::SendOnly;
  if (recv) return core::MediaDirection::RecvOnly;
  return core::MediaDirection::Inactive;
}

}  // namespace

std::string build_offer_sdp(const core::MediaOffer& offer) {
  std::ostringstream out;
  out << "v=0\r\n"
      << "o=- 0 0 IN IP4 " << offer.address << "\r\n"
      << "s=-\r\n"
      << "c=IN IP4 " << offer.address << "\r\n"
      << "t=0 0\r\n"
      << "m=audio " << offer.rtp_port << " RTP/AVP";
  for (const auto& c : offer.codecs) out << ' ' << c.payload_type;
  if (offer.telephone_event_pt >= 0) out << ' ' << offer.telephone_event_pt;
  out << "\r\n";
  for (const auto& c : offer.codecs) {
    out << "a=rtpmap:" << c.payload_type << ' ' << c.name << '/' << c.clock_rate;
    if (c.channels > 1) out << '/' << c.channels;
    out << "\r\n";
    if (!c.fmtp.empty()) out << "a=fmtp:" << c.payload_type << ' ' << c.fmtp << "\r\n";
  }
  if (offer.telephone_event_pt >= 0) {
    out << "a=rtpmap:" << offer.telephone_event_pt << " telephone-event/8000\r\n"
        << "a=fmtp:" << offer.telephone_event_pt << " 0-16\r\n";
  }
  if (offer.rtcp_port > 0) out << "a=rtcp:" << offer.rtcp_port << "\r\n";
  out << "a=ptime:20\r\n";
  return out.str();
}

core::Result<SdpAudio> parse_sdp(const std::string& text) {
  std::unique_ptr<su_home_t, HomeDeleter> home(
      static_cast<su_home_t*>(su_home_new(sizeof(su_home_t))));
  std::unique_ptr<sdp_parser_t, ParserDeleter> parser(
      sdp_parse(home.get(), text.data(), static_cast<issize_t>(text.size()), sdp_f_config));
  if (const char* err = sdp_parsing_error(parser.get()))
    return core::make_error(core::ErrorCode::Protocol, std::string("malformed SDP: ") + err);
  sdp_session_t* session = sdp_session(parser.get());
  if (!session) return core::make_error(core::ErrorCode::Protocol, "malformed SDP: empty");

  const sdp_media_t* audio = nullptr;
  for (const sdp_media_t* m = session->sdp_media; m; m = m->m_next) {
    if (m->m_type == sdp_media_audio) {
      audio = m;
      break;
    }
  }
  if (!audio) return core::make_error(core::ErrorCode::Protocol, "SDP has no audio stream");

  SdpAudio out;
  const sdp_connection_t* c = audio->m_connections ? audio->m_connections : session->sdp_connection;
  if (c && c->c_address) out.address = c->c_address;
  out.port = audio->m_rejected ? 0 : static_cast<int>(audio->m_port);
  out.rtcp_port = out.port ? out.port + 1 : 0;
  if (const sdp_attribute_t* a = sdp_attribute_find(audio->m_attributes, "rtcp"); a && a->a_value)
    out.rtcp_port = std::atoi(a->a_value);
  out.direction = direction_of(audio->m_mode);
  for (const sdp_rtpmap_t* rm = audio->m_rtpmaps; rm; rm = rm->rm_next) {
    if (!rm->rm_encoding) continue;
    if (strcasecmp(rm->rm_encoding, "telephone-event") == 0) {
      if (!out.telephone_event_pt) out.telephone_event_pt = static_cast<int>(rm->rm_pt);
      continue;
    }
    core::Codec codec;
    codec.name = rm->rm_encoding;
    codec.clock_rate = static_cast<int>(rm->rm_rate);
    codec.channels = rm->rm_params ? std::atoi(rm->rm_params) : 1;
    if (codec.channels < 1) codec.channels = 1;
    codec.payload_type = static_cast<int>(rm->rm_pt);
    if (rm->rm_fmtp) codec.fmtp = rm->rm_fmtp;
    out.codecs.push_back(std::move(codec));
  }
  if (out.address.empty() && out.port != 0)
    return core::make_error(core::ErrorCode::Protocol, "SDP audio stream has no address (c=)");
  return out;
}

core::MediaPlan negotiate_plan(const SdpAudio& local, const SdpAudio& remote, Answerer answerer) {
  core::MediaPlan plan;
  plan.remote_address = remote.address;
  plan.remote_rtp_port = remote.port;
  plan.remote_rtcp_port = remote.rtcp_port;
  if (remote.port == 0 || local.port == 0) return plan;  // stream rejected: no codec
  const auto& first = answerer == Answerer::Local ? local.codecs : remote.codecs;
  const auto& second = answerer == Answerer::Local ? remote.codecs : local.codecs;
  const core::Codec* common = nullptr;
  for (const auto& a : first) {
    for (const auto& b : second) {
      if (!common && core::same_codec(a, b)) common = answerer == Answerer::Local ? &b : &a;
    }
  }
  if (!common) return plan;
  plan.codec = *common;
  if (local.telephone_event_pt && remote.telephone_event_pt)
    plan.telephone_event_pt = remote.telephone_event_pt;
  plan.direction = combine(local.direction, reversed(remote.direction));
  return plan;
}

}  // namespace telpanel::sip
