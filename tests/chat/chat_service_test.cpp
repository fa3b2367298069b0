// SPDX-License-Identifier: GPL-3.0-or-later
// core::ChatService and OutboxSender against an in-memory chat server and outbox with a manual
// clock: the groups, first reply takes the chat (and loses a race), the outbox's order and
// exactly-once delivery, transfer, observers, write first.
#include "core/chat/chat_service.hpp"

#include <gtest/gtest.h>

#include "tests/support/fake_chat_api.hpp"
#include "tests/support/fake_chat_outbox.hpp"
#include "tests/support/fake_scheduler.hpp"

namespace telpanel::core {
namespace {

using namespace std::chrono_literals;
using tests::FakeChatApi;
using tests::FakeChatOutbox;
using tests::FakeScheduler;

const ChatAgent kBoris{2, "Boris"};

class ChatServiceTest : public ::testing::Test {
 protected:
  FakeChatApi m_api;
  FakeChatOutbox m_outbox;
  FakeScheduler m_scheduler;
  std::unique_ptr<ChatService> m_service;
  std::vector<ChatEvent> m_events;

  void start() {
    ChatSettings s;
    s.poll_interval = 1s;
    s.resync_interval = 10s;
    s.take_settle = 500ms;
    m_service = std::make_unique<ChatService>(m_api, &m_outbox, m_scheduler, s,
                                              [this] { return m_api.clock; });
    m_service->signal_event().connect([this](const ChatEvent& e) { m_events.push_back(e); });
    m_service->start();
  }
  std::vector<std::int64_t> ids(ChatGroup g) {
    std::vector<std::int64_t> out;
    for (const auto& e : m_service->chats(g)) out.push_back(e.conversation.id);
    std::sort(out.begin(), out.end());
    return out;
  }
  Result<SendOutcome> send(std::int64_t id, const std::string& text) {
    std::optional<Result<SendOutcome>> out;
    m_service->send(id, text, {}, [&](Result<SendOutcome> r) { out = std::move(r); });
    m_scheduler.advance(600ms);  // let a take settle
    EXPECT_TRUE(out.has_value());
    return out ? *out : make_error(ErrorCode::Internal, "no answer");
  }
  std::vector<std::string> sent_texts(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& m : m_api.msgs[id])
      if (m.direction == MessageDirection::Outgoing) out.push_back(m.text);
    return out;
  }
};

TEST_F(ChatServiceTest, GroupsFollowAssigneeStatusAndParticipation) {
  m_api.add_conv(1, std::nullopt);
  m_api.add_conv(2, m_api.me);
  m_api.add_conv(3, kBoris);
  m_api.parts[3].push_back(1);  // I observe Boris's chat
  m_api.add_conv(4, kBoris);    // Boris's, not mine to see
  m_api.add_conv(5, m_api.me, "resolved");
  start();
  EXPECT_TRUE(m_service->is_synced());
  EXPECT_EQ(ids(ChatGroup::Queue), std::vector<std::int64_t>{1});
  EXPECT_EQ(ids(ChatGroup::Mine), std::vector<std::int64_t>{2});
  EXPECT_EQ(ids(ChatGroup::Observed), std::vector<std::int64_t>{3});
  EXPECT_EQ(m_service->count(ChatGroup::Queue), 1);
  EXPECT_EQ(m_service->chats().size(), 3u);
  // A change poll sees Boris take the queued chat: it leaves my lists.
  m_api.convs[1].assignee = kBoris;
  m_scheduler.advance(1s);
  EXPECT_TRUE(ids(ChatGroup::Queue).empty());
  EXPECT_EQ(m_service->chats().size(), 2u);
}

TEST_F(ChatServiceTest, ChangePollUsesUpdatedWithinAndResyncPages) {
  start();
  m_api.calls.clear();
  m_scheduler.advance(1s);
  EXPECT_EQ(m_api.count("list all all"), 1) << "one cheap change poll per interval";
  m_scheduler.advance(9s);
  EXPECT_EQ(m_api.count("list open unassigned"), 1) << "a full resync every resync interval";
  EXPECT_EQ(m_api.count("list open me"), 1);
  EXPECT_EQ(m_api.count("list open  participating"), 1);
}

TEST_F(ChatServiceTest, LongOutageEndsWithOneResyncThenChangePolls) {
  start();
  const Error down{ErrorCode::Unreachable, "down"};
  m_api.fail_next["list"] = std::deque<Error>(15, down);
  for (int i = 0; i < 15; ++i) {  // 15 s of outage, longer than the 10 s resync interval
    m_api.clock += 1;
    m_scheduler.advance(1s);
  }
  ASSERT_TRUE(m_api.fail_next["list"].empty());
  m_api.calls.clear();
  for (int i = 0; i < 5; ++i) {
    m_api.clock += 1;
    m_scheduler.advance(1s);
  }
  EXPECT_EQ(m_api.count("list open unassigned"), 1) << "one resync after the outage";
  EXPECT_GE(m_api.count("list all all"), 3) << "then cheap change polls again";
}

TEST_F(ChatServiceTest, NewQueuedChatAndCustomerMessageAreAnnounced) {
  m_api.add_conv(2, m_api.me);
  start();
  m_api.add_conv(7, std::nullopt);
  m_api.convs[2].last_activity_at = 5000;
  ChatMessage m;
  m.id = 9;
  m.text = "hello?";
  m_api.convs[2].last_message = m;
  m_scheduler.advance(1s);
  auto kinds = [&] {
    std::vector<std::string> out;
    for (const auto& e : m_events)
      out.push_back(e.kind + " " + std::to_string(e.entry.conversation.id));
    return out;
  }();
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "chat.new 7"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "chat.message 2"), kinds.end());
}

