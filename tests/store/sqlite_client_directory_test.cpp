// SPDX-License-Identifier: GPL-3.0-or-later
// store::SqliteClientDirectory against a real SQLite file: CRUD, caller ID in any formatting,
// binding numbers, earlier calls linked by number, search ranking, import with bad records.
#include "store/sqlite_client_directory.hpp"

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "tests/store/temp_dir.hpp"
#include "tests/support/fake_number_normalizer.hpp"

namespace telpanel::store {
namespace {

using core::Client;
using core::ClientPhone;
using core::ContactPerson;
using core::SearchMatch;

Client make_client(const std::string& name, std::vector<std::string> numbers = {},
                   const std::string& organization = "") {
  Client c;
  c.name = name;
  c.organization = organization;
  for (auto& n : numbers) c.phones.push_back(ClientPhone{n, {}, {}});
  return c;
}

class SqliteClientDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(m_dir.file("telpanel.db"));
    ASSERT_TRUE(db) << db.error().detail;
    m_db = std::make_unique<Database>(std::move(*db));
    m_dir_store = std::make_unique<SqliteClientDirectory>(*m_db, m_numbers);
    m_history = std::make_unique<SqliteCallHistory>(*m_db);
  }

  core::ClientId create(const Client& c) {
    auto id = m_dir_store->create(c);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }

  core::JournalId add_call(const std::string& remote, std::int64_t started_ms) {
    core::JournalEntry e;
    e.call_id = "c" + std::to_string(started_ms);
    e.direction = core::CallDirection::Incoming;
    e.remote_party = remote;
    // The controller keys every call through the normaliser (core::CallController).
    const auto key = m_numbers.normalize(remote);
    e.remote_number = key.value;
    e.internal = key.internal;
    e.started_at = core::TimePoint(std::chrono::milliseconds(started_ms));
    auto id = m_history->add(e);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }

  std::vector<std::pair<std::string, SearchMatch>> search(const std::string& q, int limit = 20) {
    auto hits = m_dir_store->search(q, limit);
    EXPECT_TRUE(hits) << hits.error().detail;
    std::vector<std::pair<std::string, SearchMatch>> out;
    if (!hits) return out;
    for (const auto& h : *hits)
      out.push_back(
          {h.contact_name.empty() ? h.client_name : h.client_name + "/" + h.contact_name, h.match});
    return out;
  }

  tests::TempDir m_dir;
  tests::FakeNumberNormalizer m_numbers;
  std::unique_ptr<Database> m_db;
  std::unique_ptr<SqliteClientDirectory> m_dir_store;
  std::unique_ptr<SqliteCallHistory> m_history;
};

TEST_F(SqliteClientDirectoryTest, CreatedClientReadsBackWithContactsAndPhones) {
  Client c = make_client("Romashka LLC", {"8 (912) 345-67-89"}, "Romashka");
  c.email = "office@romashka.example";
  c.note = "pays late";
  c.contacts.push_back(ContactPerson{
      0, "Ivan Petrov", "ivan@romashka.example", {ClientPhone{"+7 912 000 00 01", {}, "cell"}}});
  const auto id = create(c);
  auto back = m_dir_store->get(id);
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(back->name, "Romashka LLC");
  EXPECT_EQ(back->organization, "Romashka");
  EXPECT_EQ(back->email, "office@romashka.example");
  EXPECT_EQ(back->note, "pays late");
  ASSERT_EQ(back->phones.size(), 1u);
  EXPECT_EQ(back->phones[0], (ClientPhone{"8 (912) 345-67-89", "+79123456789", ""}));
  ASSERT_EQ(back->contacts.size(), 1u);
  EXPECT_EQ(back->contacts[0].name, "Ivan Petrov");
  EXPECT_EQ(back->contacts[0].phones,
            (std::vector<ClientPhone>{{"+7 912 000 00 01", "+79120000001", "cell"}}));
}

