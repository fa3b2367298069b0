// SPDX-License-Identifier: GPL-3.0-or-later
// The chat domain as the panel sees it (CHAT-1..9): conversations, messages, agents, inboxes,
// templates. Plain values, filled by the chat adapter from the server's JSON. Any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace telpanel::core {

/// A colleague (a user of the chat server).
struct ChatAgent {
  std::int64_t id = 0;
  std::string name;
  bool operator==(const ChatAgent&) const = default;
};

struct ChatAttachment {
  std::int64_t id = 0;
  std::string file_type;     // image, audio, video, file, ...
  std::string content_type;  // may be empty (older servers)
  std::string data_url;      // redirects to the stored file
  std::string name;          // the file name from the URL path
  std::int64_t size = 0;
};

enum class MessageDirection { Incoming, Outgoing, Activity, Note };
const char* message_direction_name(MessageDirection d);

struct ChatMessage {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  MessageDirection direction = MessageDirection::Incoming;
  std::optional<ChatAgent> sender_agent;  // set when a user (not the contact) wrote it
  std::string sender_name;
  std::string text;
  std::string status;   // sent, delivered, read, failed
  std::string echo_id;  // only in the reply to our own POST; servers do not keep it
  std::vector<ChatAttachment> attachments;
  std::int64_t created_at = 0;  // unix seconds
};

struct ChatContact {
  std::int64_t id = 0;
  std::string name;
  std::string phone;  // as the server has it (E.164 for WhatsApp), may be empty (Telegram)
};

struct ChatInbox {
  std::int64_t id = 0;
  std::string name;
  std::string channel;  // whatsapp, telegram, api, web, email, sms, ...
  /// Whether a conversation can be started from our side (a Telegram bot cannot).
  bool can_start_conversation() const { return channel != "telegram"; }
};

struct Conversation {
  std::int64_t id = 0;  // the display id: the one in URLs and shown to people
  std::int64_t inbox_id = 0;
  std::string status;  // open, resolved, pending, snoozed
  std::optional<ChatAgent> assignee;
  ChatContact contact;
  int unread = 0;
  std::optional<ChatMessage> last_message;
  double updated_at = 0;  // unix seconds with fraction; bumped by every change but participants
  std::int64_t last_activity_at = 0;
  bool can_reply = true;
  std::string channel;  // whatsapp, telegram, ... when the server says (else from the inbox)
};

struct ConversationCounts {
  int mine = 0;
  int assigned = 0;
  int unassigned = 0;
  int all = 0;
};

/// One page of a conversation list. Items the adapter could not read are left out and named
/// in `item_errors` ("conversation 12: 'status' is missing"); the rest are usable.
struct ConversationPage {
  std::vector<Conversation> items;
  ConversationCounts counts;
  std::vector<std::string> item_errors;
};

struct MessageList {
  std::vector<ChatMessage> items;
  std::vector<std::string> item_errors;
};

/// A canned response; `variables` are the {{...}} placeholders the server fills in.
struct ChatTemplate {
  std::int64_t id = 0;
  std::string short_code;
  std::string content;
  std::vector<std::string> variables;
};

/// The {{name}} placeholders of a template text, in order of first appearance.
std::vector<std::string> template_variables(const std::string& content);

/// Chatwoot's mention markup, which makes the mentioned agent a participant:
/// "[@Anna Smith](mention://user/3/Anna%20Smith)".
std::string mention_markup(const ChatAgent& agent);

/// `text` with every mention markup shown as the person wrote it: "@Anna Smith".
std::string without_mention_markup(const std::string& text);

}  // namespace telpanel::core
