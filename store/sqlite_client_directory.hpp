// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteClientDirectory: core::ClientDirectory on the clients/contact_persons/client_phones
// tables (schema v2) of a store::Database; numbers become keys through the injected
// core::NumberNormalizer. Search is in sqlite_client_search.cpp. Main thread (the Database's).
#pragma once

#include <optional>
#include <string>

#include "core/client_directory.hpp"
#include "core/number_normalizer.hpp"

namespace telpanel::store {

class Database;

class SqliteClientDirectory final : public core::ClientDirectory {
 public:
  /// `db` (migrated) and `numbers` must outlive this object.
  SqliteClientDirectory(Database& db, const core::NumberNormalizer& numbers)
      : m_db(db), m_numbers(numbers) {}

  core::Result<core::ClientId> create(const core::Client& client) override;
  core::Result<core::Client> get(core::ClientId id) const override;
  core::Result<void> update(const core::Client& client) override;
  core::Result<void> remove(core::ClientId id) override;
  core::Result<core::ContactId> add_contact(core::ClientId client, const std::string& name,
                                            const std::string& email) override;
  core::Result<void> bind_number(std::string_view number, core::ClientId client,
                                 std::optional<core::ContactId> contact) override;
  core::Result<void> unbind_number(std::string_view number) override;
  core::Result<std::optional<core::CallerMatch>> lookup(std::string_view number) const override;
  core::Result<std::vector<core::SearchHit>> search(std::string_view query,
                                                    int limit) const override;
  core::Result<std::vector<core::JournalId>> calls_for_client(core::ClientId id) const override;
  core::Result<std::vector<core::Client>> all() const override;
  core::Result<core::ImportReport> import(const std::vector<core::ImportRecord>& records) override;

 private:
  // The parts of create()/import() that run inside the caller's transaction.
  core::Result<core::ClientId> insert_client(const core::Client& client);
  core::Result<void> insert_people_and_phones(core::ClientId id, const core::Client& client,
                                              int& phones_added);
  core::Result<core::ContactId> insert_contact(core::ClientId client, const std::string& name,
                                               const std::string& email);
  /// The key of `number`, or InvalidArgument when it is none or an internal extension.
  core::Result<core::NumberKey> client_number_key(std::string_view number) const;
  /// False when the client already has the number (nothing to add).
  core::Result<bool> insert_phone(core::ClientId client, std::optional<core::ContactId> contact,
                                  const core::ClientPhone& phone);
  core::Result<void> check_client(core::ClientId id) const;
  core::Result<std::optional<core::ClientId>> find_by_name(const std::string& name,
                                                           const std::string& organization) const;

  Database& m_db;
  const core::NumberNormalizer& m_numbers;
};

}  // namespace telpanel::store
