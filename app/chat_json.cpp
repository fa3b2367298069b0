// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/chat_json.hpp"

#include <chrono>

#include "app/json_view.hpp"

namespace telpanel::app {

using nlohmann::json;

json unix_time_json(std::int64_t seconds) {
  if (seconds <= 0) return nullptr;
  return iso8601(core::TimePoint(std::chrono::seconds(seconds)));
}

json chat_message_json(const core::ChatMessage& m) {
  json files = json::array();
  for (const auto& a : m.attachments)
    files.push_back({{"id", a.id},
                     {"file_type", a.file_type},
                     {"content_type", a.content_type},
                     {"name", a.name},
                     {"size", a.size},
                     {"url", a.data_url}});
  return {{"id", m.id},
          {"direction", core::message_direction_name(m.direction)},
          {"sender", m.sender_name},
          {"sender_id", m.sender_agent ? json(m.sender_agent->id) : json(nullptr)},
          {"text", m.text},
          {"status", m.status},
          {"attachments", files},
          {"created_at", unix_time_json(m.created_at)}};
}

json chat_json(const core::ChatEntry& e, const std::vector<core::ChatInbox>& inboxes) {
  const auto& c = e.conversation;
  std::string channel = c.channel;
  for (const auto& i : inboxes)
    if (i.id == c.inbox_id && channel.empty()) channel = i.channel;
  return {{"id", c.id},
          {"group", core::chat_group_name(e.group)},
          {"status", c.status},
          {"assignee", c.assignee ? json(c.assignee->name) : json(nullptr)},
          {"assignee_id", c.assignee ? json(c.assignee->id) : json(nullptr)},
          {"contact",
           {{"id", c.contact.id},
            {"name", c.contact.name},
            {"phone", c.contact.phone.empty() ? json(nullptr) : json(c.contact.phone)},
            {"phone_key", e.phone_key}}},
          {"inbox", channel},
          {"inbox_id", c.inbox_id},
          {"unread", c.unread},
          {"last_message", c.last_message ? chat_message_json(*c.last_message) : json(nullptr)},
          {"last_activity_at", unix_time_json(c.last_activity_at)},
          {"can_reply", c.can_reply}};
}

json outbox_entry_json(const core::OutboxEntry& e) {
  json files = json::array();
  for (const auto& f : e.message.files) files.push_back(f.name);
  return {{"id", e.id},
          {"state", core::outbox_state_name(e.state)},
          {"text", e.message.text},
          {"private", e.message.is_private},
          {"files", files},
          {"attempts", e.attempts},
          {"error", e.error},
          {"created_at", unix_time_json(e.created_at)}};
}

json chat_details_json(const core::ChatDetails& d, const std::vector<core::ChatInbox>& inboxes) {
  json out = chat_json(d.entry, inboxes);
  json messages = json::array();
  for (const auto& m : d.messages) messages.push_back(chat_message_json(m));
  json observers = json::array();
  for (const auto& a : d.observers) observers.push_back({{"id", a.id}, {"name", a.name}});
  json drafts = json::array();
  for (const auto& e : d.unsent) drafts.push_back(outbox_entry_json(e));
  out["messages"] = messages;
  out["observers"] = observers;
  out["drafts"] = drafts;
  return out;
}

json send_outcome_json(const core::SendOutcome& o) {
  return {{"outbox_id", o.outbox_id},
          {"state", core::outbox_state_name(o.state)},
          {"message_id", o.message_id ? json(o.message_id) : json(nullptr)},
          {"detail", o.detail}};
}

json template_json(const core::ChatTemplate& t) {
  return {{"id", t.id},
          {"short_code", t.short_code},
          {"content", t.content},
          {"variables", t.variables}};
}

json chat_event_json(const core::ChatEvent& ev, const std::vector<core::ChatInbox>& inboxes) {
  json out = {{"event", ev.kind}, {"chat", chat_json(ev.entry, inboxes)}};
  if (ev.message) out["message"] = chat_message_json(*ev.message);
  if (ev.outbox) out["outbox"] = outbox_entry_json(*ev.outbox);
  out["previous_group"] = core::chat_group_name(ev.previous);
  return out;
}

}  // namespace telpanel::app
