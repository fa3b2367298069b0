// SPDX-License-Identifier: GPL-3.0-or-later
// An error line under controls: shows the reason an action was refused, hides on success.
// Main thread.
#pragma once

#include <gtkmm/label.h>

#include "core/result.hpp"

namespace telpanel::widgets {

inline void show_result(Gtk::Label& label, const core::Result<void>& r) {
  if (r) return label.hide();
  label.set_text(r.error().detail);
  label.show();
}

}  // namespace telpanel::widgets
