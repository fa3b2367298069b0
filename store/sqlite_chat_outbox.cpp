// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlite_chat_outbox.hpp"

#include <filesystem>
#include <system_error>

#include "store/database.hpp"

namespace telpanel::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kColumns =
    "SELECT id, conversation, text, is_private, echo_id, take_first, state, attempts, "
    "first_attempt_at, message_id, error, created_at FROM chat_outbox ";

core::OutboxState state_from(const std::string& s) {
  if (s == "sent") return core::OutboxState::Sent;
  if (s == "held") return core::OutboxState::Held;
  if (s == "failed") return core::OutboxState::Failed;
  return core::OutboxState::Pending;
}

}  // namespace

core::Result<std::int64_t> SqliteChatOutbox::add(const core::OutboxEntry& entry) {
  std::vector<std::string> copies;
  std::int64_t id = 0;
  auto r = m_db.transaction([&]() -> core::Result<void> {
    auto st = m_db.prepare(
        "INSERT INTO chat_outbox (conversation, text, is_private, echo_id, take_first, state, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)");
    if (!st) return st.error();
    st->bind(1, entry.conversation)
        .bind(2, entry.message.text)
        .bind(3, entry.message.is_private ? 1 : 0)
        .bind(4, entry.message.echo_id)
        .bind(5, entry.take_first ? 1 : 0)
        .bind(6, entry.created_at);
    if (auto done = st->run(); !done) return done;
    id = m_db.last_insert_rowid();
    int idx = 0;
    for (const auto& f : entry.message.files) {
      std::error_code ec;
      fs::create_directories(m_files_dir, ec);
      const std::string copy =
          m_files_dir + "/" + std::to_string(id) + "-" + std::to_string(idx) + "-" + f.name;
      if (!fs::copy_file(f.path, copy, fs::copy_options::overwrite_existing, ec))
        return core::make_error(core::ErrorCode::Io, "cannot keep a copy of " + f.path +
                                                         " for sending: " + ec.message());
      copies.push_back(copy);
      auto fst = m_db.prepare(
          "INSERT INTO chat_outbox_files (entry, idx, path, name, content_type) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!fst) return fst.error();
      fst->bind(1, id).bind(2, idx).bind(3, copy).bind(4, f.name).bind(5, f.content_type);
      if (auto done = fst->run(); !done) return done;
      ++idx;
    }
    return {};
  });
  if (!r) {
    std::error_code ec;
    for (const auto& c : copies) fs::remove(c, ec);
    return r.error();
  }
  return id;
}

core::Result<void> SqliteChatOutbox::load_files(core::OutboxEntry& entry) const {
  auto st = m_db.prepare(
      "SELECT path, name, content_type FROM chat_outbox_files WHERE entry = ?1 ORDER BY idx");
  if (!st) return st.error();
  st->bind(1, entry.id);
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    entry.message.files.push_back({st->column_text(0), st->column_text(1), st->column_text(2)});
  }
  return {};
}

core::Result<std::vector<core::OutboxEntry>> SqliteChatOutbox::select(const std::string& where,
                                                                      std::int64_t arg) const {
  auto st = m_db.prepare(std::string(kColumns) + where + " ORDER BY id");
  if (!st) return st.error();
  if (where.find("?1") != std::string::npos) st->bind(1, arg);
  std::vector<core::OutboxEntry> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    core::OutboxEntry e;
    e.id = st->column_int64(0);
    e.conversation = st->column_int64(1);
    e.message.text = st->column_text(2);
    e.message.is_private = st->column_int64(3) != 0;
    e.message.echo_id = st->column_text(4);
    e.take_first = st->column_int64(5) != 0;
    e.state = state_from(st->column_text(6));
    e.attempts = static_cast<int>(st->column_int64(7));
    e.first_attempt_at = st->column_optional_int64(8).value_or(0);
    e.message_id = st->column_optional_int64(9).value_or(0);
    e.error = st->column_text(10);
    e.created_at = st->column_int64(11);
    out.push_back(std::move(e));
  }
  for (auto& e : out)
    if (auto r = load_files(e); !r) return r.error();
  return out;
}

core::Result<std::vector<core::OutboxEntry>> SqliteChatOutbox::pending() const {
  return select("WHERE state = 'pending'", 0);
}

core::Result<std::vector<core::OutboxEntry>> SqliteChatOutbox::unsent(
    std::int64_t conversation) const {
  return select("WHERE conversation = ?1 AND state != 'sent'", conversation);
}

core::Result<void> SqliteChatOutbox::mark_attempt(std::int64_t id, std::int64_t at) {
  auto st = m_db.prepare(
      "UPDATE chat_outbox SET attempts = attempts + 1, "
      "first_attempt_at = coalesce(first_attempt_at, ?2) WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, at);
  return st->run();
}

core::Result<void> SqliteChatOutbox::mark_sent(std::int64_t id, std::int64_t message_id) {
  core::OutboxEntry e;
  e.id = id;
  if (auto r = load_files(e); !r) return r;
  auto st = m_db.prepare(
      "UPDATE chat_outbox SET state = 'sent', message_id = ?2, error = '' WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, message_id);
  if (auto r = st->run(); !r) return r;
  // The server has the files now; our copies are no longer needed.
  std::error_code ec;
  for (const auto& f : e.message.files) fs::remove(f.path, ec);
  return {};
}

core::Result<void> SqliteChatOutbox::mark_state(std::int64_t id, core::OutboxState state,
                                                const std::string& why) {
  auto st = m_db.prepare("UPDATE chat_outbox SET state = ?2, error = ?3 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, core::outbox_state_name(state)).bind(3, why);
  return st->run();
}

core::Result<std::vector<std::int64_t>> SqliteChatOutbox::sent_ids(
    std::int64_t conversation) const {
  auto st = m_db.prepare(
      "SELECT message_id FROM chat_outbox WHERE conversation = ?1 AND state = 'sent' "
      "AND message_id IS NOT NULL ORDER BY id DESC LIMIT 200");
  if (!st) return st.error();
  st->bind(1, conversation);
  std::vector<std::int64_t> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(st->column_int64(0));
  }
  return out;
}

}  // namespace telpanel::store
