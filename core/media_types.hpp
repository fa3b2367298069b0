// SPDX-License-Identifier: GPL-3.0-or-later
// What the media side offers and what signalling negotiated: plain values passed between the SIP
// and media adapters by core::CallController. No SDP text and no GStreamer here. Any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace telpanel::core {

/// One audio codec as SDP names it: matched by name and clock rate, never by payload number.
struct Codec {
  std::string name;       // "PCMU", "PCMA", "G722", "opus" (case-insensitive compare)
  int clock_rate = 8000;  // RTP clock rate as written in a=rtpmap (G722: 8000 by RFC 3551)
  int channels = 1;       // opus: 2 in SDP, by RFC 7587
  int payload_type = -1;  // the number negotiated for this call (dynamic ones vary)
  std::string fmtp;       // a=fmtp parameters, without the payload number
};

bool same_codec(const Codec& a, const Codec& b);  // name (case-insensitive) and clock rate

/// The first codec of `theirs` (the offer, in its order) that we also have; nullopt = no common
/// codec. The result carries the offerer's payload number.
std::optional<Codec> choose_codec(const std::vector<Codec>& ours, const std::vector<Codec>& theirs);

enum class MediaDirection { SendRecv, SendOnly, RecvOnly, Inactive };
const char* media_direction_name(MediaDirection direction);

/// Local side of a call's media before negotiation: where we receive and what we can decode.
struct MediaOffer {
  std::string address;  // local address for c=
  int rtp_port = 0;     // already bound, so the SDP never lies about it
  int rtcp_port = 0;
  std::vector<Codec> codecs;     // in preference order
  int telephone_event_pt = 101;  // RFC 4733; -1 = not offered
};

/// The negotiated result: what to send where, which codec, which direction.
struct MediaPlan {
  std::string remote_address;
  int remote_rtp_port = 0;
  int remote_rtcp_port = 0;
  Codec codec;                                          // the one codec both ends use
  std::optional<int> telephone_event_pt;                // set when both ends agreed on RFC 4733
  MediaDirection direction = MediaDirection::SendRecv;  // from our point of view
};

}  // namespace telpanel::core
