// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the chat feature from [chat]: the Chatwoot adapter, the SQLite outbox and the core
// ChatService, and exports org.telpanel.Chats1 with its events. Main thread.
#pragma once

#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/client_directory.hpp"
#include "core/number_normalizer.hpp"
#include "core/result.hpp"
#include "core/scheduler.hpp"

namespace telpanel::chat {
class ChatwootApi;
}
namespace telpanel::store {
class Database;
class SqliteChatOutbox;
}  // namespace telpanel::store
namespace telpanel::core {
class ChatService;
}

namespace telpanel::app {

class DbusService;

struct ChatParts {
  std::unique_ptr<chat::ChatwootApi> api;
  std::unique_ptr<store::SqliteChatOutbox> outbox;
  std::unique_ptr<core::ChatService> service;
  std::string cache_dir;  // downloaded attachments
  int request_budget = 0;
  /// Chats link to clients by the contact's number key (DIR-6); null: no directory.
  const core::ClientDirectory* directory = nullptr;
  ChatParts();
  ~ChatParts();  // the service first, then the outbox and the adapter it uses
};

/// The token comes from the config or the keyring. `db` may be null (no outbox then);
/// `numbers` keys the contacts' phones as the directory and the journal do (may be null).
core::Result<std::unique_ptr<ChatParts>> make_chat(const ChatConfig& config,
                                                   core::Scheduler& scheduler, store::Database* db,
                                                   const core::NumberNormalizer* numbers);

/// org.telpanel.Chats1 and the "chat.*" events (app/dbus_chats.cpp).
void export_chats(DbusService& service, ChatParts& chat);

}  // namespace telpanel::app
