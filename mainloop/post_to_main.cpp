// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainloop/post_to_main.hpp"

#include <glib.h>

#include <exception>

namespace telpanel::mainloop {

namespace {

gboolean run_once(gpointer data) noexcept {
  auto* fn = static_cast<std::function<void()>*>(data);
  try {
    (*fn)();
  } catch (const std::exception& e) {
    g_critical("post_to_main task threw: %s", e.what());
  } catch (...) {
    g_critical("post_to_main task threw an unknown exception");
  }
  return G_SOURCE_REMOVE;
}

void destroy(gpointer data) noexcept { delete static_cast<std::function<void()>*>(data); }

}  // namespace

void post_to_main(std::function<void()> fn) {
  g_main_context_invoke_full(nullptr, G_PRIORITY_DEFAULT, run_once,
                             new std::function<void()>(std::move(fn)), destroy);
}

bool is_main_thread() { return g_main_context_is_owner(g_main_context_default()) != FALSE; }

}  // namespace telpanel::mainloop
