// SPDX-License-Identifier: GPL-3.0-or-later
// gtest fixture for code driven by the GLib default main context: run_until(predicate, deadline)
// iterates the context until the predicate holds and fails the test on the deadline. Test
// (main) thread only.
#pragma once

#include <glib.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>

namespace telpanel::test {

class MainLoopFixture : public ::testing::Test {
 protected:
  /// Iterates the default context until `done()` is true; false (and a test failure) when
  /// `deadline` passes first.
  bool run_until(const std::function<bool()>& done,
                 std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    // A periodic wake-up so a predicate that depends on time alone is re-checked.
    const guint tick = g_timeout_add(
        10, [](gpointer) -> gboolean { return G_SOURCE_CONTINUE; }, nullptr);
    bool ok = done();
    while (!ok && std::chrono::steady_clock::now() < until) {
      g_main_context_iteration(nullptr, TRUE);
      ok = done();
    }
    g_source_remove(tick);
    EXPECT_TRUE(ok) << "condition not met within " << deadline.count() << " ms";
    return ok;
  }

  /// Keeps the loop running for `duration` (for "audio flows for 1.5 s", not for conditions).
  void run_for(std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    run_until([&] { return std::chrono::steady_clock::now() >= until; },
              duration + std::chrono::seconds(1));
  }

  /// Dispatches whatever is pending without blocking.
  void drain() {
    while (g_main_context_iteration(nullptr, FALSE)) {
    }
  }
};

}  // namespace telpanel::test
