// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the microphone side and the speaker side of a call's pipeline from DeviceSpecs:
// PulseAudio, tone, WAV clip/recording or null. Building: main thread; the recording sink's
// callback runs on a streaming thread and only copies samples and posts them to the main loop.
#pragma once

#include <gst/gst.h>

#include <memory>

#include "media/device_spec.hpp"
#include "media/wav_clip.hpp"
#include "media/wav_writer.hpp"

namespace telpanel::media {

/// Floating bin with a "src" pad (nullptr if a needed GStreamer element is missing) delivering live
/// raw audio. `rate` is the encoder's sample rate (tone and silence are generated at it). `clip` is
/// required for DeviceSpec::Kind::Wav.
GstElement* make_input_bin(const DeviceSpec& spec, int rate, std::shared_ptr<const WavClip> clip);

/// Floating bin with a "sink" pad (nullptr if an element is missing) taking S16LE mono at
/// WavWriter::k_rate. For Kind::Wav the samples go to `writer` on the main loop (dropped once the
/// writer is gone).
GstElement* make_output_bin(const DeviceSpec& spec, std::weak_ptr<WavWriter> writer);

}  // namespace telpanel::media
