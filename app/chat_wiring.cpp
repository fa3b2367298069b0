// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/chat_wiring.hpp"

#include <glib.h>

#include <chrono>

#include "app/keyring.hpp"
#include "app/paths.hpp"
#include "chat/chatwoot_api.hpp"
#include "core/chat/chat_service.hpp"
#include "store/sqlite_chat_outbox.hpp"

namespace telpanel::app {

ChatParts::ChatParts() = default;

ChatParts::~ChatParts() {
  service.reset();
  outbox.reset();
  api.reset();
}

core::Result<std::unique_ptr<ChatParts>> make_chat(const ChatConfig& config,
                                                   core::Scheduler& scheduler, store::Database* db,
                                                   const core::NumberNormalizer* numbers) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  auto parts = std::make_unique<ChatParts>();
  chat::ChatwootSettings s;
  s.url = config.url;
  s.account_id = config.account_id;
  s.token = config.token;
  if (config.token_from_keyring) {
    auto token = lookup_chat_token(config.url, config.account_id);
    if (!token) return token.error();
    s.token = *token;
  }
  s.ca_file = config.ca_file;
  s.gate.budget_per_minute = config.request_budget;
  s.gate.backoff_max = seconds(config.backoff_max_s);
  parts->request_budget = config.request_budget;
  parts->api = std::make_unique<chat::ChatwootApi>(std::move(s), scheduler);
  if (db)
    parts->outbox = std::make_unique<store::SqliteChatOutbox>(*db, data_dir() + "/chat-outbox");

  core::ChatSettings cs;
  cs.poll_interval = seconds(config.poll_interval_s);
  cs.resync_interval = seconds(config.resync_interval_s);
  cs.take_settle = milliseconds(config.take_settle_ms);
  cs.max_file_bytes = static_cast<std::int64_t>(config.max_file_mb) * 1024 * 1024;
  cs.max_image_bytes = std::min<std::int64_t>(cs.max_file_bytes, 5 * 1024 * 1024);
  auto now = [] { return static_cast<std::int64_t>(g_get_real_time() / 1000000); };
  parts->service = std::make_unique<core::ChatService>(*parts->api, parts->outbox.get(), scheduler,
                                                       cs, now, numbers);
  parts->cache_dir = std::string(g_get_user_cache_dir()) + "/telpanel/chat";
  return parts;
}

}  // namespace telpanel::app