TEST_F(SqliteClientDirectoryTest, UpdateAndRemove) {
  const auto id = create(make_client("Old name", {"89123456789"}));
  Client c = *m_dir_store->get(id);
  c.name = "New name";
  ASSERT_TRUE(m_dir_store->update(c));
  EXPECT_EQ(m_dir_store->get(id)->name, "New name");
  EXPECT_EQ(search("new").size(), 1u);
  EXPECT_TRUE(search("old").empty());
  ASSERT_TRUE(m_dir_store->remove(id));
  EXPECT_EQ(m_dir_store->get(id).error().code, core::ErrorCode::NotFound);
  EXPECT_FALSE(*m_dir_store->lookup("89123456789"));
  EXPECT_TRUE(search("new").empty());
  EXPECT_EQ(m_dir_store->remove(id).error().detail, "no client " + std::to_string(id));
}

TEST_F(SqliteClientDirectoryTest, CallerIdFindsTheNumberInAnyFormatting) {
  Client c = make_client("Acme", {"+7 912 345-67-89"});
  c.contacts.push_back(ContactPerson{0, "Olga", "", {ClientPhone{"84951234567", {}, {}}}});
  const auto id = create(c);
  for (const char* form :
       {"89123456789", "+79123456789", "8 (912) 345-67-89", "sip:89123456789@pbx", "9123456789"}) {
    auto m = m_dir_store->lookup(form);
    ASSERT_TRUE(m && *m) << form;
    EXPECT_EQ((*m)->client, id);
    EXPECT_EQ((*m)->client_name, "Acme");
    EXPECT_FALSE((*m)->contact);
    EXPECT_EQ((*m)->key, "+79123456789");
  }
  auto olga = m_dir_store->lookup("+7 (495) 123-45-67");
  ASSERT_TRUE(olga && *olga);
  EXPECT_EQ((*olga)->contact_name, "Olga");
  EXPECT_FALSE(*m_dir_store->lookup("89990000000"));
  EXPECT_FALSE(*m_dir_store->lookup("sip:alice@example.org"));
}

TEST_F(SqliteClientDirectoryTest, BadNumbersAndDuplicatesAreRefusedNamingTheOwner) {
  const auto id = create(make_client("Acme", {"89123456789"}));
  auto dup = m_dir_store->create(make_client("Other", {"+7 912 345 67 89"}));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().detail,
            "number +79123456789 already belongs to client " + std::to_string(id) + " (Acme)");
  EXPECT_TRUE(search("other").empty()) << "the failed create left a client behind";
  EXPECT_EQ(m_dir_store->create(make_client("X", {"abc"})).error().detail,
            "'abc' holds no phone number");
  EXPECT_EQ(m_dir_store->create(make_client("X", {"101"})).error().detail,
            "'101' is an internal extension (a colleague), not a client's number");
  EXPECT_EQ(m_dir_store->create(make_client("  ")).error().detail, "a client needs a name");
}

TEST_F(SqliteClientDirectoryTest, BindNumberToClientThenMoveItToAContactPerson) {
  const auto id = create(make_client("Acme"));
  auto person = m_dir_store->add_contact(id, "Olga", "");
  ASSERT_TRUE(person) << person.error().detail;
  ASSERT_TRUE(m_dir_store->bind_number("8 912 111 22 33", id, std::nullopt));
  EXPECT_FALSE((*m_dir_store->lookup("+79121112233"))->contact);
  ASSERT_TRUE(m_dir_store->bind_number("+79121112233", id, *person));
  auto m = *m_dir_store->lookup("89121112233");
  EXPECT_EQ(m->contact, *person);
  EXPECT_EQ(m->contact_name, "Olga");

  const auto other = create(make_client("Other"));
  auto taken = m_dir_store->bind_number("89121112233", other, std::nullopt);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().detail, "number +79121112233 already belongs to client " +
                                      std::to_string(id) + " (Acme, Olga)");
  EXPECT_EQ(
      m_dir_store->bind_number("89121112244", other, *person).error().detail,
      "client " + std::to_string(other) + " has no contact person " + std::to_string(*person));
  EXPECT_EQ(m_dir_store->bind_number("89121112244", 999, std::nullopt).error().code,
            core::ErrorCode::NotFound);
  ASSERT_TRUE(m_dir_store->unbind_number("8 912 111 22 33"));
  EXPECT_FALSE(*m_dir_store->lookup("89121112233"));
}

