// SPDX-License-Identifier: GPL-3.0-or-later
// Sends queued RFC 4733 digits through an rtpdtmfsrc: start event, ~160 ms, stop event, a short
// gap, next digit. Timers run on the main loop. Main thread.
#pragma once

#include <gst/gst.h>

#include <deque>

#include "media/gst_handles.hpp"

namespace telpanel::media {

class DtmfSender {
 public:
  static constexpr guint k_tone_ms = 160;
  static constexpr guint k_gap_ms = 60;

  /// Event number for a digit (0-9 * # A-D), or -1.
  static int event_number(char digit);
  /// The digit for an event number, or '\0'.
  static char digit_for(int event_number);

  /// Uses `source` (owned by the pipeline) from now on; drops queued digits. nullptr = none.
  void attach(GstElement* source);
  bool attached() const { return m_source != nullptr; }
  /// Queues one event number; sent after those already queued.
  void enqueue(int event_number);

 private:
  static gboolean on_timer(gpointer self) noexcept;
  void start_next();
  void send(bool start, int number);

  GstElement* m_source = nullptr;
  std::deque<int> m_queue;
  int m_active = -1;  // event being played, -1 during a gap or when idle
  SourceId m_timer;
};

}  // namespace telpanel::media
