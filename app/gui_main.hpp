// SPDX-License-Identifier: GPL-3.0-or-later
// The windowed panel: Gtk::Application (single instance) around the same Panel as headless.
// Main thread.
#pragma once

#include "app/config.hpp"

namespace telpanel::app {

int run_gui(const AppConfig& config, int argc, char** argv);

}  // namespace telpanel::app
