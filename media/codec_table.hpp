// SPDX-License-Identifier: GPL-3.0-or-later
// The one table of audio codecs the media adapter knows: SDP identity and the GStreamer elements
// that encode, payload, depayload and decode it. Any thread after gst_init().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/media_types.hpp"

namespace telpanel::media {

struct CodecEntry {
  const char* name;                // SDP encoding name
  int clock_rate;                  // RTP clock rate as in a=rtpmap
  int channels;                    // SDP channel count
  int static_payload_type;         // RFC 3551 number, or the dynamic default we offer
  const char* caps_encoding_name;  // encoding-name in application/x-rtp caps
  int raw_rate;                    // sample rate the encoder takes
  const char* encoder;
  const char* payloader;
  const char* depayloader;
  const char* decoder;
};

/// Every codec we know, in preference order, installed or not.
const std::vector<CodecEntry>& codec_table();

/// The entries whose four elements exist in the GStreamer registry, as core::Codec values.
std::vector<core::Codec> installed_codecs();

/// The table entry for a negotiated codec (matched by name and clock rate, never by number).
std::optional<CodecEntry> find_codec_entry(const core::Codec& codec);

}  // namespace telpanel::media
