// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: decodes an Ogg/Opus file to 48 kHz mono 16-bit samples with a plain GStreamer
// pipeline (filesrc ! oggdemux ! opusdec), independent of the code under test. Test thread.
#pragma once

#include <optional>
#include <string>

#include "tone_analysis.hpp"

namespace telpanel::test {

/// nullopt when the file does not decode to the end (missing, truncated Ogg, not Opus).
std::optional<PcmWav> decode_ogg_opus(const std::string& path);

/// Energy at `hz` relative to the mean energy at a few frequencies no tone of ours uses.
double tone_to_noise(const PcmWav& wav, double hz);

}  // namespace telpanel::test
