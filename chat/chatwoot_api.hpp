// SPDX-License-Identifier: GPL-3.0-or-later
// ChatwootApi: core::ChatApi over Chatwoot's Application API (reference note §§1-9) with a
// CurlHttpClient. Every request passes one queue that keeps the per-minute request budget,
// backs off exponentially (with jitter) after failures and honours 429 Retry-After; user actions
// go before polls. The per-user token goes in the api_access_token header. Main thread.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/chat/chat_api.hpp"
#include "core/chat/request_gate.hpp"
#include "core/scheduler.hpp"

namespace telpanel::chat {

class CurlHttpClient;
struct HttpRequest;
struct HttpResponse;

struct ChatwootSettings {
  std::string url;  // base URL, e.g. https://chat.example.com
  std::int64_t account_id = 0;
  std::string token;
  std::string ca_file;  // extra CA to trust (certificates are always checked)
  core::RequestGate::Settings gate;
  int max_parallel = 3;
};

struct ChatwootStats {
  std::int64_t requests = 0;
  std::int64_t bytes_in = 0;
  std::int64_t bytes_out = 0;
  int sent_last_minute = 0;
  int queued = 0;
  int consecutive_failures = 0;
};

class ChatwootApi final : public core::ChatApi {
 public:
  ChatwootApi(ChatwootSettings settings, core::Scheduler& scheduler);
  ~ChatwootApi() override;

  void profile(core::ChatCallback<core::ChatAgent> done) override;
  void agents(core::ChatCallback<std::vector<core::ChatAgent>> done) override;
  void inboxes(core::ChatCallback<std::vector<core::ChatInbox>> done) override;
  void templates(core::ChatCallback<std::vector<core::ChatTemplate>> done) override;
  void conversations(const core::ConversationQuery& query, core::ChatPriority priority,
                     core::ChatCallback<core::ConversationPage> done) override;
  void conversation(std::int64_t id, core::ChatCallback<core::Conversation> done) override;
  void messages(std::int64_t conversation, std::optional<std::int64_t> after,
                core::ChatPriority priority, core::ChatCallback<core::MessageList> done) override;
  void send(std::int64_t conversation, const core::OutgoingMessage& message,
            core::ChatCallback<core::ChatMessage> done) override;
  void assign(std::int64_t conversation, std::int64_t agent,
              core::ChatCallback<std::optional<core::ChatAgent>> done) override;
  void participants(std::int64_t conversation, core::ChatPriority priority,
                    core::ChatCallback<std::vector<core::ChatAgent>> done) override;
  void add_participants(std::int64_t conversation, const std::vector<std::int64_t>& ids,
                        core::ChatCallback<bool> done) override;
  void remove_participants(std::int64_t conversation, const std::vector<std::int64_t>& ids,
                           core::ChatCallback<bool> done) override;
  void search_contacts(const std::string& query,
                       core::ChatCallback<std::vector<core::ChatContact>> done) override;
  void create_contact(const std::string& name, const std::string& phone,
                      core::ChatCallback<core::ChatContact> done) override;
  void create_conversation(std::int64_t inbox, std::int64_t contact, std::int64_t assignee,
                           const std::string& text,
                           core::ChatCallback<core::Conversation> done) override;
  void summarize(std::int64_t conversation, core::ChatCallback<std::string> done) override;
  void mark_seen(std::int64_t conversation, core::ChatCallback<bool> done) override;
  void unread_notifications(core::ChatCallback<int> done) override;
  void download(const std::string& url, const std::string& path,
                core::ChatCallback<bool> done) override;

  ChatwootStats stats() const;
  /// Item-level parse errors of lists (named items left out), newest last.
  const std::vector<std::string>& item_errors() const { return m_item_errors; }

 private:
  using JsonHandler = std::function<void(core::Result<nlohmann::json>)>;
  struct Pending;

  std::string account_url(const std::string& path) const;
  HttpRequest json_request(const std::string& method, const std::string& url,
                           const nlohmann::json* body) const;
  void enqueue(HttpRequest request, core::ChatPriority priority, JsonHandler handler);
  void pump();
  void complete(const HttpResponse& response, bool expect_json, const JsonHandler& handler);
  void keep_item_errors(std::vector<std::string>& errors);

  ChatwootSettings m_settings;
  core::Scheduler& m_scheduler;
  std::unique_ptr<CurlHttpClient> m_http;
  core::RequestGate m_gate;
  std::deque<std::unique_ptr<Pending>> m_actions;
  std::deque<std::unique_ptr<Pending>> m_polls;
  int m_in_flight = 0;
  core::TimerHandle m_wake;
  ChatwootStats m_stats;
  std::vector<std::string> m_item_errors;
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

}  // namespace telpanel::chat
