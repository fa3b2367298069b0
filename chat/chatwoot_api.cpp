// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat/chatwoot_api.hpp"

#include <glib.h>

#include "chat/chatwoot_json.hpp"
#include "chat/curl_http_client.hpp"

namespace telpanel::chat {

using nlohmann::json;

struct ChatwootApi::Pending {
  HttpRequest request;
  bool expect_json = true;
  JsonHandler handler;
};

namespace {

std::string escape(const std::string& s) {
  gchar* e = g_uri_escape_string(s.c_str(), nullptr, FALSE);
  std::string out = e;
  g_free(e);
  return out;
}

std::string server_message(const json& body) {
  if (body.is_object()) {
    for (const char* key : {"error", "message"}) {
      auto it = body.find(key);
      if (it != body.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return "";
}

// HTTP status and curl failures become core errors here, once (architecture §4).
core::Error http_error(const HttpResponse& r) {
  using core::ErrorCode;
  if (r.status == 0)
    return core::make_error(ErrorCode::Unreachable, "cannot reach the chat server: " + r.error);
  const json body = json::parse(r.body, nullptr, false);
  std::string said = body.is_discarded() ? "" : server_message(body);
  const std::string suffix =
      " (HTTP " + std::to_string(r.status) + (said.empty() ? "" : ": " + said) + ")";
  switch (r.status) {
    case 401:
      return core::make_error(ErrorCode::Unauthorized,
                              "the chat server refused the token or account" + suffix);
    case 403:
      return core::make_error(ErrorCode::Forbidden, "not allowed by the chat server" + suffix);
    case 404:
      return core::make_error(ErrorCode::NotFound, "not found on the chat server" + suffix);
    case 422:
      return core::make_error(ErrorCode::InvalidArgument, "the chat server refused it" + suffix);
    case 429:
      return core::make_error(ErrorCode::Busy, "the chat server asks to slow down" + suffix);
    default:
      break;
  }
  if (r.status >= 500)
    return core::make_error(ErrorCode::Unreachable, "the chat server failed" + suffix);
  return core::make_error(ErrorCode::Protocol, "unexpected reply from the chat server" + suffix);
}

}  // namespace

ChatwootApi::ChatwootApi(ChatwootSettings settings, core::Scheduler& scheduler)
    : m_settings(std::move(settings)),
      m_scheduler(scheduler),
      m_http(std::make_unique<CurlHttpClient>(m_settings.ca_file)),
      m_gate(m_settings.gate) {
  while (!m_settings.url.empty() && m_settings.url.back() == '/') m_settings.url.pop_back();
}

ChatwootApi::~ChatwootApi() { *m_alive = false; }

std::string ChatwootApi::account_url(const std::string& path) const {
  return m_settings.url + "/api/v1/accounts/" + std::to_string(m_settings.account_id) + path;
}

HttpRequest ChatwootApi::json_request(const std::string& method, const std::string& url,
                                      const json* body) const {
  HttpRequest r;
  r.method = method;
  r.url = url;
  r.headers = {"api_access_token: " + m_settings.token, "Accept: application/json"};
  // Only idempotent requests may ride a reused connection (see fresh_connection).
  r.fresh_connection = method == "POST";
  if (body) {
    r.headers.push_back("Content-Type: application/json");
    r.body = body->dump();
  }
  return r;
}

ChatwootStats ChatwootApi::stats() const {
  ChatwootStats s = m_stats;
  s.sent_last_minute = m_gate.sent_last_minute(core::RequestGate::Clock::now());
  s.queued = static_cast<int>(m_actions.size() + m_polls.size());
  s.consecutive_failures = m_gate.consecutive_failures();
  return s;
}

void ChatwootApi::keep_item_errors(std::vector<std::string>& errors) {
  for (auto& e : errors) {
    g_warning("chat: left out %s", e.c_str());
    m_item_errors.push_back(e);
  }
  if (m_item_errors.size() > 50)
    m_item_errors.erase(m_item_errors.begin(), m_item_errors.end() - 50);
}

void ChatwootApi::enqueue(HttpRequest request, core::ChatPriority priority, JsonHandler handler) {
  auto p = std::make_unique<Pending>();
  p->expect_json = request.download_to.empty();
  p->request = std::move(request);
  p->handler = std::move(handler);
  (priority == core::ChatPriority::Action ? m_actions : m_polls).push_back(std::move(p));
  pump();
}

void ChatwootApi::pump() {
  while (m_in_flight < m_settings.max_parallel && !(m_actions.empty() && m_polls.empty())) {
    const auto now = core::RequestGate::Clock::now();
    const auto wait = m_gate.wait_time(now);
    if (wait.count() > 0) {
      if (!m_wake.is_set()) {
        std::weak_ptr<bool> alive = m_alive;
        m_wake = m_scheduler.after(wait, [this, alive] {
          if (alive.expired()) return;
          m_wake = core::TimerHandle();
          pump();
        });
      }
      return;
    }
    auto& queue = m_actions.empty() ? m_polls : m_actions;
    std::unique_ptr<Pending> p = std::move(queue.front());
    queue.pop_front();
    m_gate.record_sent(now);
    ++m_in_flight;
    ++m_stats.requests;
    std::weak_ptr<bool> alive = m_alive;
    const bool expect_json = p->expect_json;
    auto handler = std::move(p->handler);
    m_http->perform(std::move(p->request),
                    [this, alive, expect_json, handler = std::move(handler)](HttpResponse r) {
                      if (alive.expired()) return;
                      --m_in_flight;
                      m_stats.bytes_in += r.bytes_in;
                      m_stats.bytes_out += r.bytes_out;
                      complete(r, expect_json, handler);
                      pump();
                    });
  }
}

void ChatwootApi::complete(const HttpResponse& r, bool expect_json, const JsonHandler& handler) {
  const auto now = core::RequestGate::Clock::now();
  if (r.status == 429) {
    std::optional<std::chrono::seconds> after;
    if (r.retry_after_s) after = std::chrono::seconds(*r.retry_after_s);
    m_gate.record_rate_limited(now, after);
    g_message("chat: rate limited by the server; waiting %lds", r.retry_after_s.value_or(-1));
    return handler(http_error(r));
  }
  if (r.status == 0 || r.status >= 500) {
    m_gate.record_failure(now);
    return handler(http_error(r));
  }
  if (r.status < 200 || r.status >= 300) {
    m_gate.record_success();  // the server answered sensibly; a refusal is not an outage
    return handler(http_error(r));
  }
  if (!expect_json) {
    m_gate.record_success();
    return handler(json(true));
  }
  if (r.body.empty() || r.body == " ") {
    m_gate.record_success();
    return handler(json(nullptr));
  }
  auto body = parse_json_body(r.body);
  if (!body) {
    // Garbage from a proxy or a broken server: treat like an outage (back off).
    m_gate.record_failure(now);
    g_warning("chat: %s", body.error().detail.c_str());
    return handler(body.error());
  }
  m_gate.record_success();
  handler(std::move(*body));
}

// ----- the operations -----

void ChatwootApi::profile(core::ChatCallback<core::ChatAgent> done) {
  enqueue(json_request("GET", m_settings.url + "/api/v1/profile", nullptr),
          core::ChatPriority::Action, [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(parse_agent(*j));
          });
}

void ChatwootApi::agents(core::ChatCallback<std::vector<core::ChatAgent>> done) {
  enqueue(json_request("GET", account_url("/agents"), nullptr), core::ChatPriority::Poll,
          [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            std::vector<std::string> errors;
            auto r = parse_agent_list(*j, &errors);
            keep_item_errors(errors);
            done(std::move(r));
          });
}

void ChatwootApi::inboxes(core::ChatCallback<std::vector<core::ChatInbox>> done) {
  enqueue(json_request("GET", account_url("/inboxes"), nullptr), core::ChatPriority::Poll,
          [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            std::vector<std::string> errors;
            auto r = parse_inbox_list(*j, &errors);
            keep_item_errors(errors);
            done(std::move(r));
          });
}

void ChatwootApi::templates(core::ChatCallback<std::vector<core::ChatTemplate>> done) {
  enqueue(json_request("GET", account_url("/canned_responses"), nullptr),
          core::ChatPriority::Action, [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            std::vector<std::string> errors;
            auto r = parse_template_list(*j, &errors);
            keep_item_errors(errors);
            done(std::move(r));
          });
}

void ChatwootApi::conversations(const core::ConversationQuery& q, core::ChatPriority priority,
                                core::ChatCallback<core::ConversationPage> done) {
  std::string query = "?status=" + escape(q.status);
  if (!q.assignee_type.empty()) query += "&assignee_type=" + escape(q.assignee_type);
  if (!q.conversation_type.empty()) query += "&conversation_type=" + escape(q.conversation_type);
  if (q.updated_within)
    query += "&updated_within=" + std::to_string(*q.updated_within);
  else
    query += "&page=" + std::to_string(q.page);
  enqueue(json_request("GET", account_url("/conversations" + query), nullptr), priority,
          [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            auto page = parse_conversation_page(*j);
            if (page) keep_item_errors(page->item_errors);
            done(std::move(page));
          });
}

void ChatwootApi::conversation(std::int64_t id, core::ChatCallback<core::Conversation> done) {
  enqueue(json_request("GET", account_url("/conversations/" + std::to_string(id)), nullptr),
          core::ChatPriority::Action, [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(parse_conversation(*j));
          });
}

void ChatwootApi::messages(std::int64_t conversation, std::optional<std::int64_t> after,
                           core::ChatPriority priority,
                           core::ChatCallback<core::MessageList> done) {
  std::string path = "/conversations/" + std::to_string(conversation) + "/messages";
  if (after) path += "?after=" + std::to_string(*after);
  enqueue(json_request("GET", account_url(path), nullptr), priority,
          [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            auto list = parse_message_list(*j);
            if (list) keep_item_errors(list->item_errors);
            done(std::move(list));
          });
}

void ChatwootApi::send(std::int64_t conversation, const core::OutgoingMessage& message,
                       core::ChatCallback<core::ChatMessage> done) {
  const std::string url =
      account_url("/conversations/" + std::to_string(conversation) + "/messages");
  HttpRequest req;
  if (message.files.empty()) {
    const json body = {{"content", message.text},
                       {"private", message.is_private},
                       {"message_type", "outgoing"},
                       {"echo_id", message.echo_id}};
    req = json_request("POST", url, &body);
  } else {
    req = json_request("POST", url, nullptr);
    req.form.push_back({"content", message.text, "", "", ""});
    req.form.push_back({"private", message.is_private ? "true" : "false", "", "", ""});
    req.form.push_back({"message_type", "outgoing", "", "", ""});
    req.form.push_back({"echo_id", message.echo_id, "", "", ""});
    for (const auto& f : message.files)
      req.form.push_back({"attachments[]", "", f.path, f.name, f.content_type});
    req.timeout_ms = 120000;  // uploads take longer than queries
  }
  enqueue(std::move(req), core::ChatPriority::Action, [done](core::Result<json> j) {
    if (!j) return done(j.error());
    done(parse_message(*j));
  });
}

void ChatwootApi::assign(std::int64_t conversation, std::int64_t agent,
                         core::ChatCallback<std::optional<core::ChatAgent>> done) {
  const json body = {{"assignee_id", agent}};
  enqueue(
      json_request("POST",
                   account_url("/conversations/" + std::to_string(conversation) + "/assignments"),
                   &body),
      core::ChatPriority::Action, [done](core::Result<json> j) {
        if (!j) return done(j.error());
        if (j->is_null()) return done(std::optional<core::ChatAgent>());
        auto a = parse_agent(*j);
        if (!a) return done(a.error());
        done(std::optional<core::ChatAgent>(*a));
      });
}

void ChatwootApi::participants(std::int64_t conversation, core::ChatPriority priority,
                               core::ChatCallback<std::vector<core::ChatAgent>> done) {
  enqueue(
      json_request("GET",
                   account_url("/conversations/" + std::to_string(conversation) + "/participants"),
                   nullptr),
      priority, [this, done](core::Result<json> j) {
        if (!j) return done(j.error());
        std::vector<std::string> errors;
        auto r = parse_agent_list(*j, &errors);
        keep_item_errors(errors);
        done(std::move(r));
      });
}

void ChatwootApi::add_participants(std::int64_t conversation, const std::vector<std::int64_t>& ids,
                                   core::ChatCallback<bool> done) {
  const json body = {{"user_ids", ids}};
  enqueue(
      json_request("POST",
                   account_url("/conversations/" + std::to_string(conversation) + "/participants"),
                   &body),
      core::ChatPriority::Action, [done](core::Result<json> j) {
        if (!j) return done(j.error());
        done(true);
      });
}

void ChatwootApi::remove_participants(std::int64_t conversation,
                                      const std::vector<std::int64_t>& ids,
                                      core::ChatCallback<bool> done) {
  const json body = {{"user_ids", ids}};
  enqueue(
      json_request("DELETE",
                   account_url("/conversations/" + std::to_string(conversation) + "/participants"),
                   &body),
      core::ChatPriority::Action, [done](core::Result<json> j) {
        if (!j) return done(j.error());
        done(true);
      });
}

void ChatwootApi::search_contacts(const std::string& query,
                                  core::ChatCallback<std::vector<core::ChatContact>> done) {
  enqueue(json_request("GET", account_url("/contacts/search?q=" + escape(query)), nullptr),
          core::ChatPriority::Action, [this, done](core::Result<json> j) {
            if (!j) return done(j.error());
            std::vector<std::string> errors;
            auto r = parse_contact_list(*j, &errors);
            keep_item_errors(errors);
            done(std::move(r));
          });
}

void ChatwootApi::create_contact(const std::string& name, const std::string& phone,
                                 core::ChatCallback<core::ChatContact> done) {
  const json body = {{"name", name}, {"phone_number", phone}};
  enqueue(json_request("POST", account_url("/contacts"), &body), core::ChatPriority::Action,
          [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(parse_created_contact(*j));
          });
}

void ChatwootApi::create_conversation(std::int64_t inbox, std::int64_t contact,
                                      std::int64_t assignee, const std::string& text,
                                      core::ChatCallback<core::Conversation> done) {
  const json body = {{"inbox_id", inbox},
                     {"contact_id", contact},
                     {"assignee_id", assignee},
                     {"message", {{"content", text}}}};
  enqueue(json_request("POST", account_url("/conversations"), &body), core::ChatPriority::Action,
          [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(parse_conversation(*j));
          });
}

void ChatwootApi::summarize(std::int64_t conversation, core::ChatCallback<std::string> done) {
  const json body = {{"conversation_display_id", conversation}};
  enqueue(json_request("POST", account_url("/captain/tasks/summarize"), &body),
          core::ChatPriority::Action, [done](core::Result<json> j) {
            if (!j) return done(j.error());
            if (!j->is_object() || !j->contains("message") || !(*j)["message"].is_string())
              return done(core::make_error(core::ErrorCode::Protocol,
                                           "unexpected reply from the chat server: the summary "
                                           "has no 'message'"));
            done((*j)["message"].get<std::string>());
          });
}

void ChatwootApi::mark_seen(std::int64_t conversation, core::ChatCallback<bool> done) {
  // update_last_seen sets agent_last_seen_at (the unread count is the messages after it) and
  // reads the conversation's notifications; it does not bump updated_at.
  enqueue(json_request(
              "POST",
              account_url("/conversations/" + std::to_string(conversation) + "/update_last_seen"),
              nullptr),
          core::ChatPriority::Action, [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(true);
          });
}

void ChatwootApi::unread_notifications(core::ChatCallback<int> done) {
  enqueue(json_request("GET", account_url("/notifications/unread_count"), nullptr),
          core::ChatPriority::Poll, [done](core::Result<json> j) {
            if (!j) return done(j.error());
            done(parse_unread_count(*j));
          });
}

void ChatwootApi::download(const std::string& url, const std::string& path,
                           core::ChatCallback<bool> done) {
  HttpRequest req;
  // Storage URLs are signed; the token is not sent (a redirect may lead to another host).
  req.url = url.rfind("/", 0) == 0 ? m_settings.url + url : url;
  req.follow_redirects = true;
  req.download_to = path;
  req.timeout_ms = 300000;
  enqueue(std::move(req), core::ChatPriority::Action, [done](core::Result<json> j) {
    if (!j) return done(j.error());
    done(true);
  });
}

}  // namespace telpanel::chat
