// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: reads a 16-bit PCM WAV file on its own (independent of media/wav_writer) and
// measures RMS and the dominant frequency (Goertzel scan). Test thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace telpanel::test {

struct PcmWav {
  int rate = 0;
  int channels = 0;
  std::uint32_t declared_data_bytes = 0;  // from the header
  std::vector<std::int16_t> samples;      // first channel only
};

/// nullopt when the file is missing or not a well-formed PCM16 WAV.
std::optional<PcmWav> read_pcm_wav(const std::string& path);

double rms(const std::vector<std::int16_t>& samples);

/// Energy of `samples` at `hz` (Goertzel).
double goertzel_power(const std::vector<std::int16_t>& samples, int rate, double hz);

/// Frequency in [lo_hz, hi_hz] (1 Hz steps) with the most energy.
double dominant_frequency(const std::vector<std::int16_t>& samples, int rate, double lo_hz = 100,
                          double hi_hz = 3000);

}  // namespace telpanel::test
