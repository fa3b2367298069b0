// SPDX-License-Identifier: GPL-3.0-or-later
// The directory's SQL: clients, contact persons and phones <-> core::Client; caller ID; the one
// join from a client to its calls. Main thread.
#include "store/sqlite_client_directory.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>
#include <utility>

#include "store/database.hpp"
#include "store/text_fold.hpp"

namespace telpanel::store {

namespace {

using core::ClientId;
using core::ContactId;
using core::ErrorCode;
using core::Result;

core::Error invalid(std::string detail) {
  return core::make_error(ErrorCode::InvalidArgument, std::move(detail));
}

core::Error no_client(ClientId id) {
  return core::make_error(ErrorCode::NotFound, "no client " + std::to_string(id));
}

std::string search_digits(const core::NumberKey& key, std::string_view typed) {
  std::string out;
  for (char c : key.value)
    if (c != '+') out += c;
  out += ' ';
  for (char c : typed)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string client_search_text(const core::Client& c) {
  return fold_for_search(c.organization.empty() ? c.name : c.name + " " + c.organization);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<core::NumberKey> SqliteClientDirectory::client_number_key(std::string_view number) const {
  auto key = m_numbers.normalize(number);
  if (key.value.empty()) return invalid("'" + std::string(number) + "' holds no phone number");
  if (key.internal)
    return invalid("'" + std::string(number) +
                   "' is an internal extension (a colleague), not a client's number");
  return key;
}

Result<void> SqliteClientDirectory::check_client(ClientId id) const {
  auto st = m_db.prepare("SELECT 1 FROM clients WHERE id = ?1");
  if (!st) return st.error();
  auto row = st->bind(1, id).step();
  if (!row) return row.error();
  if (!*row) return no_client(id);
  return {};
}

Result<ClientId> SqliteClientDirectory::insert_client(const core::Client& c) {
  if (blank(c.name)) return invalid("a client needs a name");
  auto st = m_db.prepare(
      "INSERT INTO clients (name, organization, email, note, search_name, search_text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.error();
  auto r = st->bind(1, c.name)
               .bind(2, c.organization)
               .bind(3, c.email)
               .bind(4, c.note)
               .bind(5, fold_for_search(c.name))
               .bind(6, client_search_text(c))
               .run();
  if (!r) return r.error();
  return m_db.last_insert_rowid();
}

Result<ContactId> SqliteClientDirectory::insert_contact(ClientId client, const std::string& name,
                                                        const std::string& email) {
  if (blank(name)) return invalid("a contact person needs a name");
  auto st = m_db.prepare(
      "INSERT INTO contact_persons (client_id, name, email, search_name) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  auto r = st->bind(1, client).bind(2, name).bind(3, email).bind(4, fold_for_search(name)).run();
  if (!r) return r.error();
  return m_db.last_insert_rowid();
}

Result<bool> SqliteClientDirectory::insert_phone(ClientId client, std::optional<ContactId> contact,
                                                 const core::ClientPhone& phone) {
  auto key = client_number_key(phone.number);
  if (!key) return key.error();
  auto owner = lookup(key->value);
  if (!owner) return owner.error();
  if (*owner && (*owner)->client == client) return false;  // listed twice (work and cell...)
  if (*owner) {
    const auto& o = **owner;
    std::string owner_text = o.client_name;
    if (o.contact) owner_text.append(", ").append(o.contact_name);
    return invalid("number " + key->value + " already belongs to client " +
                   std::to_string(o.client) + " (" + owner_text + ")");
  }
  auto st = m_db.prepare(
      "INSERT INTO client_phones (client_id, contact_id, number, number_key, label, "
      "search_digits) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.error();
  auto r = st->bind(1, client)
               .bind(2, contact)
               .bind(3, phone.number)
               .bind(4, key->value)
               .bind(5, phone.label)
               .bind(6, search_digits(*key, phone.number))
               .run();
  if (!r) return r.error();
  return true;
}

Result<void> SqliteClientDirectory::insert_people_and_phones(ClientId id, const core::Client& c,
                                                             int& phones_added) {
  for (const auto& phone : c.phones) {
    auto added = insert_phone(id, std::nullopt, phone);
    if (!added) return added.error();
    phones_added += *added ? 1 : 0;
  }
  for (const auto& person : c.contacts) {
    // Merging import records: a contact person of the same name is the same person.
    std::optional<ContactId> contact;
    auto st = m_db.prepare("SELECT id FROM contact_persons WHERE client_id = ?1 AND name = ?2");
    if (!st) return st.error();
    auto row = st->bind(1, id).bind(2, person.name).step();
    if (!row) return row.error();
    if (*row) {
      contact = st->column_int64(0);
    } else {
      auto added = insert_contact(id, person.name, person.email);
      if (!added) return added.error();
      contact = *added;
    }
    for (const auto& phone : person.phones) {
      auto added = insert_phone(id, contact, phone);
      if (!added) return added.error();
      phones_added += *added ? 1 : 0;
    }
  }
  return {};
}

Result<ClientId> SqliteClientDirectory::create(const core::Client& client) {
  ClientId id = 0;
  int phones = 0;
  auto r = m_db.transaction([&]() -> Result<void> {
    auto inserted = insert_client(client);
    if (!inserted) return inserted.error();
    id = *inserted;
    return insert_people_and_phones(id, client, phones);
  });
  if (!r) return r.error();
  return id;
}

Result<core::Client> SqliteClientDirectory::get(ClientId id) const {
  auto st = m_db.prepare("SELECT name, organization, email, note FROM clients WHERE id = ?1");
  if (!st) return st.error();
  auto row = st->bind(1, id).step();
  if (!row) return row.error();
  if (!*row) return no_client(id);
  core::Client c{
      id, st->column_text(0), st->column_text(1), st->column_text(2), st->column_text(3), {}, {}};
  auto people = m_db.prepare(
      "SELECT id, name, email FROM contact_persons WHERE client_id = ?1 ORDER BY name, id");
  if (!people) return people.error();
  people->bind(1, id);
  std::unordered_map<ContactId, std::size_t> index;
  for (;;) {
    auto more = people->step();
    if (!more) return more.error();
    if (!*more) break;
    index[people->column_int64(0)] = c.contacts.size();
    c.contacts.push_back(
        {people->column_int64(0), people->column_text(1), people->column_text(2), {}});
  }
  auto phones = m_db.prepare(
      "SELECT contact_id, number, number_key, label FROM client_phones WHERE client_id = ?1 "
      "ORDER BY id");
  if (!phones) return phones.error();
  phones->bind(1, id);
  for (;;) {
    auto more = phones->step();
    if (!more) return more.error();
    if (!*more) break;
    core::ClientPhone p{phones->column_text(1), phones->column_text(2), phones->column_text(3)};
    auto contact = phones->column_optional_int64(0);
    if (contact && index.count(*contact))
      c.contacts[index[*contact]].phones.push_back(std::move(p));
    else
      c.phones.push_back(std::move(p));
  }
  return c;
}

Result<void> SqliteClientDirectory::update(const core::Client& c) {
  if (blank(c.name)) return invalid("a client needs a name");
  auto st = m_db.prepare(
      "UPDATE clients SET name = ?2, organization = ?3, email = ?4, note = ?5, search_name = ?6, "
      "search_text = ?7 WHERE id = ?1");
  if (!st) return st.error();
  auto r = st->bind(1, c.id)
               .bind(2, c.name)
               .bind(3, c.organization)
               .bind(4, c.email)
               .bind(5, c.note)
               .bind(6, fold_for_search(c.name))
               .bind(7, client_search_text(c))
               .run();
  if (!r) return r;
  if (m_db.changes() == 0) return no_client(c.id);
  return {};
}

Result<void> SqliteClientDirectory::remove(ClientId id) {
  auto st = m_db.prepare("DELETE FROM clients WHERE id = ?1");
  if (!st) return st.error();
  if (auto r = st->bind(1, id).run(); !r) return r;
  if (m_db.changes() == 0) return no_client(id);
  return {};
}

Result<ContactId> SqliteClientDirectory::add_contact(ClientId client, const std::string& name,
                                                     const std::string& email) {
  if (auto r = check_client(client); !r) return r.error();
  return insert_contact(client, name, email);
}

Result<void> SqliteClientDirectory::bind_number(std::string_view number, ClientId client,
                                                std::optional<ContactId> contact) {
  if (auto r = check_client(client); !r) return r;
  if (contact) {
    auto st = m_db.prepare("SELECT client_id FROM contact_persons WHERE id = ?1");
    if (!st) return st.error();
    auto row = st->bind(1, *contact).step();
    if (!row) return row.error();
    if (!*row || st->column_int64(0) != client)
      return core::make_error(ErrorCode::NotFound, "client " + std::to_string(client) +
                                                       " has no contact person " +
                                                       std::to_string(*contact));
  }
  auto key = client_number_key(number);
  if (!key) return key.error();
  auto owner = lookup(key->value);
  if (!owner) return owner.error();
  if (*owner && (*owner)->client == client) {
    // Same client: the number moves between the client and its contact persons.
    auto st = m_db.prepare("UPDATE client_phones SET contact_id = ?2 WHERE number_key = ?1");
    if (!st) return st.error();
    return st->bind(1, key->value).bind(2, contact).run();
  }
  auto added = insert_phone(client, contact, core::ClientPhone{std::string(number), {}, {}});
  if (!added) return added.error();
  return {};
}

Result<void> SqliteClientDirectory::unbind_number(std::string_view number) {
  const auto key = m_numbers.normalize(number);
  auto st = m_db.prepare("DELETE FROM client_phones WHERE number_key = ?1");
  if (!st) return st.error();
  if (auto r = st->bind(1, key.value).run(); !r) return r;
  if (m_db.changes() == 0)
    return core::make_error(ErrorCode::NotFound,
                            "number '" + std::string(number) + "' belongs to no client");
  return {};
}

Result<std::optional<core::CallerMatch>> SqliteClientDirectory::lookup(
    std::string_view number) const {
  auto key = m_numbers.normalize(number);
  if (key.value.empty() || key.internal) return std::optional<core::CallerMatch>();
  auto st = m_db.prepare(
      "SELECT p.client_id, c.name, p.contact_id, cp.name FROM client_phones p "
      "JOIN clients c ON c.id = p.client_id "
      "LEFT JOIN contact_persons cp ON cp.id = p.contact_id WHERE p.number_key = ?1");
  if (!st) return st.error();
  auto row = st->bind(1, key.value).step();
  if (!row) return row.error();
  if (!*row) return std::optional<core::CallerMatch>();
  return std::optional<core::CallerMatch>(core::CallerMatch{st->column_int64(0), st->column_text(1),
                                                            st->column_optional_int64(2),
                                                            st->column_text(3), key.value});
}

// The ONE place a client is joined to the journal (DIR-6, DIR-7): by number key, at query time,
// so calls made before a number was bound are linked the moment it is bound. calls.remote_number
// is the same NumberKey value (schema v3, index calls_number).
Result<std::vector<core::JournalId>> SqliteClientDirectory::calls_for_client(ClientId id) const {
  if (auto r = check_client(id); !r) return r.error();
  auto st = m_db.prepare(
      "SELECT id FROM calls WHERE remote_number IN "
      "(SELECT number_key FROM client_phones WHERE client_id = ?1) "
      "ORDER BY started_at DESC, id DESC");
  if (!st) return st.error();
  st->bind(1, id);
  std::vector<core::JournalId> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back(st->column_int64(0));
  }
  return out;
}

Result<std::vector<core::Client>> SqliteClientDirectory::all() const {
  std::vector<core::Client> out;
  std::unordered_map<ClientId, std::size_t> index;
  auto st = m_db.prepare(
      "SELECT id, name, organization, email, note FROM clients ORDER BY search_name, id");
  if (!st) return st.error();
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    index[st->column_int64(0)] = out.size();
    out.push_back({st->column_int64(0),
                   st->column_text(1),
                   st->column_text(2),
                   st->column_text(3),
                   st->column_text(4),
                   {},
                   {}});
  }
  std::unordered_map<ContactId, std::pair<std::size_t, std::size_t>> people;
  auto cp = m_db.prepare("SELECT id, client_id, name, email FROM contact_persons ORDER BY name");
  if (!cp) return cp.error();
  for (;;) {
    auto more = cp->step();
    if (!more) return more.error();
    if (!*more) break;
    auto& client = out[index.at(cp->column_int64(1))];
    people[cp->column_int64(0)] = {index.at(cp->column_int64(1)), client.contacts.size()};
    client.contacts.push_back({cp->column_int64(0), cp->column_text(2), cp->column_text(3), {}});
  }
  auto ph = m_db.prepare(
      "SELECT client_id, contact_id, number, number_key, label FROM client_phones ORDER BY id");
  if (!ph) return ph.error();
  for (;;) {
    auto more = ph->step();
    if (!more) return more.error();
    if (!*more) break;
    core::ClientPhone p{ph->column_text(2), ph->column_text(3), ph->column_text(4)};
    auto contact = ph->column_optional_int64(1);
    if (contact) {
      const auto [ci, pi] = people.at(*contact);
      out[ci].contacts[pi].phones.push_back(std::move(p));
    } else {
      out[index.at(ph->column_int64(0))].phones.push_back(std::move(p));
    }
  }
  return out;
}

Result<std::optional<ClientId>> SqliteClientDirectory::find_by_name(
    const std::string& name, const std::string& organization) const {
  auto st = m_db.prepare(
      "SELECT id FROM clients WHERE search_name = ?1 AND name = ?2 AND organization = ?3 "
      "ORDER BY id LIMIT 1");
  if (!st) return st.error();
  auto row = st->bind(1, fold_for_search(name)).bind(2, name).bind(3, organization).step();
  if (!row) return row.error();
  if (!*row) return std::optional<ClientId>();
  return std::optional<ClientId>(st->column_int64(0));
}

Result<core::ImportReport> SqliteClientDirectory::import(
    const std::vector<core::ImportRecord>& records) {
  core::ImportReport report;
  report.records = static_cast<int>(records.size());
  auto r = m_db.transaction([&]() -> Result<void> {
    for (const auto& rec : records) {
      if (auto s = m_db.exec("SAVEPOINT record"); !s) return s;
      int phones = 0;
      bool is_new = false;
      auto stored = [&]() -> Result<void> {
        // A client of the same name and organization is the same client: CSV rows per phone
        // or contact person come together, and importing a file again adds nothing twice.
        auto existing = find_by_name(rec.client.name, rec.client.organization);
        if (!existing) return existing.error();
        ClientId id = existing->value_or(0);
        if (!*existing) {
          auto inserted = insert_client(rec.client);
          if (!inserted) return inserted.error();
          id = *inserted;
          is_new = true;
        }
        return insert_people_and_phones(id, rec.client, phones);
      }();
      if (stored) {
        report.clients_created += is_new ? 1 : 0;
        report.phones_added += phones;
        if (auto s = m_db.exec("RELEASE record"); !s) return s;
      } else {
        if (stored.error().code != ErrorCode::InvalidArgument) return stored;
        report.problems.push_back({rec.line, stored.error().detail});
        if (auto s = m_db.exec("ROLLBACK TO record; RELEASE record"); !s) return s;
      }
    }
    return {};
  });
  if (!r) return r.error();
  return report;
}

}  // namespace telpanel::store
