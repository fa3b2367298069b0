// SPDX-License-Identifier: GPL-3.0-or-later
// Time as a port, so timeouts and retries are deterministic in tests. Main thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace telpanel::core {

/// Cancels its timer when destroyed or reset; move-only.
class TimerHandle {
 public:
  TimerHandle() = default;
  explicit TimerHandle(std::function<void()> cancel) : m_cancel(std::move(cancel)) {}
  TimerHandle(TimerHandle&& other) noexcept : m_cancel(std::move(other.m_cancel)) {
    other.m_cancel = nullptr;
  }
  TimerHandle& operator=(TimerHandle&& other) noexcept {
    if (this != &other) {
      reset();
      m_cancel = std::move(other.m_cancel);
      other.m_cancel = nullptr;
    }
    return *this;
  }
  TimerHandle(const TimerHandle&) = delete;
  TimerHandle& operator=(const TimerHandle&) = delete;
  ~TimerHandle() { reset(); }
  void reset() {
    if (m_cancel) {
      auto cancel = std::move(m_cancel);
      m_cancel = nullptr;
      cancel();
    }
  }
  bool is_set() const { return static_cast<bool>(m_cancel); }

 private:
  std::function<void()> m_cancel;
};

/// Runs callbacks later on the main loop.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  /// Runs `fn` once after `delay`; dropping the handle cancels it.
  [[nodiscard]] virtual TimerHandle after(std::chrono::milliseconds delay,
                                          std::function<void()> fn) = 0;
  /// Runs `fn` every `period` until the handle is dropped.
  [[nodiscard]] virtual TimerHandle every(std::chrono::milliseconds period,
                                          std::function<void()> fn) = 0;
};

}  // namespace telpanel::core
