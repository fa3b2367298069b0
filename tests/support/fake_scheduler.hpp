// SPDX-License-Identifier: GPL-3.0-or-later
// core::Scheduler whose time moves only when a test calls advance(). Test thread only.
#pragma once

#include <map>
#include <memory>

#include "core/scheduler.hpp"

namespace telpanel::tests {

class FakeScheduler final : public core::Scheduler {
 public:
  core::TimerHandle after(std::chrono::milliseconds delay, std::function<void()> fn) override {
    return add(delay, std::move(fn), std::chrono::milliseconds{0});
  }
  core::TimerHandle every(std::chrono::milliseconds period, std::function<void()> fn) override {
    return add(period, std::move(fn), period);
  }

  /// Moves time forward, running every timer that falls due, in order.
  void advance(std::chrono::milliseconds by) {
    const auto until = m_now + by;
    while (true) {
      auto it = m_timers.begin();
      if (it == m_timers.end() || it->first.first > until) break;
      auto timer = it->second;
      m_now = it->first.first;
      m_timers.erase(it);
      if (timer->period.count() > 0) m_timers[{m_now + timer->period, m_seq++}] = timer;
      timer->fn();
    }
    m_now = until;
  }

 private:
  struct Timer {
    std::function<void()> fn;
    std::chrono::milliseconds period;
  };
  core::TimerHandle add(std::chrono::milliseconds delay, std::function<void()> fn,
                        std::chrono::milliseconds period) {
    auto timer = std::make_shared<Timer>(Timer{std::move(fn), period});
    m_timers[{m_now + delay, m_seq++}] = timer;
    std::weak_ptr<Timer> weak = timer;
    return core::TimerHandle([this, weak] {
      for (auto it = m_timers.begin(); it != m_timers.end(); ++it) {
        if (it->second == weak.lock()) {
          m_timers.erase(it);
          return;
        }
      }
    });
  }

  std::chrono::milliseconds m_now{0};
  unsigned long m_seq = 0;
  std::map<std::pair<std::chrono::milliseconds, unsigned long>, std::shared_ptr<Timer>> m_timers;
};

}  // namespace telpanel::tests
