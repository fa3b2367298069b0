// SPDX-License-Identifier: GPL-3.0-or-later
// The audio devices GStreamer can see (PulseAudio sources and sinks), for the settings dialog.
// Main thread; the device monitor runs briefly and synchronously (well under 100 ms).
#pragma once

#include <string>
#include <vector>

namespace telpanel::media {

struct AudioDeviceInfo {
  std::string name;         // what [audio] input=/output=/ringer= takes
  std::string description;  // for people
};

/// `inputs` true: microphones (Audio/Source), else speakers (Audio/Sink).
std::vector<AudioDeviceInfo> list_audio_devices(bool inputs);

}  // namespace telpanel::media
