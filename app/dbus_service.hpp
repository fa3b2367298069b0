// SPDX-License-Identifier: GPL-3.0-or-later
// Publishes the control interface (data/org.telpanel.Panel1.xml) on the session bus and turns
// method calls into CallController commands and controller signals into Event signals (CTL-2).
// Main thread.
#pragma once

#include <sigc++/trackable.h>

#include <functional>
#include <string>

#include "app/dbus_names.hpp"
#include "core/call_controller.hpp"
#include "core/call_history.hpp"

typedef struct _GDBusConnection GDBusConnection;
typedef struct _GDBusMethodInvocation GDBusMethodInvocation;
typedef struct _GVariant GVariant;

namespace telpanel::app {

class DbusService : public sigc::trackable {
 public:
  /// `history` may be null. `on_name_lost` runs when the bus name cannot be owned (another
  /// telpanel runs, or there is no session bus); the reason is a sentence.
  DbusService(core::CallController& controller, core::CallHistory* history,
              std::function<void(const std::string&)> on_name_lost);
  ~DbusService();
  DbusService(const DbusService&) = delete;
  DbusService& operator=(const DbusService&) = delete;

  /// For the C trampolines only.
  void handle_call(const char* method, GVariant* parameters, GDBusMethodInvocation* invocation);
  void on_bus_acquired(GDBusConnection* connection);
  void on_name_lost_cb();

 private:
  void emit_event(const std::string& kind, const std::string& json);

  core::CallController& m_controller;
  core::CallHistory* m_history;
  std::function<void(const std::string&)> m_on_name_lost;
  unsigned m_owner_id = 0;
  unsigned m_registration_id = 0;
  GDBusConnection* m_connection = nullptr;
  bool m_acquired = false;
};

}  // namespace telpanel::app
