// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_calls.hpp"

#include <gio/gio.h>

#include <map>
#include <memory>

#include "app/dbus_reply.hpp"
#include "app/embedded_xml.hpp"
#include "app/json_view.hpp"

namespace telpanel::app {

namespace {

void handle(core::CallController& controller, core::CallHistory* history, const std::string& method,
            GVariant* parameters, GDBusMethodInvocation* invocation) {
  // "" means the one obvious call (README, "Control interface").
  auto call_arg = [&](bool ringing_incoming) -> core::Result<core::CallId> {
    std::string id = string_arg(parameters, 0);
    if (!id.empty()) return id;
    return controller.pick_call(ringing_incoming);
  };
  auto with_call = [&](bool ringing_incoming, auto&& fn) {
    auto id = call_arg(ringing_incoming);
    if (!id) return return_error(invocation, id.error());
    return_result(invocation, fn(*id));
  };

  if (method == "GetStatus") {
    return_json(invocation, status_json(controller));
  } else if (method == "Dial") {
    auto id = controller.dial(string_arg(parameters, 0));
    if (!id) return return_error(invocation, id.error());
    return_string(invocation, *id);
  } else if (method == "Answer") {
    with_call(true, [&](const core::CallId& id) { return controller.answer(id); });
  } else if (method == "Reject") {
    with_call(true, [&](const core::CallId& id) { return controller.reject(id); });
  } else if (method == "Hangup") {
    with_call(false, [&](const core::CallId& id) { return controller.hang_up(id); });
  } else if (method == "Hold") {
    with_call(false, [&](const core::CallId& id) { return controller.hold(id); });
  } else if (method == "Resume") {
    with_call(false, [&](const core::CallId& id) { return controller.resume(id); });
  } else if (method == "SetMuted") {
    const bool muted = bool_arg(parameters, 1);
    with_call(false, [&](const core::CallId& id) { return controller.set_muted(id, muted); });
  } else if (method == "SendDtmf") {
    const std::string digits = string_arg(parameters, 1);
    with_call(false, [&](const core::CallId& id) { return controller.send_dtmf(id, digits); });
  } else if (method == "Transfer") {
    const std::string target = string_arg(parameters, 1);
    with_call(false, [&](const core::CallId& id) { return controller.transfer(id, target); });
  } else if (method == "Consult") {
    auto id = call_arg(false);
    if (!id) return return_error(invocation, id.error());
    auto consultation = controller.consult(*id, string_arg(parameters, 1));
    if (!consultation) return return_error(invocation, consultation.error());
    return_string(invocation, *consultation);
  } else if (method == "TransferComplete") {
    with_call(false, [&](const core::CallId& id) { return controller.transfer_complete(id); });
  } else if (method == "TransferCancel") {
    with_call(false, [&](const core::CallId& id) { return controller.transfer_cancel(id); });
  } else if (method == "GetJournal") {
    const unsigned limit = uint_arg(parameters, 0);
    if (!history)
      return return_error(invocation, core::make_error(core::ErrorCode::InvalidState,
                                                       "the journal is off (no database)"));
    auto entries = history->recent(limit ? static_cast<int>(limit) : 100);
    if (!entries) return return_error(invocation, entries.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *entries) out.push_back(journal_entry_json(e));
    return_json(invocation, out);
  } else {
    return_unknown_method(invocation, method);
  }
}

}  // namespace

void export_calls(DbusService& service, core::CallController& controller,
                  core::CallHistory* history) {
  service.add_interface(kPanel1Xml, kInterface,
                        [&controller, history](const std::string& method, GVariant* parameters,
                                               GDBusMethodInvocation* invocation) {
                          handle(controller, history, method, parameters, invocation);
                        });
  service.keep(controller.signal_call_changed().connect(
      [&service](const core::Call& call) { service.emit_event("call", call_event(call)); }));
  // A "transfer" event whenever a call's transfer object changes, so scripts can follow
  // transfers (and a Replaces fallback, with its reason) without diffing call events.
  auto last = std::make_shared<std::map<core::CallId, std::string>>();
  service.keep(controller.signal_call_changed().connect([&service, last](const core::Call& call) {
    if (call.transfer) {
      auto event = call_json(call)["transfer"];
      const std::string text = event.dump();
      if ((*last)[call.id] != text) {
        (*last)[call.id] = text;
        event["event"] = "transfer";
        event["call"] = call.id;
        service.emit_event("transfer", event);
      }
    }
    if (call.state == core::CallState::Ended) last->erase(call.id);
  }));
  service.keep(controller.signal_registration_changed().connect(
      [&service](const std::string& account, const core::RegistrationStatus& st) {
        service.emit_event("registration", registration_event(account, st));
      }));
  service.keep(controller.signal_dtmf_received().connect(
      [&service](const core::CallId& id, char digit, core::DtmfSource source) {
        service.emit_event("dtmf", dtmf_event(id, digit, source));
      }));
}

}  // namespace telpanel::app
