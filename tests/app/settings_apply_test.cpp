// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's Save without the dialog: a refused value (any page, or one core's
// personal settings refuse) stores nothing anywhere; an accepted one is written once, 0600,
// keeping the keys and comments the dialog does not know; personal settings reach the keeper.
#include "app/settings_apply.hpp"

#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "numbers/phone_number_normalizer.hpp"
#include "tests/app/settings_file_fixture.hpp"

namespace telpanel::app {
namespace {

class SettingsApply : public SettingsFileTest {
 protected:
  void SetUp() override {
    SettingsFileTest::SetUp();
    // No Secret Service answers here (as on the e2e buses): passwords go into the file.
    g_setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/telpanel-test-bus", TRUE);
  }
};

void set_personal(widgets::SettingsForm& f, const std::string& key, const std::string& value) {
  for (auto& [k, v] : f.personal)
    if (k == key) v = value;
}

TEST_F(SettingsApply, ACoreRefusalAnywhereStoresNothing) {
  const auto before = form();
  auto after = before;
  after.away_after_s = 600;  // a good file change ...
  set_personal(after, "recording", "always");
  set_personal(after, "action_url", "ftp://crm.example/{number}");  // ... and one core refuses
  const auto r = save(before, after);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.page, "calls");
  EXPECT_NE(r.message.raw().find("action_url must start with http:// or https://"),
            std::string::npos)
      << r.message;
  EXPECT_FALSE(g_file_test(m_path.c_str(), G_FILE_TEST_EXISTS));
  EXPECT_TRUE(m_store.saved.empty());
  EXPECT_EQ(m_keeper.get().recording, core::RecordingMode::Never);
}

TEST_F(SettingsApply, PersonalSettingsApplyAtOnceWithoutTouchingTheFile) {
  const auto before = form();
  auto after = before;
  set_personal(after, "calls_enabled", "false");
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.message, "Already applied: Calls.");
  EXPECT_FALSE(m_keeper.get().calls_enabled);
  EXPECT_EQ(m_store.saved["calls_enabled"], "false");
  EXPECT_FALSE(g_file_test(m_path.c_str(), G_FILE_TEST_EXISTS));
}

TEST_F(SettingsApply, OnlyWhatThePersonChangedIsSet) {
  const auto before = form();                           // recording=never on screen
  ASSERT_TRUE(m_keeper.set("recording", "on_demand"));  // telpanelctl, while the dialog is open
  auto after = before;
  set_personal(after, "calls_enabled", "false");
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_FALSE(m_keeper.get().calls_enabled);
  EXPECT_EQ(m_keeper.get().recording, core::RecordingMode::OnDemand);
}

