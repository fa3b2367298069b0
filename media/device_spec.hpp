// SPDX-License-Identifier: GPL-3.0-or-later
// Parses the audio device strings of the config ("", a PulseAudio name, "tone:HZ", "wav:PATH",
// "null") into a DeviceSpec. Pure; any thread.
#pragma once

#include <string>

#include "core/result.hpp"

namespace telpanel::media {

struct DeviceSpec {
  enum class Kind { Pulse, Tone, Wav, Null };
  Kind kind = Kind::Pulse;
  std::string pulse_device;  // Pulse: "" = the server's default device
  double tone_hz = 0;        // Tone: sine frequency
  std::string wav_path;      // Wav: file to play (input) or to write (output)
};

/// `role` ("audio input", "audio output", "ringer") only names the device in error texts.
core::Result<DeviceSpec> parse_device_spec(const std::string& text, const std::string& role);

}  // namespace telpanel::media
