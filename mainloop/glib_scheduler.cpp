// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainloop/glib_scheduler.hpp"

#include <glib.h>

#include <exception>
#include <memory>

namespace telpanel::mainloop {

namespace {

struct Task {
  std::function<void()> fn;
  bool repeat = false;
  std::shared_ptr<bool> fired;  // set before a one-shot task runs, so cancel does not remove it
};

gboolean dispatch(gpointer data) noexcept {
  auto* task = static_cast<Task*>(data);
  // Before fn: fn may drop its own handle, which must then not remove this source.
  if (!task->repeat) *task->fired = true;
  try {
    task->fn();
  } catch (const std::exception& e) {
    g_critical("timer callback threw: %s", e.what());
  }
  return task->repeat ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void destroy(gpointer data) noexcept { delete static_cast<Task*>(data); }

core::TimerHandle add(std::chrono::milliseconds delay, std::function<void()> fn, bool repeat) {
  // The flag outlives the GSource so the handle can tell "already ran" from "still pending".
  auto fired = std::make_shared<bool>(false);
  auto* task = new Task{std::move(fn), repeat, fired};
  const auto ms = static_cast<guint>(delay.count() < 0 ? 0 : delay.count());
  const guint id = g_timeout_add_full(G_PRIORITY_DEFAULT, ms, dispatch, task, destroy);
  return core::TimerHandle([id, fired] {
    if (!*fired) g_source_remove(id);
  });
}

}  // namespace

core::TimerHandle GlibScheduler::after(std::chrono::milliseconds delay, std::function<void()> fn) {
  return add(delay, std::move(fn), false);
}

core::TimerHandle GlibScheduler::every(std::chrono::milliseconds period, std::function<void()> fn) {
  return add(period, std::move(fn), true);
}

}  // namespace telpanel::mainloop
