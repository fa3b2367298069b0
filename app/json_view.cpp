// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/json_view.hpp"

#include <cstdio>
#include <ctime>

namespace telpanel::app {

namespace {

nlohmann::json optional_time(const std::optional<core::TimePoint>& t) {
  return t ? nlohmann::json(iso8601(*t)) : nlohmann::json(nullptr);
}

void add_end(const std::optional<core::CallEnd>& end, nlohmann::json& into) {
  if (!end) {
    into["end_reason"] = nullptr;
    into["ended_by"] = nullptr;
    into["sip_status"] = nullptr;
    into["end_detail"] = nullptr;
  } else {
    into["end_reason"] = end->reason;
    into["ended_by"] = core::ended_by_name(end->by);
    into["sip_status"] =
        end->sip_status ? nlohmann::json(end->sip_status) : nlohmann::json(nullptr);
    into["end_detail"] = end->detail;
  }
}

}  // namespace

std::string iso8601(core::TimePoint t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&secs, &local);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
  char zone[8];
  std::strftime(zone, sizeof zone, "%z", &local);  // +0300 → +03:00 below
  char out[64];
  std::snprintf(out, sizeof out, "%s.%03lld%.3s:%.2s", date, static_cast<long long>(ms % 1000),
                zone, zone + 3);
  return out;
}

nlohmann::json call_json(const core::Call& c) {
  nlohmann::json j = {
      {"id", c.id},
      {"account", c.account},
      {"direction", core::call_direction_name(c.direction)},
      {"peer", c.remote_party},
      {"peer_display", c.remote_display},
      {"local", c.local_party},
      {"state", core::call_state_name(c.state)},
      {"muted", c.muted},
      {"remote_held", c.remote_held},
      {"waiting", c.waiting},
      {"codec", c.codec.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.codec)},
      {"media_error",
       c.media_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.media_error)},
      {"started_at", iso8601(c.started_at)},
      {"answered_at", optional_time(c.answered_at)},
      {"transfer", nullptr},
  };
  if (c.transfer) {
    const auto& t = *c.transfer;
    j["transfer"] = {
        {"kind", core::transfer_kind_name(t.kind)},
        {"state", core::transfer_state_name(t.state)},
        {"target", t.target},
        {"by", t.by},
        {"linked_call", t.linked.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.linked)},
        {"sip_status", t.sip_status ? nlohmann::json(t.sip_status) : nlohmann::json(nullptr)},
        {"detail", t.detail},
        {"replaces", t.replaces},
        {"fallback", t.fallback}};
  }
  if (c.state == core::CallState::Ended) {
    j["ended_at"] = optional_time(c.ended_at);
    add_end(c.end, j);
  }
  return j;
}

nlohmann::json registration_json(const core::RegistrationStatus& status) {
  return {{"state", core::registration_state_name(status.state)},
          {"reason", status.reason},
          {"sip_status",
           status.sip_status ? nlohmann::json(status.sip_status) : nlohmann::json(nullptr)}};
}

nlohmann::json journal_entry_json(const core::JournalEntry& e) {
  nlohmann::json legs = nlohmann::json::array();
  nlohmann::json route = nlohmann::json::array();  // the parties the conversation went through
  for (const auto& leg : e.legs) {
    legs.push_back({{"index", leg.index},
                    {"party", leg.party},
                    {"started_at", iso8601(leg.started_at)},
                    {"answered_at", optional_time(leg.answered_at)},
                    {"ended_at", optional_time(leg.ended_at)},
                    {"kind", leg.kind},
                    {"transferred_by", leg.transferred_by}});
    route.push_back(leg.party);
  }
  nlohmann::json j = {
      {"id", e.id},
      {"call_id", e.call_id},
      {"direction", core::call_direction_name(e.direction)},
      {"account", e.account},
      {"peer", e.remote_party},
      {"peer_display", e.remote_display},
      {"local", e.local_party},
      {"started_at", iso8601(e.started_at)},
      {"answered_at", optional_time(e.answered_at)},
      {"ended_at", optional_time(e.ended_at)},
      {"wait_seconds", e.wait_duration().count()},
      {"talk_seconds", e.talk_duration().count()},
      {"legs", legs},
      {"route", route},
      // Journal (JRN-2/3): derived by the store, see core/journal_rules.hpp.
      {"number", e.remote_number},
      {"internal", e.internal},
      {"status", e.status ? nlohmann::json(core::call_status_name(*e.status)) : nlohmann::json()},
      {"needs_attention", e.needs_attention},
      {"attention_cleared", e.attention_cleared},
      {"new_number", e.new_number},
      {"comment", e.comment.empty() ? nlohmann::json() : nlohmann::json(e.comment)},
      {"client", e.client_id ? nlohmann::json{{"id", *e.client_id}, {"name", e.client_name}}
                             : nlohmann::json()},
      {"recordings", e.recordings},  // REC-1: paths or URLs of the parts, in order
  };
  add_end(e.end, j);
  return j;
}

nlohmann::json status_json(const core::CallController& controller) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& a : controller.accounts()) {
    auto r = registration_json(a.sip->registration());
    r["name"] = a.name;
    r["uri"] = a.sip->aor();
    accounts.push_back(r);
  }
  nlohmann::json registration =
      controller.accounts().empty()
          ? nlohmann::json{{"state", "unregistered"},
                           {"reason", "no account configured"},
                           {"sip_status", nullptr}}
          : registration_json(controller.accounts().front().sip->registration());
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& c : controller.calls()) calls.push_back(call_json(c));
  return {{"registration", registration}, {"accounts", accounts}, {"calls", calls}};
}

nlohmann::json call_event(const core::Call& call) {
  return {{"event", "call"}, {"call", call_json(call)}};
}

nlohmann::json registration_event(const std::string& account, const core::RegistrationStatus& st) {
  auto j = registration_json(st);
  j["event"] = "registration";
  j["account"] = account;
  return j;
}

nlohmann::json dtmf_event(const core::CallId& id, char digit, core::DtmfSource source) {
  return {{"event", "dtmf"},
          {"call", id},
          {"digit", std::string(1, digit)},
          {"source", source == core::DtmfSource::Rfc4733 ? "rfc4733" : "info"}};
}

}  // namespace telpanel::app
