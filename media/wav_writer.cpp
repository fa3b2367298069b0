// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/wav_writer.hpp"

#include <glib.h>
#include <strings.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

namespace telpanel::media {

namespace {

void put_u32(std::uint8_t* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void put_u16(std::uint8_t* out, std::uint16_t value) {
  out[0] = static_cast<std::uint8_t>(value);
  out[1] = static_cast<std::uint8_t>(value >> 8);
}

}  // namespace

core::Result<std::unique_ptr<WavWriter>> WavWriter::open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return core::make_error(core::ErrorCode::Io,
                            "cannot create recording '" + path + "': " + std::strerror(errno));
  }
  std::unique_ptr<WavWriter> writer(new WavWriter(path, file));
  writer->write_header();
  if (std::ferror(file) != 0)
    return core::make_error(core::ErrorCode::Io, "cannot write recording '" + path + "'");
  return writer;
}

WavWriter::~WavWriter() { finish(); }

void WavWriter::write_header() {
  // Canonical 44-byte header: RIFF, fmt (PCM), data. Sizes are patched by finish().
  const std::uint32_t data =
      static_cast<std::uint32_t>(m_data_bytes > 0xffffffd3u ? 0xffffffd3u : m_data_bytes);
  std::uint8_t header[44];
  std::memcpy(header, "RIFF", 4);
  put_u32(header + 4, 36 + data);
  std::memcpy(header + 8, "WAVEfmt ", 8);
  put_u32(header + 16, 16);
  put_u16(header + 20, 1);  // PCM
  put_u16(header + 22, k_channels);
  put_u32(header + 24, k_rate);
  put_u32(header + 28, k_rate * k_channels * 2);
  put_u16(header + 32, k_channels * 2);
  put_u16(header + 34, 16);
  std::memcpy(header + 36, "data", 4);
  put_u32(header + 40, data);
  std::fseek(m_file, 0, SEEK_SET);
  std::fwrite(header, 1, sizeof header, m_file);
  std::fseek(m_file, 0, SEEK_END);
}

void WavWriter::append(const std::vector<std::uint8_t>& bytes) {
  if (m_file == nullptr || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) {
    g_warning("recording '%s': write failed: %s", m_path.c_str(), std::strerror(errno));
    return;
  }
  m_data_bytes += bytes.size();
}

void WavWriter::finish() {
  if (m_file == nullptr) return;
  write_header();
  if (std::fclose(m_file) != 0)
    g_warning("recording '%s': close failed: %s", m_path.c_str(), std::strerror(errno));
  m_file = nullptr;
}

std::string claim_recording_path(const std::string& path) {
  static std::map<std::string, int> uses;  // main thread only, like every caller
  const int n = ++uses[path];
  if (n == 1) return path;
  const std::string suffix = "-" + std::to_string(n);
  if (path.size() > 4 && strcasecmp(path.c_str() + path.size() - 4, ".wav") == 0)
    return path.substr(0, path.size() - 4) + suffix + path.substr(path.size() - 4);
  return path + suffix;
}

}  // namespace telpanel::media
