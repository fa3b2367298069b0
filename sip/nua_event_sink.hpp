// SPDX-License-Identifier: GPL-3.0-or-later
// A feature that takes some nua events of an account's stack (presence; transfers may add
// theirs) without growing SofiaSipBackend::Impl: nua_event_router.cpp offers it the events
// and skips its own handling when the sink took one. Main thread.
#pragma once

#include <sofia-sip/nua.h>
#include <sofia-sip/sip.h>

namespace telpanel::sip {

class NuaEventSink {
 public:
  virtual ~NuaEventSink() = default;
  /// True when the event was this sink's (its handle, or an incoming request it answered).
  virtual bool on_nua_event(nua_event_t event, int status, const char* phrase, nua_handle_t* nh,
                            const sip_t* message, tagi_t tags[]) = 0;
};

}  // namespace telpanel::sip
