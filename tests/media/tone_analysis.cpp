// SPDX-License-Identifier: GPL-3.0-or-later
#include "tone_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace telpanel::test {

namespace {

std::uint32_t u32(const std::vector<unsigned char>& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

std::uint16_t u16(const std::vector<unsigned char>& b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

}  // namespace

std::optional<PcmWav> read_pcm_wav(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)),
                                     std::istreambuf_iterator<char>());
  if (b.size() < 44 || std::memcmp(b.data(), "RIFF", 4) != 0 ||
      std::memcmp(b.data() + 8, "WAVE", 4) != 0 || u32(b, 4) + 8 != b.size())
    return std::nullopt;
  PcmWav wav;
  std::size_t pos = 12;
  bool fmt = false;
  while (pos + 8 <= b.size()) {
    const std::uint32_t size = u32(b, pos + 4);
    if (std::memcmp(&b[pos], "fmt ", 4) == 0) {
      if (u16(b, pos + 8) != 1 || u16(b, pos + 22) != 16) return std::nullopt;
      wav.channels = u16(b, pos + 10);
      wav.rate = static_cast<int>(u32(b, pos + 12));
      fmt = true;
    } else if (std::memcmp(&b[pos], "data", 4) == 0) {
      if (!fmt || pos + 8 + size > b.size() || wav.channels < 1) return std::nullopt;
      wav.declared_data_bytes = size;
      for (std::size_t i = pos + 8; i + 1 < pos + 8 + size; i += 2 * wav.channels)
        wav.samples.push_back(static_cast<std::int16_t>(u16(b, i)));
      return wav;
    }
    pos += 8 + size + (size & 1);
  }
  return std::nullopt;
}

double goertzel_power(const std::vector<std::int16_t>& samples, int rate, double hz) {
  const double coeff = 2.0 * std::cos(2.0 * M_PI * hz / rate);
  double s1 = 0, s2 = 0;
  for (std::int16_t x : samples) {
    const double s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

double rms(const std::vector<std::int16_t>& samples) {
  if (samples.empty()) return 0;
  double sum = 0;
  for (std::int16_t x : samples) sum += static_cast<double>(x) * x;
  return std::sqrt(sum / samples.size());
}

double dominant_frequency(const std::vector<std::int16_t>& samples, int rate, double lo_hz,
                          double hi_hz) {
  // Skip the first 200 ms (jitter buffer start, codec warm-up), then analyse up to one second:
  // enough for 1 Hz resolution. Coarse 5 Hz scan first, then 1 Hz around the peak.
  const std::size_t skip = samples.size() > static_cast<std::size_t>(rate) ? rate / 5 : 0;
  const std::size_t take = std::min<std::size_t>(samples.size() - skip, rate);
  const std::vector<std::int16_t> window(samples.begin() + skip, samples.begin() + skip + take);
  auto scan = [&](double from, double to, double step) {
    double best_hz = from, best_power = -1;
    for (double hz = from; hz <= to; hz += step) {
      const double power = goertzel_power(window, rate, hz);
      if (power > best_power) {
        best_power = power;
        best_hz = hz;
      }
    }
    return best_hz;
  };
  const double coarse = scan(lo_hz, hi_hz, 5);
  return scan(std::max(lo_hz, coarse - 5), std::min(hi_hz, coarse + 5), 1);
}

}  // namespace telpanel::test
