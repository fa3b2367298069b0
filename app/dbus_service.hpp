// SPDX-License-Identifier: GPL-3.0-or-later
// Owns the bus name org.telpanel.Panel and exports, on /org/telpanel/Panel, every interface a
// feature registers (calls: org.telpanel.Panel1 in app/dbus_calls.cpp; each later feature its
// own org.telpanel.<Feature>1 with its XML in data/). Events of every feature go out as the
// Panel1 Event signal so `telpanelctl watch` sees them all (CTL-2). Main thread.
#pragma once

#include <sigc++/connection.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/dbus_names.hpp"

typedef struct _GDBusConnection GDBusConnection;
typedef struct _GDBusMethodInvocation GDBusMethodInvocation;
typedef struct _GDBusNodeInfo GDBusNodeInfo;
typedef struct _GVariant GVariant;

namespace telpanel::app {

class DbusService {
 public:
  /// Called with the method name, its parameters (already checked against the XML by GIO) and
  /// the invocation, which the handler must answer (app/dbus_reply.hpp).
  using MethodHandler = std::function<void(const std::string& method, GVariant* parameters,
                                           GDBusMethodInvocation* invocation)>;

  /// `on_name_lost` runs when the bus name cannot be owned (another telpanel runs, or there is
  /// no session bus); the reason is a sentence.
  explicit DbusService(std::function<void(const std::string&)> on_name_lost);
  ~DbusService();
  DbusService(const DbusService&) = delete;
  DbusService& operator=(const DbusService&) = delete;

  /// Adds an interface described by `xml` (a <node> with the interface `name`). Only before
  /// start(). Aborts on XML that does not parse: it is compiled in, so that is a build bug.
  void add_interface(const char* xml, const char* name, MethodHandler handler);
  /// Owns the bus name and exports every added interface once the bus is there.
  void start();

  /// Emits org.telpanel.Panel1.Event(kind, event) with `event` as JSON (invalid UTF-8 from
  /// outside replaced); a no-op until the bus is acquired.
  void emit_event(const std::string& kind, const nlohmann::json& event);

  /// Disconnected when the service goes, so a feature's signal never reaches a dead service.
  void keep(sigc::connection connection) { m_connections.push_back(connection); }

  /// For the C trampolines only.
  void on_bus_acquired(GDBusConnection* connection);
  void on_name_lost_cb();

  struct Exported {
    GDBusNodeInfo* node = nullptr;
    std::string name;
    MethodHandler handler;
    unsigned registration_id = 0;
  };

 private:
  std::function<void(const std::string&)> m_on_name_lost;
  std::vector<std::unique_ptr<Exported>> m_interfaces;
  std::vector<sigc::connection> m_connections;
  unsigned m_owner_id = 0;
  GDBusConnection* m_connection = nullptr;
  bool m_acquired = false;
};

}  // namespace telpanel::app
