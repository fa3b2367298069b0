// SPDX-License-Identifier: GPL-3.0-or-later
// core::ChatApi as a small in-memory server that answers at once, records every call and can be
// told to fail: `fail_next` errors for the next calls of a kind, `lose_send_replies` performs a
// send but answers Unreachable (a lost reply), `on_assign` lets a test race an assignment.
// Test thread only.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/chat/chat_api.hpp"

namespace telpanel::tests {

class FakeChatApi final : public core::ChatApi {
 public:
  core::ChatAgent me{1, "Anna"};
  std::vector<core::ChatAgent> agent_list{{1, "Anna"}, {2, "Boris"}};
  std::vector<core::ChatInbox> inbox_list{{1, "WhatsApp", "whatsapp"}, {2, "Bot", "telegram"}};
  std::map<std::int64_t, core::Conversation> convs;
  std::map<std::int64_t, std::vector<core::ChatMessage>> msgs;
  std::map<std::int64_t, std::vector<std::int64_t>> parts;
  std::vector<std::string> calls;                            // "send 5", "assign 5 1", ...
  std::map<std::string, std::deque<core::Error>> fail_next;  // by call kind
  int lose_send_replies = 0;
  std::function<void(std::int64_t conv)> on_assign;  // runs after our assignment landed
  std::int64_t next_message_id = 100;
  std::int64_t clock = 1000;

  void add_conv(std::int64_t id, std::optional<core::ChatAgent> assignee,
                std::string status = "open") {
    core::Conversation c;
    c.id = id;
    c.inbox_id = 1;
    c.status = std::move(status);
    c.assignee = assignee;
    c.contact = {id * 10, "Client " + std::to_string(id), "+7900000000" + std::to_string(id)};
    convs[id] = c;
    if (assignee) parts[id].push_back(assignee->id);
  }
  int count(const std::string& prefix) const {
    int n = 0;
    for (const auto& c : calls) n += c.rfind(prefix, 0) == 0;
    return n;
  }

  void profile(core::ChatCallback<core::ChatAgent> done) override {
    if (auto e = failure("profile")) return done(*e);
    done(me);
  }
  void agents(core::ChatCallback<std::vector<core::ChatAgent>> done) override { done(agent_list); }
  void inboxes(core::ChatCallback<std::vector<core::ChatInbox>> done) override {
    calls.push_back("inboxes");
    done(inbox_list);
  }
  void templates(core::ChatCallback<std::vector<core::ChatTemplate>> done) override {
    done(std::vector<core::ChatTemplate>{});
  }

