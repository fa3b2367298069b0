// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the audio a call received to a 16-bit PCM WAV file and fixes the header sizes when
// the call stops; also hands out "PATH", "PATH-2.wav"... per process run. Main thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace telpanel::media {

class WavWriter {
 public:
  static constexpr int k_rate = 48000;  // what the output branch converts every codec to
  static constexpr int k_channels = 1;

  ~WavWriter();

  /// Creates (truncates) the file and writes a provisional header.
  static core::Result<std::unique_ptr<WavWriter>> open(const std::string& path);

  /// Appends S16LE samples; ignored after finish().
  void append(const std::vector<std::uint8_t>& bytes);
  /// Writes the final RIFF/data sizes and closes the file; safe to call twice.
  void finish();

  const std::string& path() const { return m_path; }
  std::uint64_t data_bytes() const { return m_data_bytes; }

 private:
  WavWriter(std::string path, std::FILE* file) : m_path(std::move(path)), m_file(file) {}
  void write_header();

  std::string m_path;
  std::FILE* m_file = nullptr;
  std::uint64_t m_data_bytes = 0;
};

/// The first call in this process that records to `path` gets `path`; later ones get
/// "name-2.wav", "name-3.wav"... so no call overwrites another call's recording.
std::string claim_recording_path(const std::string& path);

}  // namespace telpanel::media
