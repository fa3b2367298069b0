// SPDX-License-Identifier: GPL-3.0-or-later
// The one sanctioned way from a foreign thread (GStreamer streaming threads, pad probes) back to
// the GLib main thread. Callable from any thread; `fn` runs on the main loop.
#pragma once

#include <functional>

namespace telpanel::mainloop {

/// Queues `fn` on the default main context. Exceptions thrown by `fn` are caught and logged.
void post_to_main(std::function<void()> fn);

/// True on the thread that owns the default main context.
bool is_main_thread();

}  // namespace telpanel::mainloop

#ifndef NDEBUG
#define TELPANEL_ASSERT_MAIN_THREAD()                                                  \
  do {                                                                                 \
    if (!::telpanel::mainloop::is_main_thread())                                       \
      g_critical("%s called off the main thread", static_cast<const char*>(__func__)); \
  } while (0)
#else
#define TELPANEL_ASSERT_MAIN_THREAD() \
  do {                                \
  } while (0)
#endif
