// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the ringing sound of incoming calls on the configured ringer device (UI-3). Implemented
// by media::GstRinger; tests use a recording fake. Main thread.
#pragma once

namespace telpanel::core {

/// Incoming: a call rings and nothing else goes on. CallWaiting: a call rings while another is
/// in progress, so a softer tone that does not drown the conversation.
enum class RingKind { Incoming, CallWaiting };

class Ringer {
 public:
  virtual ~Ringer() = default;
  /// Starts (or switches to) the sound of `kind`, repeating until stop().
  virtual void start(RingKind kind) = 0;
  /// Silences it; safe when not ringing.
  virtual void stop() = 0;
};

}  // namespace telpanel::core
