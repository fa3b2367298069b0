// SPDX-License-Identifier: GPL-3.0-or-later
// core::IdleSource adapters (PRES-4) and the choice between them: the X server's
// MIT-SCREEN-SAVER counter (libXss), GNOME's org.gnome.Mutter.IdleMonitor on the session bus
// (Wayland sessions), and a test-only file holding seconds. Main thread.
#pragma once

#include <memory>
#include <string>

#include "core/presence_backend.hpp"
#include "core/result.hpp"

namespace telpanel::idle {

/// `spec`: "auto" (X11 when $DISPLAY has MIT-SCREEN-SAVER and the session is not Wayland, else
/// Mutter when its name is on the session bus), "x11", "mutter", "file:PATH" (the file holds
/// the idle time in seconds; for tests) or "none". The error says why nothing is usable; the
/// caller shows it as the reason auto-away is off.
core::Result<std::unique_ptr<core::IdleSource>> open_idle_source(const std::string& spec);

}  // namespace telpanel::idle