TEST_F(SqliteClientDirectoryTest, EarlierCallsAreLinkedWhenTheNumberIsBoundOrCreated) {
  const auto first = add_call("sip:89123456789@pbx", 1000);
  add_call("sip:89990000000@pbx", 2000);
  const auto second = add_call("sip:+79123456789@pbx", 3000);
  const auto from_contact = add_call("sip:84951234567@pbx", 4000);
  add_call("sip:101@pbx", 5000);
  const auto formatted = add_call("sip:8 (912) 345-67-89@pbx", 500);  // separators in the URI
  add_call("sip:89123456780@pbx", 600);  // the same last digits but one: not this number

  const auto id = create(make_client("New client", {"8 912 345 67 89"}));
  EXPECT_EQ(*m_dir_store->calls_for_client(id),
            (std::vector<core::JournalId>{second, first, formatted}));

  auto person = m_dir_store->add_contact(id, "Olga", "");
  ASSERT_TRUE(m_dir_store->bind_number("+7 495 123 45 67", id, *person));
  EXPECT_EQ(*m_dir_store->calls_for_client(id),
            (std::vector<core::JournalId>{from_contact, second, first, formatted}));
  // A call after binding is linked too.
  const auto later = add_call("sip:89123456789@pbx", 6000);
  EXPECT_EQ(m_dir_store->calls_for_client(id)->front(), later);
  EXPECT_EQ(m_dir_store->calls_for_client(12345).error().code, core::ErrorCode::NotFound);
}

TEST_F(SqliteClientDirectoryTest, SearchRanksNumbersThenNamesPrefixBeforeInfix) {
  Client ivanov = make_client("Ivanov Trading", {"89123456789"});
  ivanov.contacts.push_back(ContactPerson{0, "Anna Ivanova", "", {}});
  create(ivanov);
  create(make_client("Ivan", {"89161234567"}));
  create(make_client("Petrov Ivan", {"84951239123"}));
  create(make_client("Ivanhoe Ltd", {}));
  Client romashka = make_client("Romashka", {});
  romashka.contacts.push_back(ContactPerson{0, "Ivanchenko", "", {}});
  create(romashka);

  // Exact name, then name prefixes (alphabetical), contact prefix, name infix, contact infix.
  EXPECT_EQ(search("ivan"), (std::vector<std::pair<std::string, SearchMatch>>{
                                {"Ivan", SearchMatch::NameExact},
                                {"Ivanhoe Ltd", SearchMatch::NamePrefix},
                                {"Ivanov Trading", SearchMatch::NamePrefix},
                                {"Romashka/Ivanchenko", SearchMatch::ContactPrefix},
                                {"Petrov Ivan", SearchMatch::NameInfix},
                                {"Ivanov Trading/Anna Ivanova", SearchMatch::ContactInfix},
                            }));
  // A whole number, then numbers starting with the digits, then containing them.
  EXPECT_EQ(search("8 912 345-67-89"), (std::vector<std::pair<std::string, SearchMatch>>{
                                           {"Ivanov Trading", SearchMatch::ExactNumber},
                                       }));
  EXPECT_EQ(search("7916"), (std::vector<std::pair<std::string, SearchMatch>>{
                                {"Ivan", SearchMatch::NumberPrefix},
                            }));
  EXPECT_EQ(search("912"), (std::vector<std::pair<std::string, SearchMatch>>{
                               {"Ivanov Trading", SearchMatch::NumberInfix},
                               {"Petrov Ivan", SearchMatch::NumberInfix},
                           }));
  // Typed with the trunk prefix 8: found in +7 numbers.
  EXPECT_EQ(search("8916123"), (std::vector<std::pair<std::string, SearchMatch>>{
                                   {"Ivan", SearchMatch::NumberInfix},
                               }));
  EXPECT_EQ(search("ivan", 2).size(), 2u);
  EXPECT_TRUE(search("zzz").empty());
  EXPECT_TRUE(search("   ").empty());
}

