// SPDX-License-Identifier: GPL-3.0-or-later
// Sofia-SIP's event loop as a GSource on the default GLib main context, shared by every
// account's nua. Main thread.
#pragma once

#include <memory>

struct su_root_s;

namespace telpanel::sip {

class SofiaRoot {
 public:
  SofiaRoot();
  ~SofiaRoot();
  SofiaRoot(const SofiaRoot&) = delete;
  SofiaRoot& operator=(const SofiaRoot&) = delete;

  su_root_s* root() const { return m_root; }

 private:
  su_root_s* m_root = nullptr;
};

}  // namespace telpanel::sip
