// SPDX-License-Identifier: GPL-3.0-or-later
// ChatService: the model of the three groups and the polling that keeps it current. The user's
// actions (send, take, transfer, ...) are in chat_actions.cpp.
#include "core/chat/chat_service.hpp"

#include <algorithm>
#include <cmath>

namespace telpanel::core {

const char* chat_group_name(ChatGroup g) {
  switch (g) {
    case ChatGroup::Queue:
      return "queue";
    case ChatGroup::Mine:
      return "mine";
    case ChatGroup::Observed:
      return "observed";
    case ChatGroup::None:
      break;
  }
  return "none";
}

std::optional<ChatGroup> parse_chat_group(const std::string& name) {
  if (name == "queue") return ChatGroup::Queue;
  if (name == "mine") return ChatGroup::Mine;
  if (name == "observed") return ChatGroup::Observed;
  return std::nullopt;
}

// The three resync queries (reference note §7). Observed is "participating" minus mine.
struct ChatService::Resync {
  std::map<std::int64_t, Conversation> seen;
  std::set<std::int64_t> participating;
  int fetched = 0;
  std::int64_t started = 0;  // changes after this are for the next change poll
};

namespace {

ConversationQuery group_query(int which, int page) {
  ConversationQuery q;
  q.status = "open";
  q.page = page;
  if (which == 0) q.assignee_type = "unassigned";
  if (which == 1) q.assignee_type = "me";
  if (which == 2) q.conversation_type = "participating";
  return q;
}

}  // namespace

ChatService::ChatService(ChatApi& api, ChatOutbox* outbox, Scheduler& scheduler,
                         ChatSettings settings, UnixNow now, const NumberNormalizer* normalizer)
    : m_api(api),
      m_outbox(outbox),
      m_scheduler(scheduler),
      m_settings(settings),
      m_now(std::move(now)),
      m_normalizer(normalizer) {
  if (!m_outbox) return;
  m_sender = std::make_unique<OutboxSender>(
      m_api, *m_outbox, m_scheduler,
      [this](std::int64_t id, ChatCallback<Conversation> done) {
        take_for_outbox(id, std::move(done));
      },
      m_now);
  m_sender->signal_sent().connect([this](const OutboxEntry& e, const ChatMessage& m) {
    if (auto it = m_waiting_sends.find(e.id); it != m_waiting_sends.end()) {
      auto done = std::move(it->second);
      m_waiting_sends.erase(it);
      done(SendOutcome{e.id, OutboxState::Sent, m.id, ""});
    }
    ChatEvent ev{"chat.outbox", {}, m, e, ChatGroup::None};
    if (auto c = m_chats.find(e.conversation); c != m_chats.end()) ev.entry = c->second;
    ev.entry.conversation.id = e.conversation;
    m_event.emit(ev);
    m_changed.emit();
  });
  m_sender->signal_deferred().connect([this](const OutboxEntry& e, const Error& error) {
    note_error(error);
    if (auto it = m_waiting_sends.find(e.id); it != m_waiting_sends.end()) {
      auto done = std::move(it->second);
      m_waiting_sends.erase(it);
      done(SendOutcome{e.id, OutboxState::Pending, 0, error.detail});
    }
  });
  m_sender->signal_stopped().connect([this](const OutboxEntry& e) {
    if (auto it = m_waiting_sends.find(e.id); it != m_waiting_sends.end()) {
      auto done = std::move(it->second);
      m_waiting_sends.erase(it);
      const auto code =
          e.state == OutboxState::Held ? ErrorCode::InvalidState : ErrorCode::InvalidArgument;
      done(make_error(code, e.error));
    }
    ChatEvent ev{"chat.outbox", {}, std::nullopt, e, ChatGroup::None};
    ev.entry.conversation.id = e.conversation;
    m_event.emit(ev);
  });
  m_sender->signal_store_failed().connect([this](const Error& e) { note_error(e); });
}

ChatService::~ChatService() { *m_alive = false; }

void ChatService::start() {
  m_api.profile(guarded([this](Result<ChatAgent> me) {
    if (!me) {
      note_error(me.error());
      // Not even who I am: try again later (the adapter paces it).
      m_settle_timers.push_back(
          m_scheduler.after(m_settings.poll_interval, guarded([this] { start(); })));
      return;
    }
    m_me = *me;
    m_last_error.reset();
    if (m_sender) m_sender->set_me(m_me.id);
    load_caches();
    resync();
    schedule_timers();
    if (m_sender) m_sender->kick();
  }));
}

void ChatService::load_caches() {
  m_api.agents(guarded([this](Result<std::vector<ChatAgent>> r) {
    r ? void(m_agents = std::move(*r)) : note_error(r.error());
  }));
  m_api.inboxes(guarded([this](Result<std::vector<ChatInbox>> r) {
    r ? void(m_inboxes = std::move(*r)) : note_error(r.error());
  }));
}

void ChatService::schedule_timers() {
  m_poll_timer = m_scheduler.every(m_settings.poll_interval, guarded([this] {
                                     poll_changes();
                                     poll_open_chat();
                                     poll_unread();
                                     if (m_sender) m_sender->kick();
                                   }));
  m_resync_timer = m_scheduler.every(m_settings.resync_interval, guarded([this] {
                                       load_caches();
                                       resync();
                                     }));
}

void ChatService::note_error(const Error& e) { m_last_error = e; }

void ChatService::note_item_errors(const std::vector<std::string>& errors) {
  for (const auto& e : errors) {
    if (std::find(m_item_errors.begin(), m_item_errors.end(), e) != m_item_errors.end()) continue;
    m_item_errors.push_back(e);
    if (m_item_errors.size() > 50) m_item_errors.erase(m_item_errors.begin());
  }
}

ChatGroup ChatService::group_of(const Conversation& c) const {
  if (c.status != "open") return ChatGroup::None;
  if (!c.assignee) return ChatGroup::Queue;
  if (c.assignee->id == m_me.id) return ChatGroup::Mine;
  if (m_participating.count(c.id)) return ChatGroup::Observed;
  return ChatGroup::None;
}

ChatEntry ChatService::make_entry(const Conversation& c, ChatGroup g) const {
  ChatEntry e{c, g, ""};
  if (m_normalizer && !c.contact.phone.empty()) {
    e.phone_key = m_normalizer->normalize(c.contact.phone).value;
  } else {
    // Without a normalizer: the digits with a leading + (the server keeps E.164).
    for (char ch : c.contact.phone)
      if ((ch >= '0' && ch <= '9') || (ch == '+' && e.phone_key.empty())) e.phone_key += ch;
  }
  return e;
}

void ChatService::apply(const Conversation& c, bool announce) {
  const ChatGroup g = group_of(c);
  auto it = m_chats.find(c.id);
  const ChatGroup before = it == m_chats.end() ? ChatGroup::None : it->second.group;
  const std::int64_t before_activity =
      it == m_chats.end() ? 0 : it->second.conversation.last_activity_at;
  if (g == ChatGroup::None) {
    if (it != m_chats.end()) m_chats.erase(it);
  } else {
    m_chats[c.id] = make_entry(c, g);
  }
  if (!announce) return;
  const ChatEntry entry = make_entry(c, g);
  if (g != before) {
    if (g == ChatGroup::Queue && before == ChatGroup::None)
      m_event.emit(ChatEvent{"chat.new", entry, c.last_message, std::nullopt, before});
    else if (g == ChatGroup::Observed && before == ChatGroup::None)
      check_new_observed(c.id);
    m_event.emit(ChatEvent{"chat.group", entry, std::nullopt, std::nullopt, before});
  }
  const bool newer = c.last_activity_at > before_activity && before != ChatGroup::None;
  const bool customer = c.last_message && c.last_message->direction == MessageDirection::Incoming;
  if (newer && customer && (g == ChatGroup::Mine || g == ChatGroup::Observed))
    m_event.emit(ChatEvent{"chat.message", entry, c.last_message, std::nullopt, before});
}

// A chat that newly shows as observed: a mention of me in its latest notes makes it a
// "chat.mention"; otherwise I was added from a chat card ("chat.observer").
void ChatService::check_new_observed(std::int64_t id) {
  m_api.messages(
      id, std::nullopt, ChatPriority::Poll, guarded([this, id](Result<MessageList> r) {
        auto it = m_chats.find(id);
        if (it == m_chats.end()) return;
        const std::string needle = "mention://user/" + std::to_string(m_me.id) + "/";
        std::optional<ChatMessage> mention;
        if (r) {
          for (const auto& m : r->items)
            if (m.direction == MessageDirection::Note && m.text.find(needle) != std::string::npos)
              mention = m;
        }
        m_event.emit(ChatEvent{mention ? "chat.mention" : "chat.observer", it->second, mention,
                               std::nullopt, ChatGroup::None});
      }));
}

std::vector<ChatEntry> ChatService::chats(std::optional<ChatGroup> group) const {
  std::vector<ChatEntry> out;
  for (const auto& [id, e] : m_chats)
    if (!group || e.group == *group) out.push_back(e);
  // Newest activity first, as a chat list reads.
  std::stable_sort(out.begin(), out.end(), [](const ChatEntry& a, const ChatEntry& b) {
    return a.conversation.last_activity_at > b.conversation.last_activity_at;
  });
  return out;
}

int ChatService::count(ChatGroup group) const {
  return static_cast<int>(std::count_if(m_chats.begin(), m_chats.end(),
                                        [&](const auto& kv) { return kv.second.group == group; }));
}

int ChatService::unread_chats() const {
  return static_cast<int>(std::count_if(m_chats.begin(), m_chats.end(), [](const auto& kv) {
    return kv.second.group != ChatGroup::None && kv.second.conversation.unread > 0;
  }));
}

int ChatService::outbox_pending() const {
  if (!m_outbox) return 0;
  auto p = m_outbox->pending();
  return p ? static_cast<int>(p->size()) : -1;
}

void ChatService::resync() {
  if (m_resync_running || !is_ready()) return;
  m_resync_running = true;
  auto run = std::make_shared<Resync>();
  run->started = m_now();
  fetch_group(run, 0, 1);
}

void ChatService::fetch_group(std::shared_ptr<Resync> run, int which, int page) {
  m_api.conversations(group_query(which, page), ChatPriority::Poll,
                      guarded([this, run, which, page](Result<ConversationPage> r) {
                        if (!r) {
                          note_error(r.error());
                          m_resync_running = false;  // the next timer tick tries again
                          return;
                        }
                        note_item_errors(r->item_errors);
                        const int got = static_cast<int>(r->items.size() + r->item_errors.size());
                        for (const auto& c : r->items) {
                          run->seen[c.id] = c;
                          if (which == 2) run->participating.insert(c.id);
                        }
                        const int total = which == 0   ? r->counts.unassigned
                                          : which == 1 ? r->counts.mine
                                                       : r->counts.all;
                        run->fetched += got;
                        const bool more =
                            got >= m_settings.page_size && page * m_settings.page_size < total;
                        if (more) return fetch_group(run, which, page + 1);
                        if (which < 2) return fetch_group(run, which + 1, 1);
                        finish_resync(run);
                      }));
}

void ChatService::finish_resync(std::shared_ptr<Resync> run) {
  m_resync_running = false;
  m_last_error.reset();
  m_participating = std::move(run->participating);
  const bool announce = m_synced;
  // Chats that no query returned any more have left every group.
  std::vector<std::int64_t> gone;
  for (const auto& [id, e] : m_chats)
    if (!run->seen.count(id)) gone.push_back(id);
  for (auto id : gone) {
    Conversation c = m_chats[id].conversation;
    c.status = "unknown";
    apply(c, announce);
  }
  for (const auto& [id, c] : run->seen) apply(c, announce);
  // The resync covers everything up to its start: the change poll goes on from there (after a
  // long outage this is what stops the next tick from resyncing again).
  m_last_change_poll = std::max(m_last_change_poll, run->started);
  m_synced = true;
  m_changed.emit();
}

void ChatService::poll_changes() {
  if (m_change_poll_running || !m_synced) return;
  const std::int64_t now = m_now();
  const std::int64_t since = std::max<std::int64_t>(now - m_last_change_poll, 0);
  const auto resync_s =
      std::chrono::duration_cast<std::chrono::seconds>(m_settings.resync_interval).count();
  // After a long outage the change window would be huge; a resync is the same work, paged.
  if (since > resync_s) return resync();
  const auto poll_s = static_cast<std::int64_t>(
      std::ceil(static_cast<double>(m_settings.poll_interval.count()) / 1000.0));
  ConversationQuery q;
  q.status = "all";
  q.assignee_type = "all";
  // Overlapping windows (the reference note §2.3): the server's clock decides, ours may skew.
  q.updated_within = static_cast<int>(since + poll_s + 5);
  m_change_poll_running = true;
  m_api.conversations(q, ChatPriority::Poll, guarded([this, now](Result<ConversationPage> r) {
                        m_change_poll_running = false;
                        if (!r) return note_error(r.error());
                        m_last_error.reset();
                        m_last_change_poll = now;
                        note_item_errors(r->item_errors);
                        for (const auto& c : r->items) apply(c, true);
                        if (!r->items.empty()) m_changed.emit();
                      }));
}

void ChatService::poll_open_chat() {
  if (!m_open_chat || m_open_poll_running) return;
  const std::int64_t id = *m_open_chat;
  m_open_poll_running = true;
  m_api.messages(id, m_open_last_id ? std::optional(m_open_last_id) : std::nullopt,
                 ChatPriority::Poll, guarded([this, id](Result<MessageList> r) {
                   m_open_poll_running = false;
                   if (!r) return note_error(r.error());
                   note_item_errors(r->item_errors);
                   for (const auto& m : r->items) m_open_last_id = std::max(m_open_last_id, m.id);
                 }));
}

void ChatService::poll_unread() {
  if (m_unread_running) return;
  m_unread_running = true;
  m_api.unread_notifications(guarded([this](Result<int> r) {
    m_unread_running = false;
    if (!r) return note_error(r.error());
    const bool more = m_unread_notifications >= 0 && *r > m_unread_notifications;
    m_unread_notifications = *r;
    // A new notification may be a mention or an added participant, which the change poll
    // cannot see: resync now instead of at the next resync tick.
    if (more) resync();
  }));
}

}  // namespace telpanel::core
