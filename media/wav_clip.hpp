// SPDX-License-Identifier: GPL-3.0-or-later
// A 16-bit PCM WAV file loaded into memory, and the live GStreamer source that plays it in a
// loop as a call's microphone ("wav:PATH" input). Loading: main thread; the source's callbacks
// run on its streaming thread and only read the shared, immutable samples.
#pragma once

#include <gst/gst.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace telpanel::media {

struct WavClip {
  int rate = 0;
  int channels = 0;
  std::vector<std::int16_t> samples;  // interleaved
};

/// Reads a PCM 16-bit WAV file (any rate, 1 or 2 channels).
core::Result<std::shared_ptr<const WavClip>> load_wav_clip(const std::string& path);

/// A floating bin with one "src" pad: the clip looped forever in 20 ms buffers, paced by the
/// pipeline clock.
GstElement* make_wav_clip_source(std::shared_ptr<const WavClip> clip);

}  // namespace telpanel::media
