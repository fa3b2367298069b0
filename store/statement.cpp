// SPDX-License-Identifier: GPL-3.0-or-later
// Prepared-statement RAII, binding and column access over the sqlite3 C API. Main thread.
#include "store/statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "store/database.hpp"

namespace telpanel::store {

StatementCache::~StatementCache() {
  for (auto& [sql, stmt] : m_idle) sqlite3_finalize(stmt);
}

core::Result<sqlite3_stmt*> StatementCache::take(std::string_view sql) {
  if (auto it = m_idle.find(std::string(sql)); it != m_idle.end()) {
    sqlite3_stmt* stmt = it->second;
    m_idle.erase(it);
    return stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return sqlite_error(m_db, rc, "cannot prepare " + quote_sql(sql));
  }
  return stmt;
}

void StatementCache::give_back(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);  // ends the statement's implicit read/write transaction
  sqlite3_clear_bindings(stmt);
  // Two leases of the same SQL at once are rare (nested queries); keep one, drop the other.
  auto [it, inserted] = m_idle.try_emplace(sqlite3_sql(stmt), stmt);
  if (!inserted) sqlite3_finalize(stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_cache(other.m_cache),
      m_bind_error(std::move(other.m_bind_error)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    m_db = other.m_db;
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_cache = other.m_cache;
    m_bind_error = std::move(other.m_bind_error);
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() noexcept {
  if (!m_stmt) return;
  if (m_cache) {
    try {
      m_cache->give_back(m_stmt);
    } catch (...) {  // out of memory while caching: just drop the statement
      sqlite3_finalize(m_stmt);
    }
  } else {
    sqlite3_finalize(m_stmt);
  }
  m_stmt = nullptr;
}

void Statement::keep_bind_error(int rc, int index) {
  if (rc == SQLITE_OK || m_bind_error) return;
  m_bind_error = sqlite_error(
      m_db, rc,
      "cannot bind parameter " + std::to_string(index) + " of " + quote_sql(sqlite3_sql(m_stmt)));
}

Statement& Statement::bind(int index, std::int64_t value) {
  keep_bind_error(sqlite3_bind_int64(m_stmt, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  keep_bind_error(
      sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  keep_bind_error(sqlite3_bind_null(m_stmt, index), index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind(index, nullptr);
}

core::Result<bool> Statement::step() {
  if (m_bind_error) return *m_bind_error;
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(m_db, rc, "cannot run " + quote_sql(sqlite3_sql(m_stmt)));
}

core::Result<void> Statement::run() {
  auto r = step();
  if (!r) return r.error();
  while (*r) {  // a statement with RETURNING or a stray SELECT: finish it
    r = step();
    if (!r) return r.error();
  }
  return {};
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(m_stmt, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

}  // namespace telpanel::store
