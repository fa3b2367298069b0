// SPDX-License-Identifier: GPL-3.0-or-later
// Chatwoot JSON readers on canned replies (tests/chat/data/): fields mapped, unknown fields
// ignored, a bad item named and left out while the others are kept, a broken body refused.
#include "chat/chatwoot_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace telpanel::chat {
namespace {

nlohmann::json load(const std::string& name) {
  std::ifstream f(std::string(TELPANEL_CHAT_TEST_DATA) + "/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  auto j = parse_json_body(ss.str());
  EXPECT_TRUE(j) << name;
  return j ? *j : nlohmann::json();
}

bool mentions(const std::vector<std::string>& errors, const std::string& needle) {
  for (const auto& e : errors)
    if (e.find(needle) != std::string::npos) return true;
  return false;
}

TEST(ChatwootJson, ConversationPageKeepsGoodItemsAndNamesBadOnes) {
  auto page = parse_conversation_page(load("conversations_page.json"));
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_EQ(page->counts.mine, 1);
  EXPECT_EQ(page->counts.unassigned, 1);
  EXPECT_EQ(page->counts.all, 4);
  ASSERT_EQ(page->items.size(), 2u);
  const auto& c = page->items[0];
  EXPECT_EQ(c.id, 12);
  EXPECT_EQ(c.inbox_id, 3);
  EXPECT_EQ(c.status, "open");
  EXPECT_FALSE(c.assignee);
  EXPECT_EQ(c.contact.name, "Ivan Petrov");
  EXPECT_EQ(c.contact.phone, "+79123456789");
  EXPECT_EQ(c.channel, "whatsapp");
  EXPECT_EQ(c.unread, 2);
  EXPECT_DOUBLE_EQ(c.updated_at, 1763750000.123);
  ASSERT_TRUE(c.last_message);
  EXPECT_EQ(c.last_message->text, "Hello");
  EXPECT_EQ(c.last_message->direction, core::MessageDirection::Incoming);
  ASSERT_EQ(c.last_message->attachments.size(), 1u);
  EXPECT_EQ(c.last_message->attachments[0].name, "photo.jpg");
  EXPECT_EQ(c.last_message->attachments[0].size, 1234);
  const auto& d = page->items[1];
  EXPECT_EQ(d.id, 16);
  EXPECT_EQ(d.assignee->name, "Boris");
  EXPECT_EQ(d.last_message->direction, core::MessageDirection::Note);
  EXPECT_EQ(d.last_message->text, "");
  ASSERT_EQ(page->item_errors.size(), 3u);
  EXPECT_TRUE(mentions(page->item_errors, "conversation 13: 'status' is missing"));
  EXPECT_TRUE(
      mentions(page->item_errors, "conversation #3 in the list: 'id' should be an integer"));
  EXPECT_TRUE(mentions(page->item_errors, "conversation 15: 'assignee' should be an object"));
}

TEST(ChatwootJson, MessagesMapTypesAndSenders) {
  auto list = parse_message_list(load("messages.json"));
  ASSERT_TRUE(list) << list.error().detail;
  ASSERT_EQ(list->items.size(), 4u);
  EXPECT_EQ(list->items[0].direction, core::MessageDirection::Incoming);
  EXPECT_FALSE(list->items[0].sender_agent);
  EXPECT_EQ(list->items[1].direction, core::MessageDirection::Outgoing);
  EXPECT_EQ(list->items[1].sender_agent->id, 1);
  EXPECT_EQ(list->items[1].echo_id, "e1");
  EXPECT_EQ(list->items[1].status, "delivered");
  EXPECT_EQ(list->items[2].direction, core::MessageDirection::Note);
  EXPECT_EQ(list->items[3].direction, core::MessageDirection::Activity);
  ASSERT_EQ(list->item_errors.size(), 2u);
  EXPECT_TRUE(mentions(list->item_errors, "message 4: 'message_type' is not one of 0..3"));
  EXPECT_TRUE(mentions(list->item_errors, "message 6: 'data_url' is missing"));
}

TEST(ChatwootJson, BrokenBodyIsOneClearError) {
  auto j = parse_json_body("{\"data\": {\"payload\": [");
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().code, core::ErrorCode::Protocol);
  EXPECT_NE(j.error().detail.find("not JSON"), std::string::npos);
  auto page = parse_conversation_page(nlohmann::json::object());
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().detail.find("'data' is missing"), std::string::npos);
  auto wrong = parse_conversation_page(nlohmann::json{{"data", {{"payload", 5}}}});
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().detail.find("'payload' should be an array"), std::string::npos);
}

TEST(ChatwootJson, SmallRepliesAndLists) {
  EXPECT_EQ(*parse_unread_count(nlohmann::json(3)), 3);
  EXPECT_EQ(*parse_unread_count(nlohmann::json{{"data", {{"meta", {{"unread_count", 4}}}}}}), 4);
  EXPECT_FALSE(parse_unread_count(nlohmann::json("x")));
  std::vector<std::string> errors;
  auto agents = parse_agent_list(
      nlohmann::json::parse(R"([{"id":1,"name":"Anna"},{"name":"no id"},{"id":2,"name":"B"}])"),
      &errors);
  ASSERT_TRUE(agents);
  EXPECT_EQ(agents->size(), 2u);
  EXPECT_EQ(errors.size(), 1u);
  auto inboxes =
      parse_inbox_list(nlohmann::json::parse(
                           R"({"payload":[{"id":1,"name":"W","channel_type":"Channel::Whatsapp"},
                         {"id":2,"name":"T","channel_type":"Channel::Telegram"},
                         {"id":3,"name":"Web","channel_type":"Channel::WebWidget"}]})"),
                       &errors);
  ASSERT_TRUE(inboxes);
  EXPECT_EQ((*inboxes)[0].channel, "whatsapp");
  EXPECT_TRUE((*inboxes)[0].can_start_conversation());
  EXPECT_EQ((*inboxes)[1].channel, "telegram");
  EXPECT_FALSE((*inboxes)[1].can_start_conversation());
  EXPECT_EQ((*inboxes)[2].channel, "web");
  auto templates = parse_template_list(
      nlohmann::json::parse(R"([{"id":1,"short_code":"hi","content":"Hi {{contact.name}}"}])"),
      &errors);
  ASSERT_TRUE(templates);
  EXPECT_EQ((*templates)[0].variables, std::vector<std::string>{"contact.name"});
  auto contact = parse_created_contact(nlohmann::json::parse(
      R"({"payload":{"contact":{"id":9,"name":"N","phone_number":"+7900"},"contact_inbox":{}}})"));
  ASSERT_TRUE(contact);
  EXPECT_EQ(contact->id, 9);
}

}  // namespace
}  // namespace telpanel::chat
