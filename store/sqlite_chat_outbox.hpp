// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteChatOutbox: core::ChatOutbox on the chat_outbox tables (schema v5), with copies of the
// attached files in its own directory so the user may delete or change the originals. Main
// thread (the Database's).
#pragma once

#include <string>

#include "core/chat/chat_outbox.hpp"

namespace telpanel::store {

class Database;

class SqliteChatOutbox final : public core::ChatOutbox {
 public:
  /// `db` must be migrated and outlive this object; `files_dir` is created when needed.
  SqliteChatOutbox(Database& db, std::string files_dir)
      : m_db(db), m_files_dir(std::move(files_dir)) {}

  core::Result<std::int64_t> add(const core::OutboxEntry& entry) override;
  core::Result<std::vector<core::OutboxEntry>> pending() const override;
  core::Result<std::vector<core::OutboxEntry>> unsent(std::int64_t conversation) const override;
  core::Result<void> mark_attempt(std::int64_t id, std::int64_t at) override;
  core::Result<void> mark_sent(std::int64_t id, std::int64_t message_id) override;
  core::Result<void> mark_state(std::int64_t id, core::OutboxState state,
                                const std::string& why) override;
  core::Result<std::vector<std::int64_t>> sent_ids(std::int64_t conversation) const override;

 private:
  core::Result<std::vector<core::OutboxEntry>> select(const std::string& where,
                                                      std::int64_t arg) const;
  core::Result<void> load_files(core::OutboxEntry& entry) const;

  Database& m_db;
  std::string m_files_dir;
};

}  // namespace telpanel::store
