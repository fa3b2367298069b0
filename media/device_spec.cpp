// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/device_spec.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace telpanel::media {

namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

core::Error invalid(const std::string& role, const std::string& text, const char* why) {
  return core::make_error(core::ErrorCode::InvalidArgument, role + " '" + text + "': " + why);
}

}  // namespace

core::Result<DeviceSpec> parse_device_spec(const std::string& text, const std::string& role) {
  DeviceSpec spec;
  if (text.empty()) return spec;
  if (text == "null") {
    spec.kind = DeviceSpec::Kind::Null;
    return spec;
  }
  if (starts_with(text, "tone:")) {
    const std::string number = text.substr(5);
    if (number.empty()) return invalid(role, text, "missing tone frequency (tone:HZ)");
    errno = 0;
    char* end = nullptr;
    const double hz = std::strtod(number.c_str(), &end);
    if (errno != 0 || end == number.c_str() || *end != '\0' || !std::isfinite(hz))
      return invalid(role, text, "tone frequency is not a number (tone:HZ)");
    if (hz <= 0 || hz > 20000) return invalid(role, text, "tone frequency must be 1-20000 Hz");
    spec.kind = DeviceSpec::Kind::Tone;
    spec.tone_hz = hz;
    return spec;
  }
  if (starts_with(text, "wav:")) {
    spec.wav_path = text.substr(4);
    if (spec.wav_path.empty()) return invalid(role, text, "missing file path (wav:PATH)");
    spec.kind = DeviceSpec::Kind::Wav;
    return spec;
  }
  // A colon-prefixed word we do not know is almost certainly a typo ("tones:440"), not a Pulse
  // device; Pulse names use dots and underscores ("alsa_output.pci-0000_00_1f.3.analog-stereo").
  const auto colon = text.find(':');
  if (colon != std::string::npos && text.find_first_of("./", 0) > colon)
    return invalid(role, text, "unknown device type (use tone:HZ, wav:PATH, null or a name)");
  if (text.find_first_of(" \t\n") != std::string::npos)
    return invalid(role, text, "a PulseAudio device name has no blanks");
  spec.pulse_device = text;
  return spec;
}

}  // namespace telpanel::media
