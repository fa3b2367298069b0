// SPDX-License-Identifier: GPL-3.0-or-later
// The X server's idle counter through the MIT-SCREEN-SAVER extension: one round trip per query
// on our own display connection (XScreenSaverQueryInfo, "info->idle" is ms since last input).
#include "idle/x11_idle_source.hpp"

#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

namespace telpanel::idle {

struct X11IdleSource::Display {
  ::Display* dpy = nullptr;
  XScreenSaverInfo* info = nullptr;
};

core::Result<std::unique_ptr<X11IdleSource>> X11IdleSource::open() {
  ::Display* dpy = XOpenDisplay(nullptr);
  if (!dpy) return core::make_error(core::ErrorCode::Unreachable, "no X display ($DISPLAY)");
  int event_base = 0, error_base = 0;
  if (!XScreenSaverQueryExtension(dpy, &event_base, &error_base)) {
    XCloseDisplay(dpy);
    return core::make_error(core::ErrorCode::Unreachable,
                            "the X server has no MIT-SCREEN-SAVER extension");
  }
  auto out = std::unique_ptr<X11IdleSource>(new X11IdleSource());
  out->m_display = std::make_unique<Display>();
  out->m_display->dpy = dpy;
  out->m_display->info = XScreenSaverAllocInfo();
  return out;
}

X11IdleSource::X11IdleSource() = default;

X11IdleSource::~X11IdleSource() {
  if (!m_display) return;
  if (m_display->info) XFree(m_display->info);
  if (m_display->dpy) XCloseDisplay(m_display->dpy);
}

core::Result<std::chrono::milliseconds> X11IdleSource::idle_time() {
  if (!XScreenSaverQueryInfo(m_display->dpy, DefaultRootWindow(m_display->dpy), m_display->info))
    return core::make_error(core::ErrorCode::Unreachable, "XScreenSaverQueryInfo failed");
  return std::chrono::milliseconds(m_display->info->idle);
}

}  // namespace telpanel::idle
