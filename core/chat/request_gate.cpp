// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chat/request_gate.hpp"

#include <algorithm>
#include <random>

namespace telpanel::core {

namespace {

constexpr std::chrono::seconds kWindow{60};

double default_jitter() {
  static std::mt19937 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

RequestGate::RequestGate(Settings settings, Jitter jitter)
    : m_settings(settings), m_jitter(jitter ? std::move(jitter) : Jitter(default_jitter)) {
  if (m_settings.budget_per_minute < 1) m_settings.budget_per_minute = 1;
}

void RequestGate::forget_old(Clock::time_point now) const {
  while (!m_sent.empty() && now - m_sent.front() >= kWindow) m_sent.pop_front();
}

std::chrono::milliseconds RequestGate::wait_time(Clock::time_point now) const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  forget_old(now);
  milliseconds wait{0};
  if (now < m_not_before) wait = duration_cast<milliseconds>(m_not_before - now) + milliseconds(1);
  if (static_cast<int>(m_sent.size()) >= m_settings.budget_per_minute) {
    // The oldest request in the window must leave it first.
    const auto free_at = m_sent.front() + kWindow;
    wait = std::max(wait, duration_cast<milliseconds>(free_at - now) + milliseconds(1));
  }
  return wait;
}

void RequestGate::record_sent(Clock::time_point now) {
  forget_old(now);
  m_sent.push_back(now);
}

void RequestGate::record_success() { m_failures = 0; }

void RequestGate::record_failure(Clock::time_point now) {
  ++m_failures;
  // base * 2^(n-1), capped, then "equal jitter": half fixed, half random, so many panels that
  // failed together do not come back together.
  const int shift = std::min(m_failures - 1, 20);
  const std::chrono::milliseconds full = std::min<std::chrono::milliseconds>(
      std::chrono::milliseconds(m_settings.backoff_base.count() << shift), m_settings.backoff_max);
  const auto half = full / 2;
  const auto delay = half + std::chrono::milliseconds(static_cast<long long>(
                                static_cast<double>(half.count()) * m_jitter()));
  m_not_before = std::max(m_not_before, now + delay);
}

void RequestGate::record_rate_limited(Clock::time_point now,
                                      std::optional<std::chrono::seconds> retry_after) {
  if (!retry_after) return record_failure(now);
  ++m_failures;
  m_not_before = std::max(m_not_before, now + *retry_after);
}

int RequestGate::sent_last_minute(Clock::time_point now) const {
  forget_old(now);
  return static_cast<int>(m_sent.size());
}

}  // namespace telpanel::core
