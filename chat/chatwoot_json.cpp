// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat/chatwoot_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace telpanel::chat {

using nlohmann::json;

namespace {

// Thrown inside one item's parser only; turned into that item's error by the caller.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* type_name(const json& v) { return v.type_name(); }

const json& field(const json& obj, const char* key) {
  if (!obj.is_object()) throw FieldError(std::string("expected an object, got ") + type_name(obj));
  auto it = obj.find(key);
  if (it == obj.end()) throw FieldError(std::string("'") + key + "' is missing");
  return *it;
}

std::int64_t req_int(const json& obj, const char* key) {
  const json& v = field(obj, key);
  if (!v.is_number_integer())
    throw FieldError(std::string("'") + key + "' should be an integer, not " + type_name(v));
  return v.get<std::int64_t>();
}

std::string req_string(const json& obj, const char* key) {
  const json& v = field(obj, key);
  if (!v.is_string())
    throw FieldError(std::string("'") + key + "' should be a string, not " + type_name(v));
  return v.get<std::string>();
}

// Optional fields: absent or null gives the fallback; present with a wrong type is an error.
std::string opt_string(const json& obj, const char* key, std::string fallback = "") {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string())
    throw FieldError(std::string("'") + key + "' should be a string, not " + type_name(*it));
  return it->get<std::string>();
}

std::int64_t opt_int(const json& obj, const char* key, std::int64_t fallback = 0) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_float()) return static_cast<std::int64_t>(std::floor(it->get<double>()));
  throw FieldError(std::string("'") + key + "' should be a number, not " + type_name(*it));
}

double opt_double(const json& obj, const char* key, double fallback = 0) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_number())
    throw FieldError(std::string("'") + key + "' should be a number, not " + type_name(*it));
  return it->get<double>();
}

bool opt_bool(const json& obj, const char* key, bool fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_boolean())
    throw FieldError(std::string("'") + key + "' should be true or false, not " + type_name(*it));
  return it->get<bool>();
}

const json* opt_object(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  if (!it->is_object())
    throw FieldError(std::string("'") + key + "' should be an object, not " + type_name(*it));
  return &*it;
}

const json& req_array(const json& obj, const char* key) {
  const json& v = field(obj, key);
  if (!v.is_array())
    throw FieldError(std::string("'") + key + "' should be an array, not " + type_name(v));
  return v;
}

core::Error protocol(const std::string& what) {
  return core::make_error(core::ErrorCode::Protocol,
                          "unexpected reply from the chat server: " + what);
}

// "conversation 12: ..." when the id is readable, else "conversation #3 in the list: ...".
std::string item_label(const char* what, const json& j, std::size_t index) {
  if (j.is_object()) {
    auto it = j.find("id");
    if (it != j.end() && it->is_number_integer())
      return std::string(what) + " " + std::to_string(it->get<std::int64_t>());
  }
  return std::string(what) + " #" + std::to_string(index + 1) + " in the list";
}

// Runs `one` on every element of `arr`, keeping what parses and naming what does not.
template <class T, class F>
std::vector<T> each(const json& arr, const char* what, std::vector<std::string>* errors, F one) {
  std::vector<T> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto r = one(arr[i]);
    if (r) {
      out.push_back(std::move(*r));
    } else if (errors) {
      errors->push_back(item_label(what, arr[i], i) + ": " + r.error().detail);
    }
  }
  return out;
}

template <class F>
auto guarded(F body) -> decltype(body()) {
  try {
    return body();
  } catch (const FieldError& e) {
    return core::make_error(core::ErrorCode::Protocol, e.what());
  } catch (const json::exception& e) {
    return core::make_error(core::ErrorCode::Protocol, e.what());
  }
}

core::ChatAttachment read_attachment(const json& a) {
  core::ChatAttachment out;
  out.id = req_int(a, "id");
  out.file_type = opt_string(a, "file_type", "file");
  out.content_type = opt_string(a, "content_type");
  out.data_url = req_string(a, "data_url");
  out.size = opt_int(a, "file_size");
  // The only file name Chatwoot gives is the last segment of the blob URL.
  std::string path = out.data_url.substr(0, out.data_url.find('?'));
  out.name = path.substr(path.rfind('/') + 1);
  return out;
}

