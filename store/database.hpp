// SPDX-License-Identifier: GPL-3.0-or-later
// Database: the one SQLite connection (RAII), opened in WAL mode and migrated to the current
// schema; also the one place SQLITE_* codes become core errors. Main thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/statement.hpp"

struct sqlite3;

namespace telpanel::store {

struct Migration;

/// Maps an SQLite result code (and the connection's last message) to a core::Error whose detail
/// starts with `context`. SQLITE_FULL is ErrorCode::Io ("disk full"), everything else Database.
core::Error sqlite_error(sqlite3* db, int rc, std::string_view context);
/// `sql` quoted, on one line and cut to a readable length, for error details.
std::string quote_sql(std::string_view sql);

class Database {
 public:
  /// Opens or creates the file (its directory must exist), sets WAL, foreign keys and a busy
  /// timeout, and applies every pending migration. ":memory:" gives a private in-memory database.
  static core::Result<Database> open(const std::string& path);
  /// Same, but migrates only through `steps` (tests build old schema versions with it).
  static core::Result<Database> open(const std::string& path, std::span<const Migration> steps);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const std::string& path() const { return m_path; }

  /// Runs one or more SQL statements without results (schema changes, pragmas).
  core::Result<void> exec(std::string_view sql);
  /// A prepared statement for `sql`, reused across calls; see Statement.
  core::Result<Statement> prepare(std::string_view sql);
  /// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it returns an error.
  core::Result<void> transaction(const std::function<core::Result<void>()>& body);

  std::int64_t last_insert_rowid() const;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const;

 private:
  Database(sqlite3* db, std::string path);
  void close() noexcept;

  sqlite3* m_db = nullptr;
  std::string m_path;
  std::unique_ptr<StatementCache> m_cache;  // on the heap: leased Statements point into it
};

}  // namespace telpanel::store
