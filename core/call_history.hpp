// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the journal's raw facts (JRN-1): one entry per call, its legs, how it ended. Implemented
// by store::SqliteCallHistory. Main thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/call_status.hpp"
#include "core/result.hpp"

namespace telpanel::core {

using JournalId = std::int64_t;

/// One party's part of a call: the first leg is the call itself; transfers add legs later.
struct CallLeg {
  int index = 0;
  std::string party;  // the remote URI of this leg
  TimePoint started_at{};
  std::optional<TimePoint> answered_at;
  std::optional<TimePoint> ended_at;
  std::string kind = "call";   // "call" (the first leg), or how this party was reached:
                               // "blind", "deflect", "attended", "referred", "replaced"
  std::string transferred_by;  // who moved the call to this party (URI); "" for the first leg
};

struct JournalEntry {
  JournalId id = 0;
  CallId call_id;
  CallDirection direction = CallDirection::Outgoing;
  std::string account;
  std::string local_party;
  std::string remote_party;
  std::string remote_display;
  TimePoint started_at{};
  std::optional<TimePoint> answered_at;
  std::optional<TimePoint> ended_at;
  std::optional<CallEnd> end;
  std::vector<CallLeg> legs;
  std::vector<std::string> recordings;  // REC-1: locations (paths or URLs) of the parts, in order

  // Filled by the caller of CallHistory::add (the NumberNormalizer's key of remote_party).
  std::string remote_number;  // NumberKey::value; "" when the peer has no number
  bool internal = false;      // a colleague's extension (JRN-1 "internal" direction)

  // Derived and kept by the store (core/journal_rules.hpp); ignored by add().
  std::optional<CallStatus> status;  // null: internal or still ringing
  bool new_number = false;
  bool needs_attention = false;
  bool attention_cleared = false;  // a manager cleared "needs attention"
  std::string comment;

  // Joined from the client directory by remote_number when read (DIR-6); ignored by add().
  std::optional<std::int64_t> client_id;  // null: the number belongs to no client
  std::string client_name;

  /// Start to answer, or start to end when never answered; 0 while still ringing.
  std::chrono::seconds wait_duration() const;
  /// Answer to end; 0 when never answered or not ended.
  std::chrono::seconds talk_duration() const;
};

class CallHistory {
 public:
  virtual ~CallHistory() = default;
  /// Stores a new call (legs included) and returns its journal id.
  virtual Result<JournalId> add(const JournalEntry& entry) = 0;
  virtual Result<void> mark_answered(JournalId id, TimePoint at) = 0;
  virtual Result<void> mark_ended(JournalId id, TimePoint at, const CallEnd& end) = 0;
  /// Records that the process was alive with this call open; used to close it after a crash.
  virtual Result<void> touch(JournalId id, TimePoint at) = 0;
  /// Appends a leg (a transfer's new party) to a call; its index is the next free one.
  virtual Result<int> add_leg(JournalId id, const CallLeg& leg) = 0;
  /// The leg's party answered (the transfer succeeded).
  virtual Result<void> mark_leg_answered(JournalId id, int index, TimePoint at) = 0;
  /// Closes entries left open by a process that died: ended at the last touch, EndedBy::System,
  /// reason "interrupted". Returns how many were closed.
  virtual Result<int> recover_unfinished() = 0;
  /// Newest first.
  virtual Result<std::vector<JournalEntry>> recent(int limit) const = 0;
  virtual Result<JournalEntry> get(JournalId id) const = 0;
};

}  // namespace telpanel::core
