// SPDX-License-Identifier: GPL-3.0-or-later
// Rows of the calls/call_legs tables <-> core::JournalEntry, shared by SqliteCallHistory and
// SqliteCallJournal. Main thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/call_history.hpp"
#include "store/statement.hpp"

namespace telpanel::store {

class Database;

std::int64_t to_ms(core::TimePoint t);
core::TimePoint from_ms(std::int64_t ms);
std::optional<std::int64_t> to_ms(const std::optional<core::TimePoint>& t);
std::optional<core::TimePoint> from_ms(const std::optional<std::int64_t>& ms);

core::Error journal_not_found(core::JournalId id);

/// "SELECT <every column read_entry() reads> FROM calls "; append WHERE/ORDER BY.
extern const std::string_view kSelectCalls;
core::JournalEntry read_entry(const Statement& row);
/// "SELECT <every column read_leg() reads> FROM call_legs "; append WHERE/ORDER BY.
extern const std::string_view kSelectLegs;
core::CallLeg read_leg(const Statement& row);
/// The call's legs in order, into `entry.legs`.
core::Result<void> read_legs(Database& db, core::JournalEntry& entry);
/// The legs of every entry, in order, with one query per few hundred entries.
core::Result<void> read_legs(Database& db, std::vector<core::JournalEntry>& entries);

}  // namespace telpanel::store
