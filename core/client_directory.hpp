// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the client directory (DIR-1..7): clients with contact persons and phone numbers, caller
// ID by number key, smart search, binding numbers and the calls that belong to a client.
// Implemented by store::SqliteClientDirectory. Main thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/call_history.hpp"
#include "core/result.hpp"

namespace telpanel::core {

using ClientId = std::int64_t;
using ContactId = std::int64_t;

struct ClientPhone {
  std::string number;  ///< as typed or imported ("8 (912) 345-67-89")
  std::string key;     ///< NumberKey::value; filled by the directory
  std::string label;   ///< "work", "cell"...; may be empty

  bool operator==(const ClientPhone&) const = default;
};

struct ContactPerson {
  ContactId id = 0;
  std::string name;
  std::string email;
  std::vector<ClientPhone> phones;

  bool operator==(const ContactPerson&) const = default;
};

/// A company or a person. `phones` are the client's own numbers; each contact person has theirs.
struct Client {
  ClientId id = 0;
  std::string name;
  std::string organization;
  std::string email;
  std::string note;
  std::vector<ClientPhone> phones;
  std::vector<ContactPerson> contacts;

  bool operator==(const Client&) const = default;
};

/// Who a number belongs to (caller ID, DIR-3).
struct CallerMatch {
  ClientId client = 0;
  std::string client_name;
  std::optional<ContactId> contact;
  std::string contact_name;  ///< "" when the number is the client's own
  std::string key;

  bool operator==(const CallerMatch&) const = default;
};

/// Search tiers, best first: how a hit matched the query (DIR-4).
enum class SearchMatch {
  ExactNumber,    // the query is a whole number that is in the directory
  NumberPrefix,   // a number starts with the query's digits
  NumberInfix,    // a number contains them
  NameExact,      // client name equals the query (ignoring case)
  NamePrefix,     // client name starts with it
  ContactPrefix,  // a contact person's name starts with it
  NameInfix,      // client name or organization contains it
  ContactInfix,   // a contact person's name contains it
};
const char* search_match_name(SearchMatch m);

struct SearchHit {
  ClientId client = 0;
  std::string client_name;
  std::optional<ContactId> contact;
  std::string contact_name;
  std::string number;  ///< the matching number's key, else the client's first number (or "")
  SearchMatch match = SearchMatch::NameInfix;
};

/// One record of an import file and the line it starts on (for error reports).
struct ImportRecord {
  int line = 0;
  Client client;
};

struct ImportProblem {
  int line = 0;
  std::string message;
};

struct ImportReport {
  int records = 0;  ///< records read from the file (good and bad)
  int clients_created = 0;
  int phones_added = 0;
  std::vector<ImportProblem> problems;  ///< bad records, skipped; everything else is kept
};

class ClientDirectory {
 public:
  virtual ~ClientDirectory() = default;

  /// Stores a new client with its contacts and phones (ids in `client` are ignored). Fails with
  /// InvalidArgument for an empty name, a phone that holds no number or an internal extension,
  /// and when a number already belongs to someone (the message names them).
  virtual Result<ClientId> create(const Client& client) = 0;
  virtual Result<Client> get(ClientId id) const = 0;
  /// Changes name, organization, email and note (not phones or contacts).
  virtual Result<void> update(const Client& client) = 0;
  virtual Result<void> remove(ClientId id) = 0;
  virtual Result<ContactId> add_contact(ClientId client, const std::string& name,
                                        const std::string& email) = 0;

  /// DIR-5: gives `number` to the client, or to one of its contact persons. A number that
  /// belongs to another client is refused; within the same client it moves.
  virtual Result<void> bind_number(std::string_view number, ClientId client,
                                   std::optional<ContactId> contact) = 0;
  virtual Result<void> unbind_number(std::string_view number) = 0;

  /// DIR-3: the owner of `number` in any formatting, or nullopt.
  virtual Result<std::optional<CallerMatch>> lookup(std::string_view number) const = 0;
  /// DIR-4: best hits first (see SearchMatch), at most `limit`, one per client and contact.
  virtual Result<std::vector<SearchHit>> search(std::string_view query, int limit) const = 0;

  /// DIR-6/DIR-7: the journal entries whose remote number is one of the client's (its own and
  /// its contact persons'), newest first. Calls made before the number was bound are included.
  virtual Result<std::vector<JournalId>> calls_for_client(ClientId id) const = 0;

  /// Every client with contacts and phones, by name (export).
  virtual Result<std::vector<Client>> all() const = 0;
  /// Stores good records (one transaction), reports bad ones by line; never stops at the first.
  /// A record whose name and organization equal an existing client's adds its phones and
  /// contact persons to that client (numbers it already has are no error), so a file split
  /// into rows per phone comes together and importing it again changes nothing.
  virtual Result<ImportReport> import(const std::vector<ImportRecord>& records) = 0;
};

}  // namespace telpanel::core
