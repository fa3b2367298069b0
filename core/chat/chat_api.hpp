// SPDX-License-Identifier: GPL-3.0-or-later
// Port: the chat server's operations the panel needs (Chatwoot's Application API). Every call
// is asynchronous and completes on the main thread; the adapter paces the requests (budget,
// backoff, 429) so callers may ask freely. Implemented by chat::ChatwootApi; tests use fakes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/chat/chat_types.hpp"
#include "core/result.hpp"

namespace telpanel::core {

template <class T>
using ChatCallback = std::function<void(Result<T>)>;

struct ConversationQuery {
  std::string status = "open";        // open, all, ...
  std::string assignee_type;          // me, unassigned, all ("" = all)
  std::string conversation_type;      // participating, mention ("" = none)
  int page = 1;                       // 1-based; ignored with updated_within
  std::optional<int> updated_within;  // seconds: the cheap change poll (no paging)
};

struct OutgoingFile {
  std::string path;  // a local file to upload
  std::string name;  // the file name to show
  std::string content_type;
};

struct OutgoingMessage {
  std::string text;
  bool is_private = false;  // a private note (mentions only work there)
  std::string echo_id;
  std::vector<OutgoingFile> files;
};

/// Urgency of a request when the budget is short: user actions go before background polls.
enum class ChatPriority { Action, Poll };

class ChatApi {
 public:
  virtual ~ChatApi() = default;

  /// The agent whose token is used.
  virtual void profile(ChatCallback<ChatAgent> done) = 0;
  virtual void agents(ChatCallback<std::vector<ChatAgent>> done) = 0;
  virtual void inboxes(ChatCallback<std::vector<ChatInbox>> done) = 0;
  virtual void templates(ChatCallback<std::vector<ChatTemplate>> done) = 0;

  virtual void conversations(const ConversationQuery& query, ChatPriority priority,
                             ChatCallback<ConversationPage> done) = 0;
  virtual void conversation(std::int64_t id, ChatCallback<Conversation> done) = 0;
  /// The latest messages, or those newer than `after` (ascending).
  virtual void messages(std::int64_t conversation, std::optional<std::int64_t> after,
                        ChatPriority priority, ChatCallback<MessageList> done) = 0;
  virtual void send(std::int64_t conversation, const OutgoingMessage& message,
                    ChatCallback<ChatMessage> done) = 0;
  /// Sets the assignee; the reply is the new assignee (nullopt when unassigned).
  virtual void assign(std::int64_t conversation, std::int64_t agent,
                      ChatCallback<std::optional<ChatAgent>> done) = 0;
  virtual void participants(std::int64_t conversation, ChatPriority priority,
                            ChatCallback<std::vector<ChatAgent>> done) = 0;
  virtual void add_participants(std::int64_t conversation, const std::vector<std::int64_t>& ids,
                                ChatCallback<bool> done) = 0;
  virtual void remove_participants(std::int64_t conversation, const std::vector<std::int64_t>& ids,
                                   ChatCallback<bool> done) = 0;

  /// Contacts whose name, phone or e-mail contains `query`.
  virtual void search_contacts(const std::string& query,
                               ChatCallback<std::vector<ChatContact>> done) = 0;
  virtual void create_contact(const std::string& name, const std::string& phone,
                              ChatCallback<ChatContact> done) = 0;
  virtual void create_conversation(std::int64_t inbox, std::int64_t contact, std::int64_t assignee,
                                   const std::string& text, ChatCallback<Conversation> done) = 0;

  /// The server's AI summary of a conversation (Chatwoot Captain); NotFound or InvalidArgument
  /// when the server does not offer it.
  virtual void summarize(std::int64_t conversation, ChatCallback<std::string> done) = 0;

  /// Marks the conversation read by me (its unread count drops to 0).
  virtual void mark_seen(std::int64_t conversation, ChatCallback<bool> done) = 0;
  /// The per-user notification badge.
  virtual void unread_notifications(ChatCallback<int> done) = 0;
  /// Fetches `url` (following redirects) into the file `path`.
  virtual void download(const std::string& url, const std::string& path,
                        ChatCallback<bool> done) = 0;
};

}  // namespace telpanel::core
