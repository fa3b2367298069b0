// SPDX-License-Identifier: GPL-3.0-or-later
// RecordingTap: the two points where a call's pipeline lends its audio to a recording (what the
// microphone sends, what the far end's decoded audio is). Appsinks in the call pipeline push
// copies into whichever part writer is attached; with none attached they drop them. attach/
// detach: main thread; the appsink callbacks: streaming threads (guarded by the mutex).
#pragma once

#include <gst/gst.h>

#include <memory>
#include <mutex>

namespace telpanel::media {

class RecordingTap {
 public:
  enum class Side { Capture = 0, Remote = 1 };

  ~RecordingTap();

  /// Floating appsink (nullptr if the element is missing) that feeds `side` of `tap`.
  static GstElement* make_sink(const std::shared_ptr<RecordingTap>& tap, Side side);

  /// From now on samples of each side go to these appsrcs (refs taken); nullptr detaches.
  void attach(GstElement* capture_src, GstElement* remote_src);
  void detach() { attach(nullptr, nullptr); }

  /// Streaming thread: hands a copy of `sample`'s buffer (timestamps cleared, the part writer
  /// stamps arrival time) to the attached appsrc of `side`.
  void push(Side side, GstSample* sample);

 private:
  std::mutex m_mutex;
  GstElement* m_srcs[2] = {nullptr, nullptr};
};

}  // namespace telpanel::media
