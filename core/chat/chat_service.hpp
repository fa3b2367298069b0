// SPDX-License-Identifier: GPL-3.0-or-later
// ChatService: the panel's chats (CHAT-1..9) over a ChatApi. Keeps the three groups (Queue =
// open and unassigned, My chats = open and assigned to me, Observed = I participate and another
// agent holds it) up to date by polling that respects the server: a cheap change poll
// (updated_within) every few seconds, a full resync of the groups every few minutes (participant
// changes do not show in the change poll), the open chat's new messages with after=<last id>,
// and the notification badge. Replies go through the durable outbox; the first reply to a queued
// chat takes it. Emits events for new chats, new messages, mentions. Main thread.
#pragma once

#include <sigc++/signal.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/chat/chat_api.hpp"
#include "core/chat/chat_outbox.hpp"
#include "core/chat/outbox_sender.hpp"
#include "core/number_normalizer.hpp"
#include "core/scheduler.hpp"

namespace telpanel::core {

enum class ChatGroup { None, Queue, Mine, Observed };
const char* chat_group_name(ChatGroup g);
/// "queue", "mine", "observed"; nullopt for anything else.
std::optional<ChatGroup> parse_chat_group(const std::string& name);

struct ChatSettings {
  std::chrono::milliseconds poll_interval{5000};
  std::chrono::milliseconds resync_interval{180000};
  /// After assigning ourselves, how long to let a competing assignment land before re-reading.
  std::chrono::milliseconds take_settle{700};
  /// A send answers "pending" after this long even if the server has not answered yet.
  std::chrono::milliseconds send_answer_within{6000};
  std::int64_t max_file_bytes = 16 * 1024 * 1024;
  std::int64_t max_image_bytes = 5 * 1024 * 1024;
  int page_size = 25;  // the server's page size for conversation lists
};

struct ChatEntry {
  Conversation conversation;
  ChatGroup group = ChatGroup::None;
  std::string phone_key;  // the contact's phone, normalized (links chats to the directory)
};

struct ChatDetails {
  ChatEntry entry;
  std::vector<ChatMessage> messages;
  std::vector<ChatAgent> observers;  // participants other than the assignee
  std::vector<OutboxEntry> unsent;   // queued, held drafts and refused messages
};

struct SendOutcome {
  std::int64_t outbox_id = 0;
  OutboxState state = OutboxState::Pending;  // Sent, or Pending when the server is unreachable
  std::int64_t message_id = 0;
  std::string detail;
};

/// Something the user should hear about (CHAT-8). kind: "chat.new" (a new chat in the queue),
/// "chat.message" (a new customer message in my or an observed chat), "chat.mention" (a note
/// mentioning me made me an observer), "chat.observer" (I was added as observer otherwise),
/// "chat.group" (a chat changed group), "chat.outbox" (an outbox entry was sent or stopped).
struct ChatEvent {
  std::string kind;
  ChatEntry entry;
  std::optional<ChatMessage> message;
  std::optional<OutboxEntry> outbox;
  ChatGroup previous = ChatGroup::None;
};

class ChatService {
 public:
  using UnixNow = std::function<std::int64_t()>;

  /// `outbox` and `normalizer` may be null (no outbox: sending is refused).
  ChatService(ChatApi& api, ChatOutbox* outbox, Scheduler& scheduler, ChatSettings settings,
              UnixNow now, const NumberNormalizer* normalizer = nullptr);
  ~ChatService();

  /// Reads who I am, the agents, inboxes and templates, resyncs, and starts polling.
  void start();

  bool is_ready() const { return m_me.id != 0; }
  /// The first resync is done: the groups are complete.
  bool is_synced() const { return m_synced; }
  const ChatAgent& me() const { return m_me; }
  std::vector<ChatEntry> chats(std::optional<ChatGroup> group = std::nullopt) const;
  int count(ChatGroup group) const;
  int unread_notifications() const { return m_unread_notifications; }
  /// How many of the chats in the three groups have unread messages (the Chats tab's badge).
  int unread_chats() const;
  const std::vector<std::string>& item_errors() const { return m_item_errors; }
  const std::optional<Error>& last_error() const { return m_last_error; }
  const std::vector<ChatAgent>& agents() const { return m_agents; }
  const std::vector<ChatInbox>& inboxes() const { return m_inboxes; }
  /// Pending outbox entries.
  int outbox_pending() const;

