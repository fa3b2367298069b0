// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlite_settings_store.hpp"

#include "store/database.hpp"

namespace telpanel::store {

core::Result<std::vector<std::pair<std::string, std::string>>> SqliteSettingsStore::load() const {
  auto stmt = m_db.prepare("SELECT key, value FROM personal_settings ORDER BY key");
  if (!stmt) return stmt.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace_back(stmt->column_text(0), stmt->column_text(1));
  }
  return out;
}

core::Result<void> SqliteSettingsStore::save(const std::string& key, const std::string& value) {
  auto stmt = m_db.prepare(
      "INSERT INTO personal_settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.error();
  return stmt->bind(1, key).bind(2, value).run();
}

}  // namespace telpanel::store
