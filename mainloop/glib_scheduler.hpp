// SPDX-License-Identifier: GPL-3.0-or-later
// core::Scheduler on the GLib default main context. Main thread.
#pragma once

#include "core/scheduler.hpp"

namespace telpanel::mainloop {

class GlibScheduler final : public core::Scheduler {
 public:
  core::TimerHandle after(std::chrono::milliseconds delay, std::function<void()> fn) override;
  core::TimerHandle every(std::chrono::milliseconds period, std::function<void()> fn) override;
};

}  // namespace telpanel::mainloop
