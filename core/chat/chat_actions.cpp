// SPDX-License-Identifier: GPL-3.0-or-later
// ChatService: what the user does with a chat (CHAT-2..7): show, send (through the outbox),
// take, transfer, observe, mention, templates, write first, download.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "core/chat/chat_service.hpp"
#include "core/chat/file_types.hpp"

namespace telpanel::core {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error taken_by(std::int64_t id, const ChatAgent& who) {
  return make_error(ErrorCode::InvalidState, "chat " + std::to_string(id) + " was taken by " +
                                                 who.name + "; your draft is kept");
}

}  // namespace

Result<ChatAgent> ChatService::find_agent(const std::string& ref) const {
  for (const auto& a : m_agents) {
    if (std::to_string(a.id) == ref || lower(a.name) == lower(ref)) return a;
  }
  std::string names;
  for (const auto& a : m_agents) names += (names.empty() ? "" : ", ") + a.name;
  return make_error(ErrorCode::NotFound,
                    "no agent '" + ref + "' (agents: " + (names.empty() ? "none" : names) + ")");
}

void ChatService::show(std::int64_t id, ChatCallback<ChatDetails> done) {
  auto details = std::make_shared<ChatDetails>();
  m_api.conversation(
      id, guarded([this, id, details, done](Result<Conversation> c) mutable {
        if (!c) return done(c.error());
        details->entry = make_entry(*c, group_of(*c));
        m_api.messages(
            id, std::nullopt, ChatPriority::Action,
            guarded([this, id, details, done](Result<MessageList> m) mutable {
              if (!m) return done(m.error());
              note_item_errors(m->item_errors);
              details->messages = std::move(m->items);
              m_open_chat = id;
              m_open_last_id = 0;
              for (const auto& msg : details->messages)
                m_open_last_id = std::max(m_open_last_id, msg.id);
              m_api.participants(
                  id, ChatPriority::Action,
                  guarded([this, id, details, done](Result<std::vector<ChatAgent>> p) mutable {
                    if (!p) return done(p.error());
                    const auto& assignee = details->entry.conversation.assignee;
                    for (const auto& a : *p)
                      if (!assignee || a.id != assignee->id) details->observers.push_back(a);
                    if (m_outbox) {
                      auto unsent = m_outbox->unsent(id);
                      if (!unsent) return done(unsent.error());
                      details->unsent = std::move(*unsent);
                    }
                    done(std::move(*details));
                  }));
            }));
      }));
}

Result<OutgoingFile> ChatService::check_file(const std::string& path) const {
  return check_outgoing_file(path, m_settings.max_file_bytes, m_settings.max_image_bytes);
}

void ChatService::send(std::int64_t id, const std::string& text,
                       const std::vector<std::string>& files, ChatCallback<SendOutcome> done) {
  queue_message(id, text, files, false, std::move(done));
}

void ChatService::note(std::int64_t id, const std::string& text,
                       const std::vector<std::string>& files, ChatCallback<SendOutcome> done) {
  queue_message(id, text, files, true, std::move(done));
}

void ChatService::queue_message(std::int64_t id, const std::string& text,
                                const std::vector<std::string>& files, bool is_private,
                                ChatCallback<SendOutcome> done) {
  if (!m_outbox)
    return done(make_error(ErrorCode::InvalidState, "sending needs the outbox (no database)"));
  if (text.empty() && files.empty())
    return done(make_error(ErrorCode::InvalidArgument, "nothing to send: no text and no file"));
  OutboxEntry entry;
  entry.conversation = id;
  entry.message.text = text;
  entry.message.is_private = is_private;
  for (const auto& path : files) {
    auto checked = check_file(path);
    if (!checked) return done(checked.error());
    entry.message.files.push_back(std::move(*checked));
  }
  // A reply to a chat that is (as far as we know) nobody's takes it first (CHAT-2); a note to
  // colleagues does not.
  auto it = m_chats.find(id);
  entry.take_first = !is_private && (it == m_chats.end() || it->second.group == ChatGroup::Queue);
  enqueue(id, std::move(entry), std::move(done));
}

void ChatService::mention(std::int64_t id, const std::string& agent, const std::string& text,
                          ChatCallback<SendOutcome> done) {
  if (!m_outbox)
    return done(make_error(ErrorCode::InvalidState, "sending needs the outbox (no database)"));
  auto who = find_agent(agent);
  if (!who) return done(who.error());
  OutboxEntry entry;
  entry.conversation = id;
  entry.message.is_private = true;  // Chatwoot reads mentions in private notes only
  entry.message.text = mention_markup(*who) + (text.empty() ? "" : " " + text);
  enqueue(id, std::move(entry), std::move(done));
}

