// SPDX-License-Identifier: GPL-3.0-or-later
// OggOpusPartWriter: one recorded call part as its own small pipeline, so ending the file never
// stalls the call: two live appsrcs (microphone, far end) -> audiomixer -> opusenc -> oggmux ->
// filesink. finish() sends EOS into both inputs; the muxer writes its last page and the
// pipeline stops once EOS reaches the file (or after a deadline). Main thread; the appsrcs are
// fed from the call pipeline's streaming threads through a RecordingTap.
#pragma once

#include <gst/gst.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "media/gst_handles.hpp"

namespace telpanel::media {

class OggOpusPartWriter : public std::enable_shared_from_this<OggOpusPartWriter> {
 public:
  /// Called on the main loop when writing fails (disk full, directory gone); the writer has
  /// stopped by then and the call goes on.
  using OnError = std::function<void(const core::Error&)>;

  /// Creates the file's directory and the pipeline, and starts it. Fails with the reason
  /// (directory not creatable, file not writable, element missing).
  static core::Result<std::shared_ptr<OggOpusPartWriter>> start(const std::string& path,
                                                                OnError on_error);
  ~OggOpusPartWriter();
  OggOpusPartWriter(const OggOpusPartWriter&) = delete;
  OggOpusPartWriter& operator=(const OggOpusPartWriter&) = delete;

  GstElement* capture_src() const { return m_capture_src; }
  GstElement* remote_src() const { return m_remote_src; }
  const std::string& path() const { return m_path; }

  /// Ends the file cleanly (EOS). The writer keeps itself alive until the pipeline stopped.
  void finish();
  bool finished() const { return m_stopped; }

  /// Parts still being finished in this process.
  static std::size_t finishing_count();
  /// Runs `done` on the main loop once no part is finishing (at once if none is).
  static void when_all_finished(std::function<void()> done);

 private:
  OggOpusPartWriter(std::string path, OnError on_error);
  core::Result<void> build();
  static gboolean on_bus_message(GstBus*, GstMessage* message, gpointer self) noexcept;
  void handle_bus_message(GstMessage* message);
  void stop_pipeline();

  std::string m_path;
  OnError m_on_error;
  GstPtr<GstElement> m_pipeline;
  GstElement* m_capture_src = nullptr;  // borrowed from m_pipeline
  GstElement* m_remote_src = nullptr;
  unsigned m_bus_watch = 0;
  SourceId m_deadline;
  bool m_finishing = false;
  bool m_stopped = false;
  std::shared_ptr<OggOpusPartWriter> m_self;  // set while finishing
};

}  // namespace telpanel::media
