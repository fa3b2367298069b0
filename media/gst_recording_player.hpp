// SPDX-License-Identifier: GPL-3.0-or-later
// GstRecordingPlayer: core::RecordingPlayer on a GStreamer playbin with scaletempo as its audio
// filter, so a rate seek changes the speed and keeps the pitch. Operations asked for while a part
// is still loading are applied once it has prerolled; loading has a deadline so an unanswered URL
// fails instead of hanging. A URL part is first downloaded whole (souphttpsrc) into a cache file.
// Main thread.
#pragma once

#include <gst/gst.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/recording_player.hpp"
#include "media/gst_handles.hpp"

namespace telpanel::media {

class GstRecordingPlayer final : public core::RecordingPlayer {
 public:
  /// `audio_sink`: a GStreamer sink factory ("" = autoaudiosink; tests pass "fakesink", which
  /// still plays in real time) or a bin description containing "!" (its sink pad is ghosted).
  /// `load_timeout`: how long a part may take to start (a URL: to download). `cache_dir`: where
  /// URLs are downloaded to ("" = $XDG_CACHE_HOME/telpanel/ player-PID); the files go with the
  /// player.
  explicit GstRecordingPlayer(std::string audio_sink = "",
                              std::chrono::milliseconds load_timeout = std::chrono::seconds(15),
                              std::string cache_dir = "");
  ~GstRecordingPlayer() override;

  core::Result<void> open(const std::vector<std::string>& locations) override;
  core::Result<void> play() override;
  core::Result<void> pause() override;
  core::Result<void> seek(std::chrono::milliseconds position) override;
  core::Result<void> skip(std::chrono::milliseconds delta) override;
  core::Result<void> next_part() override;
  core::Result<void> previous_part() override;
  core::Result<void> set_speed(double speed) override;
  void save_copy(const std::string& destination,
                 std::function<void(core::Result<void>)> done) override;
  Status status() const override;

  /// "/abs/path" -> "file:///abs/path"; http(s) URLs as they are; anything else an error.
  static core::Result<std::string> location_to_uri(const std::string& location);

 private:
  core::Result<void> ready_for(const char* what) const;
  void load(int part, bool play_after);
  void apply_position(std::chrono::milliseconds position);
  void fail(const std::string& error);
  void set_state(State state);
  void changed() { m_signal_changed.emit(status()); }
  std::chrono::milliseconds query_position() const;
  std::optional<std::chrono::milliseconds> query_duration() const;
  static gboolean on_bus_message(GstBus*, GstMessage* message, gpointer self) noexcept;
  void handle_bus_message(GstMessage* message);

  std::string m_audio_sink;
  std::chrono::milliseconds m_load_timeout;
  GstPtr<GstElement> m_playbin;
  unsigned m_bus_watch = 0;
  SourceId m_load_deadline;
  std::string m_cache_dir;
  std::vector<std::string> m_uris;   // as opened (file:// or http(s)://)
  std::vector<std::string> m_local;  // file:// of each part once available ("" = not fetched)
  std::vector<std::string> m_cached_files;
  unsigned m_fetches = 0;
  unsigned m_generation = 0;  // bumped by open(); stale downloads are ignored
  std::shared_ptr<int> m_alive = std::make_shared<int>(0);
  int m_part = 0;
  State m_state = State::Idle;
  bool m_play_after_load = false;
  std::optional<std::chrono::milliseconds> m_pending_position;  // applied after preroll
  double m_speed = 1.0;
  std::string m_error;
};

}  // namespace telpanel::media
