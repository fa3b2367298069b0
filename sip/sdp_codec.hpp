// SPDX-License-Identifier: GPL-3.0-or-later
// SDP text in and out: the only place that writes or reads SDP (architecture §2). Uses
// Sofia's SDP parser; pure functions, any thread.
#pragma once

#include <string>
#include <vector>

#include "core/media_types.hpp"
#include "core/result.hpp"

namespace telpanel::sip {

/// The audio stream of one SDP body.
struct SdpAudio {
  std::string address;              // media-level c=, else session-level
  int port = 0;                     // 0 = stream rejected
  int rtcp_port = 0;                // a=rtcp, else port + 1
  std::vector<core::Codec> codecs;  // audio codecs in m= order, telephone-event excluded
  std::optional<int> telephone_event_pt;
  core::MediaDirection direction = core::MediaDirection::SendRecv;  // as written in this SDP
};

/// Our offer (and the base soa builds answers from): every codec of `offer`, telephone-event,
/// a=rtcp with the real RTCP port.
std::string build_offer_sdp(const core::MediaOffer& offer);

/// Parses an SDP body; malformed text or no audio stream → Protocol error saying why.
core::Result<SdpAudio> parse_sdp(const std::string& text);

/// Which side's codec order decides: the answerer's (RFC 3264 §6.1: the answer lists what it
/// will use first).
enum class Answerer { Local, Remote };

/// The plan after offer/answer: the first codec of the answer also present in the offer, sent
/// with the remote's payload number. Direction is ours: the remote's sendonly means we only
/// receive. No common codec → plan.codec.name empty.
core::MediaPlan negotiate_plan(const SdpAudio& local, const SdpAudio& remote, Answerer answerer);

}  // namespace telpanel::sip