TEST_F(ChatServiceTest, FirstReplyTakesTheChatThenSends) {
  m_api.add_conv(1, std::nullopt);
  start();
  auto r = send(1, "hi");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->state, OutboxState::Sent);
  EXPECT_EQ(m_api.convs[1].assignee->id, 1);
  // Check, assign, re-read, and only then send.
  std::vector<std::string> order;
  for (const auto& c : m_api.calls)
    if (c.rfind("get 1", 0) == 0 || c.rfind("assign", 0) == 0 || c.rfind("send", 0) == 0)
      order.push_back(c);
  EXPECT_EQ(order, (std::vector<std::string>{"get 1", "assign 1 1", "get 1", "send 1 hi"}));
  EXPECT_EQ(ids(ChatGroup::Mine), std::vector<std::int64_t>{1});
}

TEST_F(ChatServiceTest, LosingTheRaceKeepsTheDraftAndNamesTheWinner) {
  m_api.add_conv(1, std::nullopt);
  start();
  // Boris's assignment lands right after ours (no compare-and-set on the server).
  m_api.on_assign = [&](std::int64_t id) { m_api.convs[id].assignee = kBoris; };
  auto r = send(1, "mine!");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidState);
  EXPECT_NE(r.error().detail.find("taken by Boris"), std::string::npos) << r.error().detail;
  EXPECT_TRUE(sent_texts(1).empty());
  ASSERT_EQ(m_outbox.entries.size(), 1u);
  EXPECT_EQ(m_outbox.entries[0].state, OutboxState::Held);
  EXPECT_EQ(m_outbox.entries[0].message.text, "mine!");
}

TEST_F(ChatServiceTest, UnreachableServerQueuesInOrderAndDeliversOnce) {
  m_api.add_conv(2, m_api.me);
  start();
  const Error down{ErrorCode::Unreachable, "down"};
  m_api.fail_next["send"] = {down, down, down};
  auto a = send(2, "one");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->state, OutboxState::Pending);
  std::vector<Result<SendOutcome>> later;
  m_service->send(2, "two", {}, [&](Result<SendOutcome> r) { later.push_back(r); });
  m_service->send(2, "three", {}, [&](Result<SendOutcome> r) { later.push_back(r); });
  EXPECT_TRUE(sent_texts(2).empty());
  for (int i = 0; i < 20; ++i) m_scheduler.advance(1s);
  EXPECT_EQ(sent_texts(2), (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(m_service->outbox_pending(), 0);
}

TEST_F(ChatServiceTest, LostReplyIsFoundOnTheServerNotResent) {
  m_api.add_conv(2, m_api.me);
  start();
  m_api.lose_send_replies = 1;
  auto r = send(2, "once");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->state, OutboxState::Pending);
  m_scheduler.advance(2s);
  EXPECT_EQ(sent_texts(2), std::vector<std::string>{"once"});
  EXPECT_EQ(m_api.count("send"), 1) << "the POST whose reply was lost is not repeated";
  EXPECT_EQ(m_outbox.entries[0].state, OutboxState::Sent);
  EXPECT_EQ(m_outbox.entries[0].message_id, m_api.msgs[2][0].id);
}

TEST_F(ChatServiceTest, RefusedMessageFailsWithoutBlockingTheNext) {
  m_api.add_conv(2, m_api.me);
  start();
  m_api.fail_next["send"] = {Error{ErrorCode::InvalidArgument, "Too many messages"}};
  auto r = send(2, "spam");
  EXPECT_FALSE(r);
  auto ok = send(2, "next");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->state, OutboxState::Sent);
  EXPECT_EQ(m_outbox.entries[0].state, OutboxState::Failed);
}

TEST_F(ChatServiceTest, TransferDropsMeUnlessKeptObserving) {
  m_api.add_conv(2, m_api.me);
  m_api.add_conv(3, m_api.me);
  start();
  bool done = false;
  m_service->transfer(2, "boris", false, [&](Result<bool> r) { done = r.has_value(); });
  EXPECT_TRUE(done);
  EXPECT_EQ(m_api.convs[2].assignee->id, 2);
  EXPECT_EQ(std::count(m_api.parts[2].begin(), m_api.parts[2].end(), 1), 0);
  m_service->transfer(3, "2", true, [&](Result<bool> r) { done = r.has_value(); });
  EXPECT_EQ(m_api.count("remove_participants 3"), 0);
  EXPECT_TRUE(ids(ChatGroup::Mine).empty());
  EXPECT_EQ(ids(ChatGroup::Observed), std::vector<std::int64_t>{3});
}

