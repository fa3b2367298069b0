// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/codec_table.hpp"

#include <gst/gst.h>

namespace telpanel::media {

namespace {

bool element_installed(const char* factory_name) {
  GstElementFactory* factory = gst_element_factory_find(factory_name);
  if (factory == nullptr) return false;
  gst_object_unref(factory);
  return true;
}

}  // namespace

const std::vector<CodecEntry>& codec_table() {
  // G722 uses clock rate 8000 in SDP although it samples at 16 kHz (RFC 3551 §4.5.2).
  // Opus is always opus/48000/2 in SDP (RFC 7587); 111 is only the number we offer.
  static const std::vector<CodecEntry> table = {
      {"PCMU", 8000, 1, 0, "PCMU", 8000, "mulawenc", "rtppcmupay", "rtppcmudepay", "mulawdec"},
      {"PCMA", 8000, 1, 8, "PCMA", 8000, "alawenc", "rtppcmapay", "rtppcmadepay", "alawdec"},
      {"G722", 8000, 1, 9, "G722", 16000, "avenc_g722", "rtpg722pay", "rtpg722depay", "avdec_g722"},
      {"opus", 48000, 2, 111, "OPUS", 48000, "opusenc", "rtpopuspay", "rtpopusdepay", "opusdec"},
  };
  return table;
}

std::vector<core::Codec> installed_codecs() {
  std::vector<core::Codec> codecs;
  for (const auto& entry : codec_table()) {
    if (!element_installed(entry.encoder) || !element_installed(entry.payloader) ||
        !element_installed(entry.depayloader) || !element_installed(entry.decoder))
      continue;
    core::Codec codec;
    codec.name = entry.name;
    codec.clock_rate = entry.clock_rate;
    codec.channels = entry.channels;
    codec.payload_type = entry.static_payload_type;
    codecs.push_back(codec);
  }
  return codecs;
}

std::optional<CodecEntry> find_codec_entry(const core::Codec& codec) {
  for (const auto& entry : codec_table()) {
    core::Codec known;
    known.name = entry.name;
    known.clock_rate = entry.clock_rate;
    if (core::same_codec(known, codec)) return entry;
  }
  return std::nullopt;
}

}  // namespace telpanel::media
