// SPDX-License-Identifier: GPL-3.0-or-later
// core::MediaEngine on GStreamer: knows the installed codecs and the configured audio devices
// and creates one RtpAudioPipeline per call. No GStreamer types in this header. Main thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/media_engine.hpp"

namespace telpanel::media {

class GstMediaEngine final : public core::MediaEngine {
 public:
  /// Initialises GStreamer if nobody did; device strings are checked by create_session().
  explicit GstMediaEngine(core::AudioDevices devices);

  /// Checks the three device strings without opening anything (for config validation).
  static core::Result<void> check_devices(const core::AudioDevices& devices);

  std::vector<core::Codec> supported_codecs() const override { return m_codecs; }
  core::Result<std::unique_ptr<core::MediaSession>> create_session(
      const core::CallId& id, const std::string& local_address) override;

  const core::AudioDevices& devices() const { return m_devices; }

  /// Runs `done` on the main loop once every recording part of this process has been written
  /// to the end (at once if none is being finished); used before quitting.
  static void when_recordings_finished(std::function<void()> done);

 private:
  core::AudioDevices m_devices;
  std::vector<core::Codec> m_codecs;
};

}  // namespace telpanel::media