TEST_F(SettingsApply, WritesOnce0600KeepingUnknownKeysAndComments) {
  write("# my note\n[general]\nregion=RU\n\n[custom]\nkeep=me\n");
  g_chmod(m_path.c_str(), 0644);
  auto before = form();
  before.region = "RU";
  auto after = before;
  after.region = "DE";
  after.extension_length = "3-4";
  after.away_after_s = 600;
  after.start_minimized = true;
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_NE(r.message.raw().find(
                "Restart telpanel to use the new settings of: Presence, Numbers, Start minimised."),
            std::string::npos)
      << r.message;
  const std::string text = read_file(m_path);
  for (const char* line : {"# my note", "region=DE", "extension_length=3-4", "away_after=600",
                           "start_minimized=true", "[custom]", "keep=me"})
    EXPECT_NE(text.find(line), std::string::npos) << line << " in\n" << text;
  struct stat st {};
  ASSERT_EQ(stat(m_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SettingsApply, BadValuesAreRefusedWithTheirPage) {
  write("[general]\nregion=RU\n");
  const std::string original = read_file(m_path);
  struct Case {
    void (*edit)(widgets::SettingsForm&);
    const char* page;
    const char* says;
  } cases[] = {
      {[](auto& f) { f.extension_length = "5-3"; }, "numbers", "extension length “5-3”"},
      {[](auto& f) { f.region = "XX"; }, "numbers", "“XX” is not a known region"},
      {[](auto& f) { f.chat_url = "https://"; }, "chats", "chat server must be an address"},
      {[](auto& f) { f.chat_url = "chat.example.com"; }, "chats", "(got “chat.example.com”)"},
      {[](auto& f) {
         f.chat_url = "https://chat.example.com";
         f.chat_account_id = "one";
       },
       "chats", "account number must be a whole number"},
      {[](auto& f) {
         f.chat_url = "https://chat.example.com";
         f.chat_account_id = "1";
       },
       "chats", "Type the agent token"},
      {[](auto& f) { f.account.uri = "1001"; }, "account", "sip:1001@pbx.example.com"},
  };
  for (const auto& c : cases) {
    const auto before = form();
    auto after = before;
    c.edit(after);
    const auto r = save(before, after);
    EXPECT_FALSE(r.ok) << c.says;
    EXPECT_EQ(r.page, c.page) << c.says;
    EXPECT_NE(r.message.raw().find(c.says), std::string::npos) << r.message;
    EXPECT_EQ(read_file(m_path), original) << c.says;
  }
}

TEST_F(SettingsApply, NothingChangedSaysSo) {
  const auto before = form();
  const auto r = save(before, before);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.message, "Nothing to save: no setting changed.");
  EXPECT_FALSE(g_file_test(m_path.c_str(), G_FILE_TEST_EXISTS));
}

const char* kThreeAccounts =
    "[account]\nuri=sip:1001@pbx.example.com\npassword=one\ncodecs=opus\n\n"
    "[account:old]\nuri=sip:1005@pbx.example.com\npassword=five\n\n"
    "[account:sales]\nuri=sip:1003@pbx.example.com\nregister_expires=120\ncodecs=pcma\n"
    "display_name=Sales\n\n[custom]\nkeep=me\n";

TEST_F(SettingsApply, NamedAccountsAddRemoveEditRoundTripThroughTheFile) {
  write(kThreeAccounts);
  const auto before = loaded_form(m_path, m_keeper.get());
  ASSERT_EQ(before.account.uri, "sip:1001@pbx.example.com");
  ASSERT_EQ(before.accounts.size(), 2u);
  EXPECT_EQ(before.accounts[0].name, "old");
  EXPECT_EQ(before.accounts[1].display_name, "Sales");
  EXPECT_TRUE(before.accounts[1].password.empty()) << "a stored password is never shown";

  auto after = before;
  after.accounts.erase(after.accounts.begin());  // Remove "old"
  after.accounts[0].display_name = "Sales desk";
  after.accounts[0].transport = "tcp";
  widgets::AccountForm support;
  support.name = "support";
  support.uri = "sip:1002@pbx.example.com";
  support.password = "two";
  support.password_changed = true;
  after.accounts.push_back(support);
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_NE(r.message.raw().find("Restart telpanel to use the new settings of: Account."),
            std::string::npos)
      << r.message;
  EXPECT_NE(r.message.raw().find("the password is kept in the settings file"), std::string::npos)
      << r.message;

  const std::string text = read_file(m_path);
  EXPECT_EQ(text.find("[account:old]"), std::string::npos) << text;
  EXPECT_EQ(text.find("sip:1005@"), std::string::npos) << text;
  for (const char* line :
       {"[account:sales]", "register_expires=120", "codecs=pcma", "display_name=Sales desk",
        "transport=tcp", "[account:support]", "uri=sip:1002@pbx.example.com", "password=two",
        "password=one", "codecs=opus", "keep=me"})
    EXPECT_NE(text.find(line), std::string::npos) << line << " in\n" << text;

  // What the panel reads at its next start: the default first, then each named one.
  auto config = load_config(m_path);
  ASSERT_TRUE(config) << config.error().detail;
  ASSERT_EQ(config->accounts.size(), 3u);
  EXPECT_EQ(config->accounts[0].name, "");
  EXPECT_EQ(config->accounts[0].sip.password, "one");
  EXPECT_EQ(config->accounts[1].name, "sales");
  EXPECT_EQ(config->accounts[1].sip.register_expires, 120);
  EXPECT_EQ(config->accounts[1].sip.transport, "tcp");
  EXPECT_EQ(config->accounts[2].name, "support");
  EXPECT_EQ(config->accounts[2].sip.password, "two");
  EXPECT_FALSE(config->accounts[2].password_from_keyring);
  struct stat st {};
  ASSERT_EQ(stat(m_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // The dialog opened again shows the same accounts: saving it unchanged changes nothing.
  const auto again = loaded_form(m_path, m_keeper.get());
  ASSERT_EQ(again.accounts.size(), 2u);
  EXPECT_EQ(again.accounts[1].uri, "sip:1002@pbx.example.com");
  EXPECT_EQ(save(again, again).message, "Nothing to save: no setting changed.");
}

TEST_F(SettingsApply, BadNamedAccountsAreRefusedWithTheirName) {
  write(kThreeAccounts);
  const std::string original = read_file(m_path);
  const auto before = loaded_form(m_path, m_keeper.get());
  ASSERT_EQ(before.accounts.size(), 2u);
  widgets::AccountForm fresh;
  fresh.uri = "sip:1002@pbx.example.com";
  struct Case {
    void (*edit)(widgets::SettingsForm&, widgets::AccountForm);
    const char* account;
    const char* says;
  } cases[] = {
      {[](auto& f, auto) { f.accounts[1].uri = "1003"; }, "sales",
       "Account “sales”: the SIP address must look like sip:1001@pbx.example.com (got “1003”)."},
      {[](auto& f, auto) { f.accounts[0].uri = ""; }, "old",
       "Account “old”: type its SIP address, such as sip:1002@pbx.example.com."},
      {[](auto& f, auto a) {
         a.name = "sales";
         f.accounts.push_back(a);
       },
       "sales", "There is already an account named “sales”."},
      {[](auto& f, auto a) {
         a.name = "";
         f.accounts.push_back(a);
       },
       "", "Type a short name for the account"},
      {[](auto& f, auto a) {
         a.name = "help desk";
         f.accounts.push_back(a);
       },
       "help desk", "only letters, digits, “-” and “_” (got “help desk”)"},
  };
  for (const auto& c : cases) {
    auto after = before;
    after.region = "DE";  // a good change elsewhere is not stored either
    c.edit(after, fresh);
    const auto r = save(before, after);
    EXPECT_FALSE(r.ok) << c.says;
    EXPECT_EQ(r.page, "account") << c.says;
    EXPECT_EQ(r.account, c.account) << c.says;
    EXPECT_NE(r.message.raw().find(c.says), std::string::npos) << r.message;
    EXPECT_EQ(read_file(m_path), original) << c.says;
  }
}

TEST(SupportedRegions, SortedCodesCreateAcceptsIncludingRuAndDe) {
  const auto regions = numbers::supported_regions();
  ASSERT_GT(regions.size(), 200u);
  EXPECT_TRUE(std::is_sorted(regions.begin(), regions.end()));
  for (const char* r : {"RU", "DE", "US"})
    EXPECT_NE(std::find(regions.begin(), regions.end(), r), regions.end()) << r;
  for (const auto& r : regions) EXPECT_TRUE(numbers::PhoneNumberNormalizer::create(r, {})) << r;
}

}  // namespace
}  // namespace telpanel::app
