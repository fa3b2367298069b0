// SPDX-License-Identifier: GPL-3.0-or-later
// Statement: one prepared SQLite statement with bind/step/column helpers, lent out of a
// Database's cache and handed back (reset) when it goes out of scope. Main thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace telpanel::store {

/// Prepared statements of one connection, keyed by their SQL text; owned by Database.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : m_db(db) {}
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  /// A statement ready to bind (a cached one, or newly prepared).
  core::Result<sqlite3_stmt*> take(std::string_view sql);
  /// Resets and keeps `stmt` for the next take() of the same SQL.
  void give_back(sqlite3_stmt* stmt);

 private:
  sqlite3* m_db;
  std::unordered_map<std::string, sqlite3_stmt*> m_idle;
};

/// Parameters are 1-based (`?1`), columns 0-based, as in sqlite3_bind_* / sqlite3_column_*.
/// bind() errors are kept and reported by the next step()/run(). Must not outlive its Database.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, StatementCache* cache)
      : m_db(db), m_stmt(stmt), m_cache(cache) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);

  /// Runs to the next row: true when a row is ready for column_*(), false when done.
  core::Result<bool> step();
  /// Runs a statement that returns no rows (INSERT/UPDATE/DELETE) to completion.
  core::Result<void> run();

  bool column_is_null(int column) const;
  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;  // "" for NULL
  std::optional<std::int64_t> column_optional_int64(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  void release() noexcept;
  void keep_bind_error(int rc, int index);

  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
  StatementCache* m_cache;  // null: finalized on destruction instead of cached
  std::optional<core::Error> m_bind_error;
};

}  // namespace telpanel::store