void ChatService::enqueue(std::int64_t id, OutboxEntry entry, ChatCallback<SendOutcome> done) {
  entry.created_at = m_now();
  entry.message.echo_id = std::to_string(id) + "-" + std::to_string(entry.created_at);
  auto stored = m_outbox->add(entry);  // before any network call: nothing typed is lost
  if (!stored) return done(stored.error());
  const std::int64_t outbox_id = *stored;
  m_waiting_sends[outbox_id] = std::move(done);
  // The caller hears "pending" if the server is slow or backing off: the message is safe on
  // disk and goes out later; nobody should wait on a dead server.
  auto answer_pending = [this, outbox_id](const std::string& why) {
    auto it = m_waiting_sends.find(outbox_id);
    if (it == m_waiting_sends.end()) return;
    auto cb = std::move(it->second);
    m_waiting_sends.erase(it);
    cb(SendOutcome{outbox_id, OutboxState::Pending, 0, why});
  };
  m_settle_timers.push_back(m_scheduler.after(
      m_settings.send_answer_within,
      guarded([answer_pending] { answer_pending("the chat server is slow; it will be sent"); })));
  if (m_sender) m_sender->kick();
  if (!is_ready()) answer_pending("not connected to the chat server yet");
}

void ChatService::take(std::int64_t id, ChatCallback<Conversation> done) {
  take_for_outbox(id, std::move(done));
}

// Chatwoot has no compare-and-set for assignments (reference note §5): read, assign, wait for a
// competing assignment to land, read again; the last assignment wins on the server, so the
// re-read says who really has it.
void ChatService::take_for_outbox(std::int64_t id, ChatCallback<Conversation> done) {
  m_api.conversation(
      id, guarded([this, id, done](Result<Conversation> c) mutable {
        if (!c) return done(c.error());
        if (c->assignee && c->assignee->id != m_me.id) return done(taken_by(id, *c->assignee));
        if (c->assignee) return done(std::move(*c));
        m_api.assign(id, m_me.id,
                     guarded([this, id, done](Result<std::optional<ChatAgent>> a) mutable {
                       if (!a) return done(a.error());
                       m_settle_timers.push_back(m_scheduler.after(
                           m_settings.take_settle, guarded([this, id, done]() mutable {
                             m_api.conversation(
                                 id, guarded([this, id, done](Result<Conversation> again) mutable {
                                   if (!again) return done(again.error());
                                   apply(*again, true);
                                   m_changed.emit();
                                   if (!again->assignee || again->assignee->id != m_me.id) {
                                     if (again->assignee)
                                       return done(taken_by(id, *again->assignee));
                                     return done(make_error(
                                         ErrorCode::InvalidState,
                                         "chat " + std::to_string(id) + " could not be assigned"));
                                   }
                                   done(std::move(*again));
                                 }));
                           })));
                     }));
      }));
}

void ChatService::transfer(std::int64_t id, const std::string& agent, bool keep_observing,
                           ChatCallback<bool> done) {
  auto who = find_agent(agent);
  if (!who) return done(who.error());
  if (who->id == m_me.id)
    return done(make_error(ErrorCode::InvalidArgument, "cannot transfer a chat to yourself"));
  const ChatAgent target = *who;
  m_api.assign(
      id, target.id,
      guarded([this, id, target, keep_observing, done](Result<std::optional<ChatAgent>> a) {
        if (!a) return done(a.error());
        auto finish = [this, id, target, keep_observing, done] {
          if (keep_observing)
            m_participating.insert(id);
          else
            m_participating.erase(id);
          if (auto it = m_chats.find(id); it != m_chats.end()) {
            Conversation c = it->second.conversation;
            c.assignee = target;
            apply(c, true);
          }
          m_changed.emit();
          done(true);
        };
        if (keep_observing) return finish();
        // The server keeps the previous assignee as a participant; drop me (CHAT-4).
        m_api.remove_participants(id, {m_me.id}, guarded([finish, done](Result<bool> r) {
                                    if (!r) return done(r.error());
                                    finish();
                                  }));
      }));
}

void ChatService::observe(std::int64_t id, const std::string& agent, ChatCallback<bool> done) {
  auto who = find_agent(agent);
  if (!who) return done(who.error());
  const ChatAgent target = *who;
  m_api.add_participants(
      id, {target.id}, guarded([this, id, target, done](Result<bool> r) {
        if (!r) return done(r.error());
        // POST renders even ids it refused; GET says who really is in.
        m_api.participants(
            id, ChatPriority::Action,
            guarded([this, id, target, done](Result<std::vector<ChatAgent>> p) {
              if (!p) return done(p.error());
              for (const auto& a : *p) {
                if (a.id != target.id) continue;
                if (target.id == m_me.id) m_participating.insert(id);
                return done(true);
              }
              done(make_error(ErrorCode::Forbidden, target.name +
                                                        " cannot observe this chat (not a member "
                                                        "of its inbox)"));
            }));
      }));
}

