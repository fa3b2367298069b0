// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLite connection: open/configure/close, exec, transactions, and SQLITE_* → core::Error.
// Main thread.
#include "store/database.hpp"

#include <sqlite3.h>

#include <utility>

#include "store/migrations.hpp"

namespace telpanel::store {

namespace {
// Long enough to ride out another process's checkpoint, short enough not to freeze the panel.
constexpr int busy_timeout_ms = 2000;
}  // namespace

core::Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  const int primary = rc & 0xff;
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (message.empty() || message == "not an error") message = sqlite3_errstr(rc);
  std::string detail(context);
  if (primary == SQLITE_FULL) {
    return core::make_error(core::ErrorCode::Io, detail + ": disk full (" + message + ")");
  }
  return core::make_error(core::ErrorCode::Database, detail + ": " + message);
}

std::string quote_sql(std::string_view sql) {
  constexpr std::size_t max_chars = 60;
  std::string out = "\"";
  bool space = false;
  for (const char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = out.size() > 1;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() > max_chars) {
      out += "...";
      break;
    }
  }
  return out + "\"";
}

core::Result<Database> Database::open(const std::string& path) { return open(path, migrations()); }

core::Result<Database> Database::open(const std::string& path, std::span<const Migration> steps) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // From here the handle is owned (sqlite3_open_v2 allocates one even when it fails).
  Database db(raw, path);
  const std::string context = "cannot open database " + path;
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, context);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  // The first statement reads the file header, so "file is not a database" surfaces here.
  // journal_mode stays "memory" for ":memory:", which is fine.
  const char* setup =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
  if (const int setup_rc = sqlite3_exec(raw, setup, nullptr, nullptr, nullptr);
      setup_rc != SQLITE_OK) {
    return sqlite_error(raw, setup_rc, context);
  }
  if (auto r = migrate(db, steps); !r) {
    return core::make_error(r.error().code, context + ": " + r.error().detail);
  }
  return db;
}

Database::Database(sqlite3* db, std::string path)
    : m_db(db), m_path(std::move(path)), m_cache(std::make_unique<StatementCache>(db)) {}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_cache(std::move(other.m_cache)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_cache = std::move(other.m_cache);
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() noexcept {
  m_cache.reset();  // finalizes cached statements; close would fail with them alive
  if (m_db) sqlite3_close_v2(m_db);
  m_db = nullptr;
}

core::Result<void> Database::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(m_db, rc, "cannot run " + quote_sql(text));
  return {};
}

core::Result<Statement> Database::prepare(std::string_view sql) {
  auto stmt = m_cache->take(sql);
  if (!stmt) return stmt.error();
  return Statement(m_db, *stmt, m_cache.get());
}

core::Result<void> Database::transaction(const std::function<core::Result<void>()>& body) {
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
  core::Result<void> result;
  try {
    result = body();
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
  if (!result) {
    exec("ROLLBACK");  // keeps the body's error, which says what went wrong
    return result;
  }
  if (auto r = exec("COMMIT"); !r) {
    if (!sqlite3_get_autocommit(m_db)) exec("ROLLBACK");
    return r;
  }
  return {};
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

int Database::changes() const { return sqlite3_changes(m_db); }

}  // namespace telpanel::store
