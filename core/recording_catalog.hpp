// SPDX-License-Identifier: GPL-3.0-or-later
// Port: where a call's recorded parts are listed (REC-1), linked to its journal entry. A part's
// location is an absolute file path (local recording) or an http(s) URL (a PBX's recording).
// Implemented by store::SqliteRecordingCatalog. Main thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/call_history.hpp"
#include "core/result.hpp"

namespace telpanel::core {

struct RecordingPart {
  std::int64_t id = 0;
  JournalId journal = 0;
  int part = 1;          // 1, 2, ... in call order (hold/resume and transfers start new ones)
  std::string location;  // absolute path or http(s) URL
  TimePoint started_at{};
  std::optional<std::chrono::milliseconds> duration;  // set when the part ended
  std::string error;                                  // why writing it failed ("" = fine)
};

class RecordingCatalog {
 public:
  virtual ~RecordingCatalog() = default;
  /// Lists a new part; returns its id.
  virtual Result<std::int64_t> add(const RecordingPart& part) = 0;
  /// The part ended after `duration`; `error` says why it is incomplete ("" = fine).
  virtual Result<void> finish(std::int64_t id, std::chrono::milliseconds duration,
                              const std::string& error) = 0;
  /// A call's parts in order.
  virtual Result<std::vector<RecordingPart>> parts(JournalId journal) const = 0;
  /// The journal entry of a call id of this or an earlier run (NotFound if none).
  virtual Result<JournalId> journal_for_call(const CallId& call) const = 0;
};

}  // namespace telpanel::core
