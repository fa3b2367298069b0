// SPDX-License-Identifier: GPL-3.0-or-later
// RequestGate: when the next request to the chat server may go out. Keeps a per-minute request
// budget (never exceeded: a sliding 60 s window), exponential backoff with jitter after
// failures, and the server's Retry-After after a 429. Pure logic; time is passed in. Main thread.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

namespace telpanel::core {

class RequestGate {
 public:
  using Clock = std::chrono::steady_clock;
  using Jitter = std::function<double()>;  // uniform in [0, 1)

  struct Settings {
    int budget_per_minute = 120;
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_max{60000};
  };

  explicit RequestGate(Settings settings, Jitter jitter = {});

  /// Zero when a request may go now, otherwise how long to wait.
  std::chrono::milliseconds wait_time(Clock::time_point now) const;
  /// A request went out at `now` (counts against the budget).
  void record_sent(Clock::time_point now);
  void record_success();
  /// Network error, 5xx, unreadable reply: back off exponentially (with jitter).
  void record_failure(Clock::time_point now);
  /// 429: wait what the server asked (or the backoff when it did not say).
  void record_rate_limited(Clock::time_point now, std::optional<std::chrono::seconds> retry_after);

  /// Requests sent within the last minute.
  int sent_last_minute(Clock::time_point now) const;
  int consecutive_failures() const { return m_failures; }
  const Settings& settings() const { return m_settings; }

 private:
  void forget_old(Clock::time_point now) const;

  Settings m_settings;
  Jitter m_jitter;
  mutable std::deque<Clock::time_point> m_sent;
  Clock::time_point m_not_before{};
  int m_failures = 0;
};

}  // namespace telpanel::core