TEST_F(SqliteClientDirectoryTest, SearchFoldsCyrillicCaseAndYo) {
  create(make_client("Фёдоров Пётр", {}));
  create(make_client("ООО \"Ромашка\"", {}));
  EXPECT_EQ(search("федоров"), (std::vector<std::pair<std::string, SearchMatch>>{
                                   {"Фёдоров Пётр", SearchMatch::NamePrefix}}));
  EXPECT_EQ(
      search("ПЕТР"),
      (std::vector<std::pair<std::string, SearchMatch>>{{"Фёдоров Пётр", SearchMatch::NameInfix}}));
  EXPECT_EQ(search("\"ромаш"), (std::vector<std::pair<std::string, SearchMatch>>{
                                   {"ООО \"Ромашка\"", SearchMatch::NameInfix}}));
}

TEST_F(SqliteClientDirectoryTest, ImportKeepsGoodRecordsAndReportsBadOnesByLine) {
  create(make_client("Existing", {"89120000000"}));
  std::vector<core::ImportRecord> records = {
      {2, make_client("Alpha", {"89121111111"})},
      {3, make_client("Bad number", {"not a number"})},
      {4, make_client("Alpha", {"89122222222"})},  // same name: one client, two phones
      {5, make_client("Taken", {"8 912 000 00 00"})},
      {6, make_client("", {"89123333333"})},
      {7, make_client("Beta", {"89124444444", "+79124444444"})},  // listed twice: one phone
  };
  auto report = m_dir_store->import(records);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->records, 6);
  EXPECT_EQ(report->clients_created, 2);
  EXPECT_EQ(report->phones_added, 3);
  ASSERT_EQ(report->problems.size(), 3u);
  EXPECT_EQ(report->problems[0].line, 3);
  EXPECT_EQ(report->problems[0].message, "'not a number' holds no phone number");
  EXPECT_EQ(report->problems[1].line, 5);
  EXPECT_EQ(report->problems[1].message.rfind("number +79120000000 already belongs to client", 0),
            0u);
  EXPECT_EQ(report->problems[2].line, 6);
  EXPECT_EQ(report->problems[2].message, "a client needs a name");
  EXPECT_FALSE(*m_dir_store->lookup("89123333333"));
  auto alpha = *m_dir_store->lookup("89122222222");
  ASSERT_TRUE(alpha);
  EXPECT_EQ(alpha->client, (*m_dir_store->lookup("89121111111"))->client);
  auto all = m_dir_store->all();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].name, "Alpha");
  EXPECT_EQ((*all)[0].phones.size(), 2u);
  EXPECT_EQ((*all)[1].name, "Beta");
  EXPECT_EQ((*all)[2].name, "Existing");
}

TEST_F(SqliteClientDirectoryTest, ImportingAgainAddsNothingAndSameNameJoinsTheExistingClient) {
  const auto acme = create(make_client("Acme", {"89121111111"}, "Acme Inc"));
  std::vector<core::ImportRecord> records = {
      {2, make_client("Acme", {"89121111111", "89122222222"}, "Acme Inc")},
      {3, make_client("Acme", {"89123333333"}, "Other Org")},  // another organization
  };
  auto first = m_dir_store->import(records);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->clients_created, 1);
  EXPECT_EQ(first->phones_added, 2);
  EXPECT_TRUE(first->problems.empty());
  EXPECT_EQ((*m_dir_store->lookup("89122222222"))->client, acme);
  EXPECT_NE((*m_dir_store->lookup("89123333333"))->client, acme);
  auto again = m_dir_store->import(records);
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(again->clients_created, 0);
  EXPECT_EQ(again->phones_added, 0);
  EXPECT_TRUE(again->problems.empty());
  EXPECT_EQ(m_dir_store->all()->size(), 2u);
}

}  // namespace
}  // namespace telpanel::store