void ChatService::templates(ChatCallback<std::vector<ChatTemplate>> done) {
  m_api.templates(std::move(done));
}

void ChatService::start_conversation(const std::string& phone, std::int64_t inbox,
                                     const std::string& text, ChatCallback<Conversation> done,
                                     bool refreshed) {
  auto it = std::find_if(m_inboxes.begin(), m_inboxes.end(),
                         [&](const ChatInbox& i) { return i.id == inbox; });
  if (it == m_inboxes.end() && !refreshed) {
    // Not in the cache (a new inbox, or the cache is still loading): ask once more.
    return m_api.inboxes(
        guarded([this, phone, inbox, text, done](Result<std::vector<ChatInbox>> r) {
          if (!r) return done(r.error());
          m_inboxes = std::move(*r);
          start_conversation(phone, inbox, text, done, true);
        }));
  }
  if (it == m_inboxes.end())
    return done(make_error(ErrorCode::NotFound, "no inbox " + std::to_string(inbox)));
  if (!it->can_start_conversation())
    return done(make_error(ErrorCode::InvalidArgument,
                           "inbox " + std::to_string(inbox) + " (" + it->channel +
                               ") cannot start a conversation: the client must write first"));
  if (text.empty()) return done(make_error(ErrorCode::InvalidArgument, "the message is empty"));
  std::string e164 = m_normalizer ? m_normalizer->normalize(phone).value : "";
  if (e164.empty()) {
    for (char ch : phone)
      if (ch >= '0' && ch <= '9') e164 += ch;
    if (!e164.empty()) e164 = "+" + e164;
  }
  if (e164.size() < 4)
    return done(make_error(ErrorCode::InvalidArgument, "'" + phone + "' is not a phone number"));
  auto open = [this, inbox, text, done](std::int64_t contact) {
    m_api.create_conversation(inbox, contact, m_me.id, text,
                              guarded([this, done](Result<Conversation> c) {
                                if (c) {
                                  apply(*c, false);
                                  m_changed.emit();
                                }
                                done(std::move(c));
                              }));
  };
  m_api.search_contacts(e164, guarded([this, e164, open, done](Result<std::vector<ChatContact>> r) {
                          if (!r) return done(r.error());
                          for (const auto& c : *r)
                            if (c.phone == e164) return open(c.id);
                          m_api.create_contact(e164, e164,
                                               guarded([open, done](Result<ChatContact> c) {
                                                 if (!c) return done(c.error());
                                                 open(c->id);
                                               }));
                        }));
}

void ChatService::mark_read(std::int64_t id, ChatCallback<bool> done) {
  m_api.mark_seen(id, guarded([this, id, done](Result<bool> r) {
                    if (!r) return done(r.error());
                    // The change poll does not see it (update_last_seen keeps updated_at): set it
                    // here.
                    auto it = m_chats.find(id);
                    if (it != m_chats.end() && it->second.conversation.unread != 0) {
                      it->second.conversation.unread = 0;
                      m_changed.emit();
                    }
                    done(true);
                  }));
}

void ChatService::summarize(std::int64_t id, ChatCallback<std::string> done) {
  m_api.summarize(
      id, guarded([id, done](Result<std::string> r) {
        // 404: no Captain on this server; 422: Captain without an AI key or with the feature off.
        if (!r &&
            (r.error().code == ErrorCode::NotFound || r.error().code == ErrorCode::InvalidArgument))
          return done(make_error(ErrorCode::NotFound,
                                 "the chat server offers no AI summary for chat " +
                                     std::to_string(id) + " (" + r.error().detail + ")"));
        done(std::move(r));
      }));
}

void ChatService::download(std::int64_t id, std::int64_t attachment, const std::string& dir,
                           ChatCallback<std::string> done) {
  m_api.messages(id, std::nullopt, ChatPriority::Action,
                 guarded([this, id, attachment, dir, done](Result<MessageList> r) {
                   if (!r) return done(r.error());
                   for (const auto& m : r->items) {
                     for (const auto& a : m.attachments) {
                       if (a.id != attachment) continue;
                       std::error_code ec;
                       std::filesystem::create_directories(dir, ec);
                       const std::string name = safe_file_name(a.name, a.id);
                       const std::string path = dir + "/" + std::to_string(a.id) + "-" + name;
                       return m_api.download(a.data_url, path, [path, done](Result<bool> d) {
                         if (!d) return done(d.error());
                         done(path);
                       });
                     }
                   }
                   done(make_error(ErrorCode::NotFound,
                                   "chat " + std::to_string(id) + " has no attachment " +
                                       std::to_string(attachment) + " among its latest messages"));
                 }));
}

}  // namespace telpanel::core