  void conversations(const core::ConversationQuery& q, core::ChatPriority,
                     core::ChatCallback<core::ConversationPage> done) override {
    calls.push_back("list " + q.status + " " + q.assignee_type + " " + q.conversation_type);
    if (auto e = failure("list")) return done(*e);
    core::ConversationPage page;
    for (const auto& [id, c] : convs) {
      const bool mine = c.assignee && c.assignee->id == me.id;
      const bool part = std::count(parts[id].begin(), parts[id].end(), me.id) > 0;
      if (q.status == "open" && c.status != "open") continue;
      if (q.assignee_type == "unassigned" && c.assignee) continue;
      if (q.assignee_type == "me" && !mine) continue;
      if (q.conversation_type == "participating" && !part) continue;
      page.items.push_back(c);
    }
    page.counts.all = static_cast<int>(page.items.size());
    page.counts.mine = page.counts.unassigned = page.counts.all;
    done(page);
  }
  void conversation(std::int64_t id, core::ChatCallback<core::Conversation> done) override {
    calls.push_back("get " + std::to_string(id));
    if (auto e = failure("get")) return done(*e);
    done(convs.at(id));
  }
  void messages(std::int64_t id, std::optional<std::int64_t>, core::ChatPriority,
                core::ChatCallback<core::MessageList> done) override {
    calls.push_back("messages " + std::to_string(id));
    if (auto e = failure("messages")) return done(*e);
    done(core::MessageList{msgs[id], {}});
  }
  void send(std::int64_t id, const core::OutgoingMessage& m,
            core::ChatCallback<core::ChatMessage> done) override {
    calls.push_back("send " + std::to_string(id) + " " + m.text);
    if (auto e = failure("send")) return done(*e);
    core::ChatMessage msg;
    msg.id = next_message_id++;
    msg.conversation_id = id;
    msg.direction = m.is_private ? core::MessageDirection::Note : core::MessageDirection::Outgoing;
    msg.sender_agent = me;
    msg.text = m.text;
    msg.created_at = clock;
    msgs[id].push_back(msg);
    if (lose_send_replies > 0) {
      --lose_send_replies;
      return done(core::make_error(core::ErrorCode::Unreachable, "reply lost"));
    }
    done(msg);
  }
  void assign(std::int64_t id, std::int64_t agent,
              core::ChatCallback<std::optional<core::ChatAgent>> done) override {
    calls.push_back("assign " + std::to_string(id) + " " + std::to_string(agent));
    for (const auto& a : agent_list)
      if (a.id == agent) convs[id].assignee = a;
    parts[id].push_back(agent);
    if (on_assign) on_assign(id);
    done(convs[id].assignee);
  }
  void participants(std::int64_t id, core::ChatPriority,
                    core::ChatCallback<std::vector<core::ChatAgent>> done) override {
    std::vector<core::ChatAgent> out;
    for (auto pid : parts[id])
      for (const auto& a : agent_list)
        if (a.id == pid) out.push_back(a);
    done(out);
  }
  void add_participants(std::int64_t id, const std::vector<std::int64_t>& ids,
                        core::ChatCallback<bool> done) override {
    calls.push_back("add_participants " + std::to_string(id));
    for (auto i : ids) parts[id].push_back(i);
    done(true);
  }
  void remove_participants(std::int64_t id, const std::vector<std::int64_t>& ids,
                           core::ChatCallback<bool> done) override {
    calls.push_back("remove_participants " + std::to_string(id));
    for (auto i : ids) std::erase(parts[id], i);
    done(true);
  }
  void search_contacts(const std::string& q,
                       core::ChatCallback<std::vector<core::ChatContact>> done) override {
    calls.push_back("search " + q);
    done(std::vector<core::ChatContact>{});
  }
  void create_contact(const std::string& name, const std::string& phone,
                      core::ChatCallback<core::ChatContact> done) override {
    calls.push_back("create_contact " + phone);
    done(core::ChatContact{77, name, phone});
  }
  void create_conversation(std::int64_t inbox, std::int64_t contact, std::int64_t assignee,
                           const std::string&,
                           core::ChatCallback<core::Conversation> done) override {
    calls.push_back("create_conversation " + std::to_string(inbox));
    add_conv(50, me);
    convs[50].contact.id = contact;
    (void)assignee;
    done(convs[50]);
  }
  std::optional<std::string> summary;  // nullopt: the server offers none (404)
  std::vector<std::int64_t> seen;      // mark_seen calls
  void summarize(std::int64_t, core::ChatCallback<std::string> done) override {
    if (!summary) return done(core::make_error(core::ErrorCode::NotFound, "HTTP 404"));
    done(*summary);
  }
  void mark_seen(std::int64_t id, core::ChatCallback<bool> done) override {
    seen.push_back(id);
    done(true);
  }
  void unread_notifications(core::ChatCallback<int> done) override { done(0); }
  void download(const std::string&, const std::string&, core::ChatCallback<bool> done) override {
    done(true);
  }

 private:
  std::optional<core::Error> failure(const std::string& kind) {
    auto& q = fail_next[kind];
    if (q.empty()) return std::nullopt;
    auto e = q.front();
    q.pop_front();
    return e;
  }
};

}  // namespace telpanel::tests