core::ChatAgent read_agent(const json& j) {
  core::ChatAgent a;
  a.id = req_int(j, "id");
  a.name = opt_string(j, "available_name");
  if (a.name.empty()) a.name = req_string(j, "name");
  return a;
}

core::ChatMessage read_message(const json& j) {
  core::ChatMessage m;
  m.id = req_int(j, "id");
  m.text = opt_string(j, "content");
  const bool is_private = opt_bool(j, "private", false);
  const json& type = field(j, "message_type");
  std::int64_t t = -1;
  if (type.is_number_integer()) {
    t = type.get<std::int64_t>();
  } else if (type.is_string()) {
    const auto s = type.get<std::string>();
    t = s == "incoming" ? 0 : s == "outgoing" ? 1 : s == "activity" ? 2 : s == "template" ? 3 : -1;
  }
  if (t < 0 || t > 3) throw FieldError("'message_type' is not one of 0..3");
  m.direction = t == 0       ? core::MessageDirection::Incoming
                : t == 2     ? core::MessageDirection::Activity
                : is_private ? core::MessageDirection::Note
                             : core::MessageDirection::Outgoing;
  m.conversation_id = opt_int(j, "conversation_id");
  m.created_at = opt_int(j, "created_at");
  m.status = opt_string(j, "status");
  m.echo_id = opt_string(j, "echo_id");
  if (const json* sender = opt_object(j, "sender")) {
    m.sender_name = opt_string(*sender, "available_name");
    if (m.sender_name.empty()) m.sender_name = opt_string(*sender, "name");
    if (opt_string(*sender, "type") == "user") m.sender_agent = read_agent(*sender);
  }
  auto it = j.find("attachments");
  if (it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw FieldError("'attachments' should be an array");
    for (const auto& a : *it) m.attachments.push_back(read_attachment(a));
  }
  return m;
}

core::ChatContact read_contact(const json& j) {
  core::ChatContact c;
  c.id = req_int(j, "id");
  c.name = opt_string(j, "name");
  c.phone = opt_string(j, "phone_number");
  return c;
}

core::Conversation read_conversation(const json& j) {
  core::Conversation c;
  c.id = req_int(j, "id");
  c.inbox_id = req_int(j, "inbox_id");
  c.status = req_string(j, "status");
  const json& meta = field(j, "meta");
  if (!meta.is_object()) throw FieldError("'meta' should be an object");
  if (const json* a = opt_object(meta, "assignee")) c.assignee = read_agent(*a);
  if (const json* s = opt_object(meta, "sender")) c.contact = read_contact(*s);
  c.channel = channel_name(opt_string(meta, "channel"));
  c.unread = static_cast<int>(opt_int(j, "unread_count"));
  c.updated_at = opt_double(j, "updated_at");
  c.last_activity_at = opt_int(j, "last_activity_at", opt_int(j, "timestamp"));
  c.can_reply = opt_bool(j, "can_reply", true);
  auto it = j.find("messages");
  if (it != j.end() && it->is_array() && !it->empty()) c.last_message = read_message(it->back());
  if (!c.last_message) {
    if (const json* last = opt_object(j, "last_non_activity_message"))
      c.last_message = read_message(*last);
  }
  return c;
}

}  // namespace

std::string channel_name(const std::string& channel_type) {
  std::string s = channel_type.rfind("Channel::", 0) == 0 ? channel_type.substr(9) : channel_type;
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (s == "webwidget") return "web";
  if (s == "twiliosms") return "sms";
  return s;
}

core::Result<json> parse_json_body(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    std::string start = body.substr(0, 60);
    for (auto& c : start)
      if (static_cast<unsigned char>(c) < 32) c = ' ';
    return protocol("the reply is not JSON (starts with \"" + start + "\")");
  }
  return j;
}

core::Result<core::Conversation> parse_conversation(const json& j) {
  return guarded([&]() -> core::Result<core::Conversation> { return read_conversation(j); });
}