TEST_F(ChatServiceTest, MentionIsAPrivateNoteWithMarkup) {
  m_api.add_conv(2, m_api.me);
  start();
  std::optional<Result<SendOutcome>> out;
  m_service->mention(2, "Boris", "look", [&](Result<SendOutcome> r) { out = r; });
  ASSERT_TRUE(out && *out);
  ASSERT_EQ(m_api.msgs[2].size(), 1u);
  EXPECT_EQ(m_api.msgs[2][0].direction, MessageDirection::Note);
  EXPECT_EQ(m_api.msgs[2][0].text, "[@Boris](mention://user/2/Boris) look");
  EXPECT_EQ(m_api.count("assign"), 0) << "a note does not take the chat";
}

TEST_F(ChatServiceTest, NoteToAQueuedChatStaysPrivateAndDoesNotTakeIt) {
  m_api.add_conv(1, std::nullopt);
  start();
  std::optional<Result<SendOutcome>> out;
  const std::string text = mention_markup(kBoris) + " look";
  m_service->note(1, text, {}, [&](Result<SendOutcome> r) { out = r; });
  m_scheduler.advance(600ms);
  ASSERT_TRUE(out && *out);
  ASSERT_EQ(m_api.msgs[1].size(), 1u);
  EXPECT_EQ(m_api.msgs[1][0].direction, MessageDirection::Note);
  EXPECT_EQ(m_api.msgs[1][0].text, "[@Boris](mention://user/2/Boris) look");
  EXPECT_EQ(m_api.count("assign"), 0) << "a note does not take the chat";
  m_service->note(1, "x", {"/nonexistent/file.pdf"}, [&](Result<SendOutcome> r) { out = r; });
  ASSERT_TRUE(out && !*out);
  EXPECT_NE(out->error().detail.find("file.pdf"), std::string::npos) << out->error().detail;
  EXPECT_EQ(m_api.msgs[1].size(), 1u) << "a bad file sends nothing";
}

TEST_F(ChatServiceTest, WriteFirstRefusesTelegramBeforeAnyRequest) {
  start();
  m_api.calls.clear();
  std::optional<Result<Conversation>> out;
  m_service->start_conversation("+79123456789", 2, "hi", [&](Result<Conversation> r) { out = r; });
  ASSERT_TRUE(out && !*out);
  EXPECT_NE(out->error().detail.find("cannot start a conversation"), std::string::npos);
  EXPECT_TRUE(m_api.calls.empty());
  m_service->start_conversation("+7 912 345-67-89", 1, "hi",
                                [&](Result<Conversation> r) { out = r; });
  ASSERT_TRUE(out && *out);
  EXPECT_EQ(m_api.count("search +79123456789"), 1);
  EXPECT_EQ(m_api.count("create_contact"), 1);
  EXPECT_EQ(m_api.count("create_conversation 1"), 1);
}

TEST_F(ChatServiceTest, SummaryWhenTheServerOffersOne) {
  m_api.add_conv(2, m_api.me);
  start();
  std::optional<Result<std::string>> out;
  m_service->summarize(2, [&](Result<std::string> r) { out = r; });
  ASSERT_TRUE(out && !*out);
  EXPECT_EQ(out->error().code, ErrorCode::NotFound);
  EXPECT_NE(out->error().detail.find("offers no AI summary"), std::string::npos);
  m_api.summary = "The client asks about delivery.";
  m_service->summarize(2, [&](Result<std::string> r) { out = r; });
  ASSERT_TRUE(out && *out);
  EXPECT_EQ(**out, "The client asks about delivery.");
}

TEST_F(ChatServiceTest, UnreadChatsCountAndMarkRead) {
  m_api.add_conv(1, std::nullopt);
  m_api.add_conv(2, m_api.me);
  m_api.add_conv(3, m_api.me);
  m_api.add_conv(5, m_api.me, "resolved");  // not in any group: not counted
  m_api.convs[1].unread = 2;
  m_api.convs[2].unread = 1;
  m_api.convs[5].unread = 4;
  start();
  EXPECT_EQ(m_service->unread_chats(), 2);
  int changes = 0;
  m_service->signal_changed().connect([&] { ++changes; });
  std::optional<Result<bool>> out;
  m_service->mark_read(2, [&](Result<bool> r) { out = r; });
  ASSERT_TRUE(out && *out);
  EXPECT_EQ(m_api.seen, std::vector<std::int64_t>{2});
  EXPECT_EQ(m_service->unread_chats(), 1);
  EXPECT_EQ(changes, 1);
  m_service->mark_read(3, [&](Result<bool> r) { out = r; });  // already read: no change
  EXPECT_EQ(changes, 1);
}

}  // namespace
}  // namespace telpanel::core
