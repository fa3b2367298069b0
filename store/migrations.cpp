// SPDX-License-Identifier: GPL-3.0-or-later
// Schema steps v1..vN and the code that applies them. Main thread.
#include "store/migrations.hpp"

#include <string>

#include "store/database.hpp"

namespace telpanel::store {

namespace {

// Times are unix milliseconds (UTC). A NULL ended_at marks a call still open (or left open by a
// crash, see SqliteCallHistory::recover_unfinished); alive_at is the last sign of life.
constexpr const char* v1_calls = R"sql(
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  account TEXT NOT NULL DEFAULT '',
  local_party TEXT NOT NULL DEFAULT '',
  remote_party TEXT NOT NULL DEFAULT '',
  remote_display TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  alive_at INTEGER,
  ended_by TEXT CHECK (ended_by IN ('local', 'remote', 'system')),
  sip_status INTEGER,
  end_reason TEXT,
  end_detail TEXT
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_open ON calls (started_at) WHERE ended_at IS NULL;
CREATE TABLE call_legs (
  call_ref INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  party TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  PRIMARY KEY (call_ref, idx)
) WITHOUT ROWID;
)sql";

// v2, the client directory (DIR-1..7). Numbers are kept as typed and as their NumberKey
// (number_key, unique: one owner per number, the caller-ID index). search_* columns hold
// text folded by store/text_fold.hpp: search_name for prefix range scans on a plain index,
// search_text/search_name/search_digits again in trigram FTS5 tables (external content, kept in
// step by the triggers) for infix search. search_digits = key digits, a space, typed digits.
constexpr const char* v2_directory = R"sql(
CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  organization TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  search_name TEXT NOT NULL,
  search_text TEXT NOT NULL
);
CREATE INDEX clients_search_name ON clients (search_name);
CREATE TABLE contact_persons (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name <> ''),
  email TEXT NOT NULL DEFAULT '',
  search_name TEXT NOT NULL
);
CREATE INDEX contact_persons_client ON contact_persons (client_id);
CREATE INDEX contact_persons_search_name ON contact_persons (search_name);
CREATE TABLE client_phones (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  contact_id INTEGER REFERENCES contact_persons (id) ON DELETE CASCADE,
  number TEXT NOT NULL,
  number_key TEXT NOT NULL UNIQUE CHECK (number_key <> ''),
  label TEXT NOT NULL DEFAULT '',
  search_digits TEXT NOT NULL
);
CREATE INDEX client_phones_client ON client_phones (client_id);
CREATE INDEX client_phones_contact ON client_phones (contact_id);
CREATE INDEX client_phones_search_digits ON client_phones (search_digits);

