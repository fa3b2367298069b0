// SPDX-License-Identifier: GPL-3.0-or-later
// core::Ringer with GStreamer: the sound theme's "phone-incoming-call" (a 425 Hz ring when the
// theme has none) or a short soft beep for call waiting, repeated with a pause, on the
// configured ringer device (PulseAudio name, wav:PATH, null). Main thread.
#pragma once

#include <optional>
#include <string>

#include "core/ringer.hpp"
#include "core/scheduler.hpp"
#include "media/device_spec.hpp"

struct _GstElement;

namespace telpanel::media {

class GstRinger final : public core::Ringer {
 public:
  /// `device` is the [audio] ringer= text, already checked by GstMediaEngine::check_devices.
  GstRinger(const std::string& device, core::Scheduler& scheduler);
  ~GstRinger() override;
  GstRinger(const GstRinger&) = delete;
  GstRinger& operator=(const GstRinger&) = delete;

  void start(core::RingKind kind) override;
  void stop() override;

  /// The freedesktop sound theme file for `event` (searched in XDG_DATA_DIRS), or "".
  static std::string theme_sound(const std::string& event);

  /// Handles a message of the current pipeline's bus; public for the C trampoline only.
  void on_bus_message(int type, const std::string& error);

 private:
  void play_once();
  void teardown();
  void drop_pipeline();

  DeviceSpec m_spec;
  core::Scheduler& m_scheduler;
  std::optional<core::RingKind> m_kind;
  _GstElement* m_pipeline = nullptr;
  unsigned m_bus_watch = 0;
  core::TimerHandle m_pause;
  bool m_broken = false;  // the device failed once: stay silent instead of retrying forever
};

}  // namespace telpanel::media
