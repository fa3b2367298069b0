// SPDX-License-Identifier: GPL-3.0-or-later
// Port: a source of call records for the journal's scope (JRN-9). The panel's own calls come
// from the local journal (LocalCallRecordSource); company-wide calls will come from a PBX's
// call detail records (an adapter per PBX, e.g. over HTTP), answering the same JournalQuery.
// Main thread; a remote source answers asynchronously.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/journal_query.hpp"

namespace telpanel::core {

class CallRecordSource {
 public:
  using Done = std::function<void(Result<std::vector<JournalEntry>>)>;

  virtual ~CallRecordSource() = default;
  /// A stable name for the source ("local", "pbx:NAME"); entries of several sources are told
  /// apart by it.
  virtual std::string name() const = 0;
  /// Whether the records cover every employee's calls (a PBX) or only this panel's.
  virtual bool is_company_wide() const = 0;
  /// The records matching `query`, in its order. `done` runs exactly once, on the main thread;
  /// a local source may run it before returning, a remote one later. Status and indicators
  /// follow the same rules (core/journal_rules.hpp) whoever computes them.
  virtual void fetch(const JournalQuery& query, Done done) = 0;
};

/// The panel's own journal as a CallRecordSource.
class LocalCallRecordSource final : public CallRecordSource {
 public:
  explicit LocalCallRecordSource(const CallJournal& journal) : m_journal(journal) {}
  std::string name() const override { return "local"; }
  bool is_company_wide() const override { return false; }
  void fetch(const JournalQuery& query, Done done) override { done(m_journal.query(query)); }

 private:
  const CallJournal& m_journal;
};

}  // namespace telpanel::core
