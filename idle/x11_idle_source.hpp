// SPDX-License-Identifier: GPL-3.0-or-later
// core::IdleSource from the X server (libXss). Xlib types stay in the .cpp. Main thread.
#pragma once

#include <memory>

#include "core/presence_backend.hpp"

namespace telpanel::idle {

class X11IdleSource final : public core::IdleSource {
 public:
  /// Fails when there is no display or it lacks the extension (the error says which).
  static core::Result<std::unique_ptr<X11IdleSource>> open();
  ~X11IdleSource() override;

  std::string name() const override { return "x11"; }
  core::Result<std::chrono::milliseconds> idle_time() override;

 private:
  X11IdleSource();
  struct Display;
  std::unique_ptr<Display> m_display;
};

}  // namespace telpanel::idle