  void show(std::int64_t id, ChatCallback<ChatDetails> done);
  /// Stores the message (and copies of the files) in the outbox, then sends it. `done` gets Sent
  /// once the server has it, Pending when it cannot be reached now (it will be sent later), or
  /// an error: a bad file (nothing stored) or the chat taken by someone else (draft kept).
  void send(std::int64_t id, const std::string& text, const std::vector<std::string>& files,
            ChatCallback<SendOutcome> done);
  /// A private note (colleagues see it, the customer does not); mention markup in `text`
  /// (mention_markup) makes those agents participants. Never takes the chat.
  void note(std::int64_t id, const std::string& text, const std::vector<std::string>& files,
            ChatCallback<SendOutcome> done);
  /// Whether `path` may be sent (size, type, readable): the error names the file and the limit.
  Result<OutgoingFile> check_file(const std::string& path) const;
  /// A private note mentioning `agent` (which makes them an observer) with `text` after it.
  void mention(std::int64_t id, const std::string& agent, const std::string& text,
               ChatCallback<SendOutcome> done);
  void take(std::int64_t id, ChatCallback<Conversation> done);
  void transfer(std::int64_t id, const std::string& agent, bool keep_observing,
                ChatCallback<bool> done);
  void observe(std::int64_t id, const std::string& agent, ChatCallback<bool> done);
  void templates(ChatCallback<std::vector<ChatTemplate>> done);
  /// Write first: finds or creates the contact by phone, opens a conversation in `inbox` with
  /// `text`, assigned to me. An inbox that cannot start conversations is refused up front.
  void start_conversation(const std::string& phone, std::int64_t inbox, const std::string& text,
                          ChatCallback<Conversation> done, bool refreshed = false);
  /// Downloads attachment `attachment` of chat `id` into `dir`; returns the file's path.
  void download(std::int64_t id, std::int64_t attachment, const std::string& dir,
                ChatCallback<std::string> done);

  /// The person has read chat `id`: tells the server and counts it as read at once.
  void mark_read(std::int64_t id, ChatCallback<bool> done);

  /// The server's AI analysis of the dialogue (CHAT-10), or a clear error when it offers none.
  void summarize(std::int64_t id, ChatCallback<std::string> done);

  /// Runs a full resync now (also done on a timer).
  void resync();

  sigc::signal<void(const ChatEvent&)>& signal_event() { return m_event; }
  /// Any change of the lists or counts.
  sigc::signal<void()>& signal_changed() { return m_changed; }

 private:
  struct Resync;
  void load_caches();
  void schedule_timers();
  void poll_changes();
  void poll_open_chat();
  void poll_unread();
  void fetch_group(std::shared_ptr<Resync> run, int which, int page);
  void finish_resync(std::shared_ptr<Resync> run);
  void apply(const Conversation& c, bool announce);
  ChatGroup group_of(const Conversation& c) const;
  ChatEntry make_entry(const Conversation& c, ChatGroup g) const;
  void note_error(const Error& e);
  void note_item_errors(const std::vector<std::string>& errors);
  Result<ChatAgent> find_agent(const std::string& ref) const;
  void enqueue(std::int64_t id, OutboxEntry entry, ChatCallback<SendOutcome> done);
  void queue_message(std::int64_t id, const std::string& text,
                     const std::vector<std::string>& files, bool is_private,
                     ChatCallback<SendOutcome> done);
  void take_for_outbox(std::int64_t id, ChatCallback<Conversation> done);
  void check_new_observed(std::int64_t id);
  /// Wraps a callback so it does nothing once this service is gone.
  template <class F>
  auto guarded(F fn) {
    std::weak_ptr<bool> alive = m_alive;
    return [alive, fn = std::move(fn)](auto&&... args) mutable {
      if (!alive.expired()) fn(std::forward<decltype(args)>(args)...);
    };
  }

  ChatApi& m_api;
  ChatOutbox* m_outbox;
  Scheduler& m_scheduler;
  ChatSettings m_settings;
  UnixNow m_now;
  const NumberNormalizer* m_normalizer;
  std::unique_ptr<OutboxSender> m_sender;

  ChatAgent m_me;
  std::vector<ChatAgent> m_agents;
  std::vector<ChatInbox> m_inboxes;
  std::map<std::int64_t, ChatEntry> m_chats;
  std::set<std::int64_t> m_participating;  // from the last resync, plus our own changes
  bool m_synced = false;
  bool m_resync_running = false;
  bool m_change_poll_running = false;
  std::int64_t m_last_change_poll = 0;  // unix seconds of the last successful change poll
  std::optional<std::int64_t> m_open_chat;
  std::int64_t m_open_last_id = 0;
  bool m_open_poll_running = false;
  int m_unread_notifications = -1;
  bool m_unread_running = false;
  std::vector<std::string> m_item_errors;
  std::optional<Error> m_last_error;
  std::map<std::int64_t, ChatCallback<SendOutcome>> m_waiting_sends;
  TimerHandle m_poll_timer;
  TimerHandle m_resync_timer;
  std::vector<TimerHandle> m_settle_timers;
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
  sigc::signal<void(const ChatEvent&)> m_event;
  sigc::signal<void()> m_changed;
};

}  // namespace telpanel::core
