// SPDX-License-Identifier: GPL-3.0-or-later
// Chatwoot's JSON (reference note §2.2, §3, §4, §6) to core chat types. Unknown fields are
// ignored; a missing or wrong-typed field makes that one item an error ("conversation 12:
// 'status' is missing") and the other items are kept. A body that is not JSON at all, or lacks
// the envelope, is an error for the whole reply. Pure functions, any thread.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/chat/chat_types.hpp"
#include "core/result.hpp"

namespace telpanel::chat {

core::Result<nlohmann::json> parse_json_body(const std::string& body);

core::Result<core::Conversation> parse_conversation(const nlohmann::json& j);
/// GET conversations: {data:{meta:{mine_count,...}, payload:[...]}}
core::Result<core::ConversationPage> parse_conversation_page(const nlohmann::json& j);
core::Result<core::ChatMessage> parse_message(const nlohmann::json& j);
/// GET messages: {meta:{...}, payload:[...]}
core::Result<core::MessageList> parse_message_list(const nlohmann::json& j);
core::Result<core::ChatAgent> parse_agent(const nlohmann::json& j);
/// A bare array of agents (agents, participants); unreadable entries are skipped and named.
core::Result<std::vector<core::ChatAgent>> parse_agent_list(const nlohmann::json& j,
                                                            std::vector<std::string>* errors);
/// GET inboxes: {payload:[...]}
core::Result<std::vector<core::ChatInbox>> parse_inbox_list(const nlohmann::json& j,
                                                            std::vector<std::string>* errors);
/// GET canned_responses: a bare array.
core::Result<std::vector<core::ChatTemplate>> parse_template_list(const nlohmann::json& j,
                                                                  std::vector<std::string>* errors);
core::Result<core::ChatContact> parse_contact(const nlohmann::json& j);
/// contacts/search: {payload:[...]}; POST contacts: {payload:{contact:{...}}}
core::Result<std::vector<core::ChatContact>> parse_contact_list(const nlohmann::json& j,
                                                                std::vector<std::string>* errors);
core::Result<core::ChatContact> parse_created_contact(const nlohmann::json& j);
/// notifications/unread_count: a bare integer (or {data:{unread_count}} from older servers).
core::Result<int> parse_unread_count(const nlohmann::json& j);

/// "Channel::Whatsapp" -> "whatsapp", "Channel::WebWidget" -> "web".
std::string channel_name(const std::string& channel_type);

}  // namespace telpanel::chat
