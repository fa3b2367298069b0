// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_presence.hpp"

#include <gio/gio.h>

#include "app/dbus_reply.hpp"
#include "app/embedded_xml.hpp"
#include "app/json_view.hpp"

namespace telpanel::app {

namespace {

core::Result<void> apply(core::PresenceController& controller, const std::string& status,
                         bool set_text, const std::string& text) {
  // Check everything before changing anything, so a bad request changes nothing.
  std::optional<core::Presence> presence;
  if (!status.empty() && status != "online" && status != "offline") {
    presence = core::presence_from_name(status);
    if (!presence || *presence == core::Presence::Away || *presence == core::Presence::Offline)
      return core::make_error(
          core::ErrorCode::InvalidArgument,
          "unknown status '" + status + "'; use online, offline, available, busy or dnd");
  }
  if (status.empty() && !set_text)
    return core::make_error(core::ErrorCode::InvalidArgument, "nothing to set");
  if (set_text) {
    if (auto r = controller.set_text(text); !r) return r;
  }
  if (status == "online" || status == "offline") return controller.set_online(status == "online");
  if (presence) {
    // Choosing a presence while Offline means coming back online with it.
    if (auto r = controller.set_presence(*presence); !r) return r;
    return controller.set_online(true);
  }
  return {};
}

void handle(core::PresenceController& controller, const std::string& method, GVariant* parameters,
            GDBusMethodInvocation* invocation) {
  if (method == "GetPresence") {
    return_json(invocation, own_presence_json(controller));
  } else if (method == "SetPresence") {
    return_result(invocation, apply(controller, string_arg(parameters, 0), bool_arg(parameters, 1),
                                    string_arg(parameters, 2)));
  } else if (method == "GetColleagues") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : controller.colleagues()) out.push_back(presence_view_json(c));
    return_json(invocation, out);
  } else {
    return_unknown_method(invocation, method);
  }
}

}  // namespace

nlohmann::json presence_view_json(const core::PresenceView& v) {
  return {{"extension", v.extension},
          {"name", v.name},
          {"position", v.position},
          {"groups", v.groups},
          {"presence", core::presence_name(v.presence)},
          {"text", v.text},
          {"last_seen", v.last_seen ? nlohmann::json(iso8601(*v.last_seen)) : nullptr},
          {"on_call", v.on_call},
          {"reachable", v.reachable}};
}

nlohmann::json own_presence_json(const core::PresenceController& controller) {
  auto j = presence_view_json(controller.own());
  j["online"] = controller.online();
  const auto& a = controller.auto_away();
  j["auto_away"] = {
      {"enabled", a.enabled},
      {"source", a.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.source)},
      {"reason", a.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.reason)}};
  return j;
}

void export_presence(DbusService& service, core::PresenceController& controller) {
  service.add_interface(kPresence1Xml, kPresenceInterface,
                        [&controller](const std::string& method, GVariant* parameters,
                                      GDBusMethodInvocation* invocation) {
                          handle(controller, method, parameters, invocation);
                        });
  service.keep(
      controller.signal_own_changed().connect([&service, &controller](const core::PresenceView&) {
        auto j = own_presence_json(controller);
        j["event"] = "presence";
        service.emit_event("presence", j);
      }));
  service.keep(
      controller.signal_colleague_changed().connect([&service](const core::PresenceView& view) {
        auto j = presence_view_json(view);
        j["event"] = "colleague";
        service.emit_event("colleague", j);
      }));
  service.keep(
      controller.signal_colleague_removed().connect([&service](const std::string& extension) {
        service.emit_event("colleague",
                           {{"event", "colleague"}, {"extension", extension}, {"removed", true}});
      }));
}

}  // namespace telpanel::app
