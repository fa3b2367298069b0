// SPDX-License-Identifier: GPL-3.0-or-later
// Port: audio for calls. One MediaSession per call: it binds its RTP ports before the SDP is
// written, then plays the negotiated plan. Implemented by media::GstMediaEngine. Main thread;
// signals are emitted on the main loop.
#pragma once

#include <sigc++/signal.h>

#include <memory>
#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/media_types.hpp"
#include "core/result.hpp"

namespace telpanel::core {

class MediaSession {
 public:
  virtual ~MediaSession() = default;

  /// Local ports and the codecs this session can decode, in preference order.
  virtual const MediaOffer& offer() const = 0;
  /// Starts or updates streaming per the plan (direction from hold/resume included).
  virtual Result<void> apply(const MediaPlan& plan) = 0;
  virtual void set_muted(bool muted) = 0;
  /// Sends one RFC 4733 telephone-event digit (0-9 * # A-D); fails if none was negotiated.
  virtual Result<void> send_dtmf(char digit) = 0;
  /// Stops streaming and finishes files; safe to call twice.
  virtual void stop() = 0;

  /// REC-1: starts writing both directions, mixed, into a new file at `path` (its directory is
  /// created); a part already being written is finished first. Sessions that cannot record say
  /// so.
  virtual Result<void> start_recording(const std::string& path) {
    return make_error(ErrorCode::InvalidState, "this media session cannot record " + path);
  }
  /// Finishes the current part (the file is completed in the background); no-op without one.
  virtual void stop_recording() {}

  /// A digit received as RFC 4733 telephone-event.
  sigc::signal<void(char)>& signal_dtmf_received() { return m_signal_dtmf_received; }
  /// Streaming broke (device gone, pipeline error); the call goes on without audio.
  sigc::signal<void(const Error&)>& signal_failed() { return m_signal_failed; }
  /// Writing the current recording part failed (disk full, ...); the call goes on.
  sigc::signal<void(const Error&)>& signal_recording_failed() { return m_signal_recording_failed; }

 protected:
  sigc::signal<void(char)> m_signal_dtmf_received;
  sigc::signal<void(const Error&)> m_signal_failed;
  sigc::signal<void(const Error&)> m_signal_recording_failed;
};

/// Audio devices by name from the config: "" (default PulseAudio device), a PulseAudio device
/// name, "tone:HZ", "wav:PATH" or "null".
struct AudioDevices {
  std::string input;
  std::string output;
  std::string ringer;
};

class MediaEngine {
 public:
  virtual ~MediaEngine() = default;
  /// Codecs whose GStreamer elements are installed, in preference order.
  virtual std::vector<Codec> supported_codecs() const = 0;
  /// Binds ports on `local_address` and prepares a session; nothing streams until apply().
  virtual Result<std::unique_ptr<MediaSession>> create_session(
      const CallId& id, const std::string& local_address) = 0;
};

}  // namespace telpanel::core
