// SPDX-License-Identifier: GPL-3.0-or-later
// Passwords and chat tokens in a real keyring: run by tests/app/with_keyring.sh on a private
// D-Bus session with an unlocked GNOME Keyring (the Secret Service) in a private data dir. The
// settings dialog's Save puts a typed secret there and not in the file, moves nothing silently
// to another address, and leaves no secret behind for an account that is gone.
#include "app/keyring.hpp"

#include <gtest/gtest.h>

#include "tests/app/settings_file_fixture.hpp"

namespace telpanel::app {
namespace {

core::Result<void> store(const std::string& uri, const std::string& password) {
  return answer_of<core::Result<void>>(
      [&](auto done) { store_account_password(uri, password, std::move(done)); });
}

core::Result<void> forget(const std::string& uri) {
  return answer_of<core::Result<void>>(
      [&](auto done) { forget_account_password(uri, std::move(done)); });
}

const char* kTwoAccounts =
    "[account]\nuri=sip:1001@pbx.example.com\n\n"
    "[account:support]\nuri=sip:1002@pbx.example.com\n";

class Keyring : public SettingsFileTest {
 protected:
  void SetUp() override {
    SettingsFileTest::SetUp();
    ASSERT_NE(g_getenv("DBUS_SESSION_BUS_ADDRESS"), nullptr) << "run through with_keyring.sh";
    write(kTwoAccounts);
    ASSERT_TRUE(store("sip:1001@pbx.example.com", "one"));
    ASSERT_TRUE(store("sip:1002@pbx.example.com", "two"));
  }
  void TearDown() override {
    for (const char* uri :
         {"sip:1001@pbx.example.com", "sip:1002@pbx.example.com", "sip:1009@pbx.example.com"})
      EXPECT_TRUE(forget(uri));
    SettingsFileTest::TearDown();
  }
  static std::string password(const std::string& uri) {
    auto p = lookup_account_password(uri);
    return p ? *p : "<" + p.error().detail + ">";
  }
};

TEST_F(Keyring, StoresLooksUpReplacesAndForgets) {
  EXPECT_EQ(password("sip:1001@pbx.example.com"), "one");
  ASSERT_TRUE(store("sip:1001@pbx.example.com", "uno"));
  EXPECT_EQ(password("sip:1001@pbx.example.com"), "uno") << "a second store replaces";
  ASSERT_TRUE(forget("sip:1001@pbx.example.com"));
  auto gone = lookup_account_password("sip:1001@pbx.example.com");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, core::ErrorCode::NotFound) << gone.error().detail;
  EXPECT_TRUE(forget("sip:1001@pbx.example.com")) << "nothing left is no error";
  EXPECT_EQ(password("sip:1002@pbx.example.com"), "two") << "another account's is untouched";
}

TEST_F(Keyring, ATypedPasswordGoesToTheKeyringNotTheFile) {
  const auto before = loaded_form(m_path, m_keeper.get());
  auto after = before;
  after.accounts[0].password = "new secret";
  after.accounts[0].password_changed = true;
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_NE(r.message.raw().find("The password is in the keyring."), std::string::npos)
      << r.message;
  EXPECT_EQ(read_file(m_path).find("password"), std::string::npos) << read_file(m_path);
  EXPECT_EQ(password("sip:1002@pbx.example.com"), "new secret");
  auto config = load_config(m_path);
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_TRUE(config->accounts[1].password_from_keyring);
}

TEST_F(Keyring, ARemovedAccountLeavesNoPasswordBehind) {
  const auto before = loaded_form(m_path, m_keeper.get());
  auto after = before;
  after.accounts.clear();
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(read_file(m_path).find("[account:support]"), std::string::npos);
  auto gone = lookup_account_password("sip:1002@pbx.example.com");
  EXPECT_FALSE(gone) << "the removed account's password is still in the keyring";
  EXPECT_EQ(password("sip:1001@pbx.example.com"), "one");
}

TEST_F(Keyring, ANewAddressNeedsThePasswordTypedAgain) {
  const std::string original = read_file(m_path);
  const auto before = loaded_form(m_path, m_keeper.get());
  auto after = before;
  after.accounts[0].uri = "sip:1009@pbx.example.com";
  auto refused = save(before, after);
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.page, "account");
  EXPECT_EQ(refused.account, "support");
  EXPECT_EQ(refused.message,
            "Account “support”: type the password again: the stored one belongs to the old SIP "
            "address.");
  EXPECT_EQ(read_file(m_path), original) << "a refusal writes nothing";
  EXPECT_EQ(password("sip:1002@pbx.example.com"), "two") << "and forgets nothing";

  after.accounts[0].password = "nine";
  after.accounts[0].password_changed = true;
  const auto r = save(before, after);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(password("sip:1009@pbx.example.com"), "nine");
  EXPECT_FALSE(lookup_account_password("sip:1002@pbx.example.com"))
      << "the old address's password outlived it";
}

TEST_F(Keyring, TheDefaultAccountFollowsTheSameRule) {
  const auto before = loaded_form(m_path, m_keeper.get());
  auto after = before;
  after.account.uri = "sip:1009@pbx.example.com";
  const auto refused = save(before, after);
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.message,
            "Type the password again: the stored one belongs to the old SIP address.");
  // A password kept in the file moves with the address: nothing to retype.
  write("[account]\nuri=sip:1001@pbx.example.com\npassword=one\n");
  const auto in_file = loaded_form(m_path, m_keeper.get());
  auto moved = in_file;
  moved.account.uri = "sip:1009@pbx.example.com";
  const auto r = save(in_file, moved);
  ASSERT_TRUE(r.ok) << r.message;
  auto config = load_config(m_path);
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->accounts[0].sip.password, "one");
}

TEST(KeyringChat, TheChatTokenIsFiledUnderServerAndAccount) {
  ASSERT_TRUE(answer_of<core::Result<void>>([](auto done) {
    store_chat_token("https://chat.example.com", 3, "tok-3", std::move(done));
  }));
  auto token = lookup_chat_token("https://chat.example.com", 3);
  ASSERT_TRUE(token) << token.error().detail;
  EXPECT_EQ(*token, "tok-3");
  auto other = lookup_chat_token("https://chat.example.com", 4);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().detail.find("account 4"), std::string::npos) << other.error().detail;
}

}  // namespace
}  // namespace telpanel::app
