// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteSettingsStore: core::SettingsStore on the personal_settings table (schema v4): the
// user's own settings live with the user's database. Main thread.
#pragma once

#include "core/personal_settings.hpp"

namespace telpanel::store {

class Database;

class SqliteSettingsStore final : public core::SettingsStore {
 public:
  explicit SqliteSettingsStore(Database& db) : m_db(db) {}
  core::Result<std::vector<std::pair<std::string, std::string>>> load() const override;
  core::Result<void> save(const std::string& key, const std::string& value) override;

 private:
  Database& m_db;
};

}  // namespace telpanel::store
