// SPDX-License-Identifier: GPL-3.0-or-later
// The journal filter as JSON (README "Journal control") <-> core::JournalQuery; shared by the
// D-Bus side and telpanelctl so both read dates the same way. Main thread / any thread (pure
// apart from the local time zone).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/journal_query.hpp"
#include "core/result.hpp"

namespace telpanel::app {

/// {"direction":"incoming|outgoing","status":["lost",...],"from":DATE,"to":DATE,
///  "search":TEXT,"attention":bool,"new_number":bool,"internal":bool,"account":NAME,
///  "limit":N,"offset":N,"order":"newest|oldest"}; every key optional. DATE is "YYYY-MM-DD"
/// (local; "to" includes that whole day) or ISO 8601 with a time ("2026-03-10T14:00",
/// local unless it has an offset). Unknown keys and bad values are InvalidArgument errors
/// naming them. `default_limit` applies when "limit" is absent (0 = no limit).
core::Result<core::JournalQuery> journal_query_from_json(const nlohmann::json& filter,
                                                         int default_limit);

/// Parses a DATE as above; `end_of_day` moves a date without time to the next local midnight.
core::Result<core::TimePoint> parse_journal_date(const std::string& text, bool end_of_day);

}  // namespace telpanel::app
