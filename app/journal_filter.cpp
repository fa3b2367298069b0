// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/journal_filter.hpp"

#include <glib.h>

#include <algorithm>
#include <iterator>
#include <regex>

namespace telpanel::app {

namespace {

core::Error bad(const std::string& what) {
  return core::make_error(core::ErrorCode::InvalidArgument, what);
}

core::Result<bool> get_bool(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return false;
  if (!j[key].is_boolean())
    return bad(std::string("journal filter \"") + key + "\" must be true or false");
  return j[key].get<bool>();
}

core::Result<int> get_count(const nlohmann::json& j, const char* key, int fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_number_integer() || j[key].get<long long>() < 0 ||
      j[key].get<long long>() > 100000000)
    return bad(std::string("journal filter \"") + key + "\" must be a number from 0");
  return static_cast<int>(j[key].get<long long>());
}

}  // namespace

core::Result<core::TimePoint> parse_journal_date(const std::string& text, bool end_of_day) {
  static const std::regex date_only(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch m;
  GDateTime* dt = nullptr;
  if (std::regex_match(text, m, date_only)) {
    dt = g_date_time_new_local(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), 0, 0, 0);
    if (dt && end_of_day) {
      GDateTime* next = g_date_time_add_days(dt, 1);
      g_date_time_unref(dt);
      dt = next;
    }
  } else {
    GTimeZone* local = g_time_zone_new_local();
    dt = g_date_time_new_from_iso8601(text.c_str(), local);
    g_time_zone_unref(local);
  }
  if (!dt)
    return bad("'" + text + "' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]");
  const gint64 us = g_date_time_to_unix(dt) * 1000000 + g_date_time_get_microsecond(dt);
  g_date_time_unref(dt);
  return core::TimePoint(std::chrono::microseconds(us));
}

core::Result<core::JournalQuery> journal_query_from_json(const nlohmann::json& f,
                                                         int default_limit) {
  if (!f.is_object()) return bad("the journal filter must be a JSON object");
  static const char* const known[] = {"direction", "status",    "from",       "to",
                                      "search",    "attention", "new_number", "internal",
                                      "account",   "limit",     "offset",     "order"};
  for (const auto& [key, value] : f.items()) {
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      return bad("unknown journal filter \"" + key + "\"");
  }
  core::JournalQuery q;
  if (f.contains("direction") && !f["direction"].is_null()) {
    const auto d = f["direction"].is_string() ? f["direction"].get<std::string>() : "";
    if (d == "incoming")
      q.direction = core::CallDirection::Incoming;
    else if (d == "outgoing")
      q.direction = core::CallDirection::Outgoing;
    else
      return bad("journal filter \"direction\" must be incoming or outgoing");
  }
  if (f.contains("status") && !f["status"].is_null()) {
    auto list = f["status"].is_array() ? f["status"] : nlohmann::json::array({f["status"]});
    for (const auto& s : list) {
      auto parsed = s.is_string() ? core::parse_call_status(s.get<std::string>()) : std::nullopt;
      if (!parsed)
        return bad("unknown call status " + s.dump() +
                   " (known: accepted, reached, no_answer, lost, cancelled)");
      q.statuses.push_back(*parsed);
    }
  }
  for (const char* key : {"from", "to"}) {
    if (!f.contains(key) || f[key].is_null()) continue;
    if (!f[key].is_string())
      return bad(std::string("journal filter \"") + key + "\" must be a date");
    auto t = parse_journal_date(f[key].get<std::string>(), std::string(key) == "to");
    if (!t) return t.error();
    (std::string(key) == "from" ? q.from : q.to) = *t;
  }
  if (f.contains("search") && !f["search"].is_null()) {
    if (!f["search"].is_string()) return bad("journal filter \"search\" must be text");
    q.search = f["search"].get<std::string>();
  }
  auto attention = get_bool(f, "attention");
  if (!attention) return attention.error();
  q.needs_attention_only = *attention;
  auto first = get_bool(f, "new_number");
  if (!first) return first.error();
  q.new_number_only = *first;
  if (f.contains("internal") && !f["internal"].is_null()) {
    if (!f["internal"].is_boolean())
      return bad("journal filter \"internal\" must be true or false");
    q.internal = f["internal"].get<bool>();
  }
  if (f.contains("account") && !f["account"].is_null()) {
    if (!f["account"].is_string()) return bad("journal filter \"account\" must be text");
    q.account = f["account"].get<std::string>();
  }
  auto limit = get_count(f, "limit", default_limit);
  if (!limit) return limit.error();
  q.limit = *limit;
  auto offset = get_count(f, "offset", 0);
  if (!offset) return offset.error();
  q.offset = *offset;
  if (f.contains("order") && !f["order"].is_null()) {
    const auto o = f["order"].is_string() ? f["order"].get<std::string>() : "";
    if (o != "newest" && o != "oldest")
      return bad("journal filter \"order\" must be newest or oldest");
    q.oldest_first = o == "oldest";
  }
  if (q.from && q.to && *q.to <= *q.from)
    return bad("the journal's date range ends before it starts");
  return q;
}

}  // namespace telpanel::app
