// SPDX-License-Identifier: GPL-3.0-or-later
// Decides when the ringer sounds and which sound: an incoming ringing call rings, a softer
// call-waiting tone when another call is already in progress, silence otherwise. Main thread.
#pragma once

#include <sigc++/trackable.h>

#include <optional>

#include "core/call_controller.hpp"
#include "core/ringer.hpp"

namespace telpanel::core {

class RingControl : public sigc::trackable {
 public:
  RingControl(CallController& calls, Ringer& ringer);
  ~RingControl();
  RingControl(const RingControl&) = delete;
  RingControl& operator=(const RingControl&) = delete;

  /// What should sound for these calls (nullopt = silence). Pure.
  static std::optional<RingKind> wanted(const std::vector<Call>& calls);

 private:
  void update();

  CallController& m_calls;
  Ringer& m_ringer;
  std::optional<RingKind> m_playing;
};

}  // namespace telpanel::core
