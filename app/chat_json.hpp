// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON shapes of the chat control interface (README "Chats"): chats, messages, details,
// templates, send outcomes, events. One place, so D-Bus, telpanelctl and tests agree. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/chat/chat_service.hpp"

namespace telpanel::app {

/// "2026-11-21T19:02:27+03:00" for unix seconds; null for 0.
nlohmann::json unix_time_json(std::int64_t seconds);
nlohmann::json chat_message_json(const core::ChatMessage& m);
/// {id, group, status, assignee, assignee_id, contact{id,name,phone,phone_key}, inbox, inbox_id,
///  unread, last_message, last_activity_at, can_reply}
nlohmann::json chat_json(const core::ChatEntry& e, const std::vector<core::ChatInbox>& inboxes);
/// chat_json + messages, observers, drafts (the outbox's unsent entries).
nlohmann::json chat_details_json(const core::ChatDetails& d,
                                 const std::vector<core::ChatInbox>& inboxes);
nlohmann::json outbox_entry_json(const core::OutboxEntry& e);
nlohmann::json send_outcome_json(const core::SendOutcome& o);
nlohmann::json template_json(const core::ChatTemplate& t);
nlohmann::json chat_event_json(const core::ChatEvent& ev,
                               const std::vector<core::ChatInbox>& inboxes);

}  // namespace telpanel::app