CREATE VIRTUAL TABLE clients_fts USING fts5(
  search_text, content='clients', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE contact_persons_fts USING fts5(
  search_name, content='contact_persons', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE client_phones_fts USING fts5(
  search_digits, content='client_phones', content_rowid='id', tokenize='trigram');

CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients BEGIN
  INSERT INTO clients_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients BEGIN
  INSERT INTO clients_fts (clients_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER clients_fts_update AFTER UPDATE OF search_text ON clients BEGIN
  INSERT INTO clients_fts (clients_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
  INSERT INTO clients_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contact_persons_fts_insert AFTER INSERT ON contact_persons BEGIN
  INSERT INTO contact_persons_fts (rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE TRIGGER contact_persons_fts_delete AFTER DELETE ON contact_persons BEGIN
  INSERT INTO contact_persons_fts (contact_persons_fts, rowid, search_name)
    VALUES ('delete', old.id, old.search_name);
END;
CREATE TRIGGER contact_persons_fts_update AFTER UPDATE OF search_name ON contact_persons BEGIN
  INSERT INTO contact_persons_fts (contact_persons_fts, rowid, search_name)
    VALUES ('delete', old.id, old.search_name);
  INSERT INTO contact_persons_fts (rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE TRIGGER client_phones_fts_insert AFTER INSERT ON client_phones BEGIN
  INSERT INTO client_phones_fts (rowid, search_digits) VALUES (new.id, new.search_digits);
END;
CREATE TRIGGER client_phones_fts_delete AFTER DELETE ON client_phones BEGIN
  INSERT INTO client_phones_fts (client_phones_fts, rowid, search_digits)
    VALUES ('delete', old.id, old.search_digits);
END;
CREATE TRIGGER client_phones_fts_update AFTER UPDATE OF search_digits ON client_phones BEGIN
  INSERT INTO client_phones_fts (client_phones_fts, rowid, search_digits)
    VALUES ('delete', old.id, old.search_digits);
  INSERT INTO client_phones_fts (rowid, search_digits) VALUES (new.id, new.search_digits);
END;
)sql";

// v3 journal (JRN-2..6): the number calls are matched on, the derived status and indicators the
// store keeps current (core/journal_rules.hpp), comments and per-user columns. remote_number
// NULL marks a row not normalised yet: rows from before v3 are filled in by
// SqliteCallJournal::backfill() when the panel opens the file, since normalising needs the
// NumberNormalizer, which SQL does not have. Statuses that need no number are filled here.
constexpr const char* v3_journal = R"sql(
ALTER TABLE calls ADD COLUMN remote_number TEXT;
ALTER TABLE calls ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN status TEXT
  CHECK (status IN ('accepted', 'reached', 'no_answer', 'lost', 'cancelled'));
ALTER TABLE calls ADD COLUMN new_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN needs_attention INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN attention_cleared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN comment TEXT NOT NULL DEFAULT '';
UPDATE calls SET status = CASE
  WHEN answered_at IS NOT NULL AND direction = 'incoming' THEN 'accepted'
  WHEN answered_at IS NOT NULL THEN 'reached'
  WHEN ended_at IS NOT NULL AND direction = 'outgoing' THEN 'cancelled' END;
CREATE INDEX calls_number ON calls (remote_number, started_at);
-- A full number typed in another formatting ("8 912 …" for "+7912…") is found by its last ten
-- digits, the national number without trunk or country prefix.
CREATE INDEX calls_number_tail ON calls (substr(remote_number, -10));
CREATE INDEX calls_status ON calls (status, started_at);
CREATE INDEX calls_attention ON calls (started_at) WHERE needs_attention = 1;
CREATE INDEX calls_first_contact ON calls (started_at) WHERE new_number = 1;
CREATE INDEX calls_unnormalised ON calls (id) WHERE remote_number IS NULL;
-- JRN-5 search: substrings of the number, addresses, names and comment through a trigram
-- index (case-insensitive, any 3+ characters), kept in step with calls by triggers.
CREATE VIRTUAL TABLE calls_search USING fts5(
  remote_number, remote_party, remote_display, comment, local_party, account,
  content = 'calls', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO calls_search (calls_search) VALUES ('rebuild');
CREATE TRIGGER calls_search_insert AFTER INSERT ON calls BEGIN
  INSERT INTO calls_search (rowid, remote_number, remote_party, remote_display, comment,
                            local_party, account)
  VALUES (new.id, new.remote_number, new.remote_party, new.remote_display, new.comment,
          new.local_party, new.account);
END;
CREATE TRIGGER calls_search_delete AFTER DELETE ON calls BEGIN
  INSERT INTO calls_search (calls_search, rowid, remote_number, remote_party, remote_display,
                            comment, local_party, account)
  VALUES ('delete', old.id, old.remote_number, old.remote_party, old.remote_display, old.comment,
          old.local_party, old.account);
END;
CREATE TRIGGER calls_search_update
AFTER UPDATE OF remote_number, remote_party, remote_display, comment, local_party, account
ON calls BEGIN
  INSERT INTO calls_search (calls_search, rowid, remote_number, remote_party, remote_display,
                            comment, local_party, account)
  VALUES ('delete', old.id, old.remote_number, old.remote_party, old.remote_display, old.comment,
          old.local_party, old.account);
  INSERT INTO calls_search (rowid, remote_number, remote_party, remote_display, comment,
                            local_party, account)
  VALUES (new.id, new.remote_number, new.remote_party, new.remote_display, new.comment,
          new.local_party, new.account);
END;
-- Which NumberNormalizer made calls.remote_number ("digits:5", later "libphonenumber:RU"):
-- another one re-keys every row (SqliteCallJournal::backfill).
CREATE TABLE journal_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE journal_columns (
  user TEXT PRIMARY KEY,
  columns TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// v4 (REC-1, ACT-1..3): a call's recorded parts (a file path or an http(s) URL each) and the
// user's personal settings as key/value text (validated by core::PersonalSettings).
constexpr const char* v4_recordings_settings = R"sql(
CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  call_ref INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  location TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER,
  error TEXT,
  UNIQUE (call_ref, part)
);
CREATE TABLE personal_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// v5: the chat outbox (CHAT-9). A message is written here before any network call and kept
// until the server has it; `attempts` counts POSTs begun, so a send whose reply was lost is
// looked for on the server before it is sent again. Files are copies owned by the outbox.
constexpr const char* v5_chat_outbox = R"sql(
CREATE TABLE chat_outbox (
  id INTEGER PRIMARY KEY,
  conversation INTEGER NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  is_private INTEGER NOT NULL DEFAULT 0,
  echo_id TEXT NOT NULL DEFAULT '',
  take_first INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'held', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  first_attempt_at INTEGER,
  message_id INTEGER,
  error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX chat_outbox_pending ON chat_outbox (id) WHERE state = 'pending';
CREATE INDEX chat_outbox_conversation ON chat_outbox (conversation, id);
CREATE TABLE chat_outbox_files (
  entry INTEGER NOT NULL REFERENCES chat_outbox (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entry, idx)
) WITHOUT ROWID;
)sql";

// v6 transfers (XFER-1..4): a leg says how its party was reached ('call' for the first leg,
// 'blind', 'deflect', 'attended', 'referred', 'replaced') and who moved the call there.
constexpr const char* v6_transfer_legs = R"sql(
ALTER TABLE call_legs ADD COLUMN kind TEXT NOT NULL DEFAULT 'call';
ALTER TABLE call_legs ADD COLUMN transferred_by TEXT NOT NULL DEFAULT '';
)sql";

// Append new steps here; numbers are reserved per feature so branches merge without clashes:
// v2 client directory, v3 journal statuses/comments/columns, v4 recordings and personal
// settings, v5 chat outbox, v6 transfers (legs), v7 own presence.
// Append, and a seed for the previous version in
// tests/store/migrations_test.cpp so the upgrade from it is tested.
constexpr Migration all_steps[] = {
    {1, v1_calls},       {2, v2_directory},     {3, v3_journal}, {4, v4_recordings_settings},
    {5, v5_chat_outbox}, {6, v6_transfer_legs},
};

}  // namespace

std::span<const Migration> migrations() { return all_steps; }

int latest_schema_version() { return all_steps[std::size(all_steps) - 1].version; }

core::Result<int> schema_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? static_cast<int>(stmt->column_int64(0)) : 0;
}

core::Result<void> migrate(Database& db, std::span<const Migration> steps) {
  auto current = schema_version(db);
  if (!current) return current.error();
  const int supported = steps.empty() ? 0 : steps.back().version;
  if (*current > supported) {
    return core::make_error(core::ErrorCode::Database,
                            "database schema version " + std::to_string(*current) +
                                " is newer than this telpanel supports (" +
                                std::to_string(supported) + ")");
  }
  for (const auto& step : steps) {
    if (step.version <= *current) continue;
    auto r = db.transaction([&]() -> core::Result<void> {
      if (auto applied = db.exec(step.sql); !applied) return applied;
      // user_version is transactional: the step and its number commit together.
      return db.exec("PRAGMA user_version = " + std::to_string(step.version));
    });
    if (!r) {
      return core::make_error(r.error().code, "schema upgrade to version " +
                                                  std::to_string(step.version) +
                                                  " failed: " + r.error().detail);
    }
  }
  return {};
}

}  // namespace telpanel::store
