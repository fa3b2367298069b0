// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteCallHistory: core::CallHistory on the calls/call_legs tables of a store::Database.
// Main thread (the Database's).
#pragma once

#include "core/call_history.hpp"
#include "core/local_calendar.hpp"

namespace telpanel::store {

class Database;

class SqliteCallHistory final : public core::CallHistory {
 public:
  /// `db` must be migrated (Database::open does it) and outlive this object. Derived values
  /// use `calendar`'s days (the system's local time zone by default).
  explicit SqliteCallHistory(Database& db);
  SqliteCallHistory(Database& db, const core::LocalCalendar& calendar)
      : m_db(db), m_calendar(calendar) {}

  core::Result<core::JournalId> add(const core::JournalEntry& entry) override;
  core::Result<void> mark_answered(core::JournalId id, core::TimePoint at) override;
  core::Result<void> mark_ended(core::JournalId id, core::TimePoint at,
                                const core::CallEnd& end) override;
  core::Result<void> touch(core::JournalId id, core::TimePoint at) override;
  core::Result<int> add_leg(core::JournalId id, const core::CallLeg& leg) override;
  core::Result<void> mark_leg_answered(core::JournalId id, int index, core::TimePoint at) override;
  core::Result<int> recover_unfinished() override;
  core::Result<std::vector<core::JournalEntry>> recent(int limit) const override;
  core::Result<core::JournalEntry> get(core::JournalId id) const override;

 private:
  Database& m_db;
  const core::LocalCalendar& m_calendar;
};

}  // namespace telpanel::store