core::Result<core::ConversationPage> parse_conversation_page(const json& j) {
  return guarded([&]() -> core::Result<core::ConversationPage> {
    const json& data = field(j, "data");
    core::ConversationPage page;
    if (const json* meta = opt_object(data, "meta")) {
      page.counts.mine = static_cast<int>(opt_int(*meta, "mine_count"));
      page.counts.assigned = static_cast<int>(opt_int(*meta, "assigned_count"));
      page.counts.unassigned = static_cast<int>(opt_int(*meta, "unassigned_count"));
      page.counts.all = static_cast<int>(opt_int(*meta, "all_count"));
    }
    page.items = each<core::Conversation>(req_array(data, "payload"), "conversation",
                                          &page.item_errors, parse_conversation);
    return page;
  });
}

core::Result<core::ChatMessage> parse_message(const json& j) {
  return guarded([&]() -> core::Result<core::ChatMessage> { return read_message(j); });
}

core::Result<core::MessageList> parse_message_list(const json& j) {
  return guarded([&]() -> core::Result<core::MessageList> {
    core::MessageList list;
    list.items = each<core::ChatMessage>(req_array(j, "payload"), "message", &list.item_errors,
                                         parse_message);
    return list;
  });
}

core::Result<core::ChatAgent> parse_agent(const json& j) {
  return guarded([&]() -> core::Result<core::ChatAgent> { return read_agent(j); });
}

core::Result<std::vector<core::ChatAgent>> parse_agent_list(const json& j,
                                                            std::vector<std::string>* errors) {
  const json* arr = &j;
  if (j.is_object() && j.contains("payload")) arr = &j["payload"];
  if (!arr->is_array())
    return protocol(std::string("expected a list of agents, got ") + j.type_name());
  return each<core::ChatAgent>(*arr, "agent", errors, parse_agent);
}

core::Result<std::vector<core::ChatInbox>> parse_inbox_list(const json& j,
                                                            std::vector<std::string>* errors) {
  return guarded([&]() -> core::Result<std::vector<core::ChatInbox>> {
    return each<core::ChatInbox>(req_array(j, "payload"), "inbox", errors,
                                 [](const json& i) -> core::Result<core::ChatInbox> {
                                   return guarded([&]() -> core::Result<core::ChatInbox> {
                                     core::ChatInbox inbox;
                                     inbox.id = req_int(i, "id");
                                     inbox.name = opt_string(i, "name");
                                     inbox.channel = channel_name(req_string(i, "channel_type"));
                                     return inbox;
                                   });
                                 });
  });
}

core::Result<std::vector<core::ChatTemplate>> parse_template_list(
    const json& j, std::vector<std::string>* errors) {
  const json* arr = &j;
  if (j.is_object() && j.contains("payload")) arr = &j["payload"];
  if (!arr->is_array()) return protocol(std::string("expected a list of canned responses"));
  return each<core::ChatTemplate>(*arr, "canned response", errors,
                                  [](const json& t) -> core::Result<core::ChatTemplate> {
                                    return guarded([&]() -> core::Result<core::ChatTemplate> {
                                      core::ChatTemplate out;
                                      out.id = req_int(t, "id");
                                      out.short_code = req_string(t, "short_code");
                                      out.content = req_string(t, "content");
                                      out.variables = core::template_variables(out.content);
                                      return out;
                                    });
                                  });
}

core::Result<core::ChatContact> parse_contact(const json& j) {
  return guarded([&]() -> core::Result<core::ChatContact> { return read_contact(j); });
}

core::Result<std::vector<core::ChatContact>> parse_contact_list(const json& j,
                                                                std::vector<std::string>* errors) {
  return guarded([&]() -> core::Result<std::vector<core::ChatContact>> {
    return each<core::ChatContact>(req_array(j, "payload"), "contact", errors, parse_contact);
  });
}

core::Result<core::ChatContact> parse_created_contact(const json& j) {
  return guarded([&]() -> core::Result<core::ChatContact> {
    const json& payload = field(j, "payload");
    if (const json* c = opt_object(payload, "contact")) return read_contact(*c);
    return read_contact(payload);
  });
}

core::Result<int> parse_unread_count(const json& j) {
  if (j.is_number_integer()) return j.get<int>();
  return guarded([&]() -> core::Result<int> {
    const json* data = j.contains("data") ? &j["data"] : &j;
    if (data->is_number_integer()) return data->get<int>();
    if (const json* meta = opt_object(*data, "meta"))
      return static_cast<int>(req_int(*meta, "unread_count"));
    return static_cast<int>(req_int(*data, "unread_count"));
  });
}

}  // namespace telpanel::chat
