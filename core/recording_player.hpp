// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the journal's recording player (REC-2). Plays a call's parts as one playlist (local
// files or http(s) URLs), with seek, 10 s skips, previous/next part, speed 0.5x-2x with the
// pitch kept, and "save a copy". Every failure (missing file, bad URL, HTTP 404, not audio)
// ends in State::Failed with a sentence, never in a hang. Implemented by
// media::GstRecordingPlayer. Main thread; signals are emitted on the main loop.
#pragma once

#include <sigc++/signal.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace telpanel::core {

class RecordingPlayer {
 public:
  enum class State { Idle, Loading, Paused, Playing, Ended, Failed };

  struct Status {
    State state = State::Idle;
    int part = 0;   // index into the playlist
    int parts = 0;  // playlist length
    std::chrono::milliseconds position{0};
    std::optional<std::chrono::milliseconds> duration;  // of the current part, once known
    double speed = 1.0;
    std::string error;  // State::Failed: why
  };

  static constexpr double k_min_speed = 0.5;
  static constexpr double k_max_speed = 2.0;
  static constexpr std::chrono::seconds k_skip{10};

  virtual ~RecordingPlayer() = default;

  /// Loads a playlist (absolute paths or http(s) URLs) at its first part, paused. Locations
  /// that are neither are refused here; unreachable ones fail asynchronously.
  virtual Result<void> open(const std::vector<std::string>& locations) = 0;
  virtual Result<void> play() = 0;
  virtual Result<void> pause() = 0;
  /// Clamped to [0, duration].
  virtual Result<void> seek(std::chrono::milliseconds position) = 0;
  /// Relative seek (k_skip back/forward); clamped like seek().
  virtual Result<void> skip(std::chrono::milliseconds delta) = 0;
  /// Switches to the neighbouring part (at its start), keeping play/pause and the speed.
  virtual Result<void> next_part() = 0;
  virtual Result<void> previous_part() = 0;
  /// k_min_speed..k_max_speed; the pitch stays.
  virtual Result<void> set_speed(double speed) = 0;
  /// Copies the current part's bytes to `destination`; `done` runs on the main loop.
  virtual void save_copy(const std::string& destination,
                         std::function<void(Result<void>)> done) = 0;
  /// The position is queried at call time.
  virtual Status status() const = 0;

  /// State, part or speed changed (not emitted for the position moving).
  sigc::signal<void(const Status&)>& signal_changed() { return m_signal_changed; }

 protected:
  sigc::signal<void(const Status&)> m_signal_changed;
};

inline const char* player_state_name(RecordingPlayer::State state) {
  switch (state) {
    case RecordingPlayer::State::Idle:
      return "idle";
    case RecordingPlayer::State::Loading:
      return "loading";
    case RecordingPlayer::State::Paused:
      return "paused";
    case RecordingPlayer::State::Playing:
      return "playing";
    case RecordingPlayer::State::Ended:
      return "ended";
    case RecordingPlayer::State::Failed:
      return "failed";
  }
  return "?";
}

}  // namespace telpanel::core
