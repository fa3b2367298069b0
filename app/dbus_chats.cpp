// SPDX-License-Identifier: GPL-3.0-or-later
// org.telpanel.Chats1 (data/org.telpanel.Chats1.xml) over core::ChatService, and the chat
// events on org.telpanel.Panel1.Event. Methods that need the server answer when it has.
#include <gio/gio.h>

#include "app/chat_json.hpp"
#include "app/chat_wiring.hpp"
#include "app/dbus_reply.hpp"
#include "app/dbus_service.hpp"
#include "app/embedded_xml.hpp"
#include "chat/chatwoot_api.hpp"
#include "core/chat/chat_service.hpp"
#include "core/client_directory.hpp"

namespace telpanel::app {

namespace {

constexpr const char* kChatsInterface = "org.telpanel.Chats1";

std::int64_t int64_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  const std::int64_t out = g_variant_get_int64(v);
  g_variant_unref(v);
  return out;
}

std::vector<std::string> strv_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  std::vector<std::string> out;
  gsize n = 0;
  const gchar** items = g_variant_get_strv(v, &n);
  for (gsize k = 0; k < n; ++k) out.emplace_back(items[k]);
  g_free(items);
  g_variant_unref(v);
  return out;
}

// The directory's client with the chat contact's number (DIR-6), or null.
nlohmann::json client_json(const ChatParts& chat, const std::string& phone_key) {
  if (!chat.directory || phone_key.empty()) return nullptr;
  auto match = chat.directory->lookup(phone_key);
  if (!match || !*match) return nullptr;
  return {{"id", (*match)->client}, {"name", (*match)->client_name}};
}

nlohmann::json with_client(const ChatParts& chat, const core::ChatEntry& e,
                           const std::vector<core::ChatInbox>& inboxes) {
  auto j = chat_json(e, inboxes);
  j["client"] = client_json(chat, e.phone_key);
  return j;
}

nlohmann::json status_json(ChatParts& chat) {
  auto& s = *chat.service;
  const auto stats = chat.api->stats();
  nlohmann::json errors = s.item_errors();
  for (const auto& e : chat.api->item_errors())
    if (std::find(errors.begin(), errors.end(), e) == errors.end()) errors.push_back(e);
  return {{"ready", s.is_synced()},
          {"me", s.is_ready() ? nlohmann::json({{"id", s.me().id}, {"name", s.me().name}})
                              : nlohmann::json(nullptr)},
          {"counts",
           {{"queue", s.count(core::ChatGroup::Queue)},
            {"mine", s.count(core::ChatGroup::Mine)},
            {"observed", s.count(core::ChatGroup::Observed)}}},
          {"unread_notifications", s.unread_notifications()},
          {"unread_chats", s.unread_chats()},
          {"outbox_pending", s.outbox_pending()},
          {"last_error",
           s.last_error() ? nlohmann::json(s.last_error()->detail) : nlohmann::json(nullptr)},
          {"item_errors", errors},
          {"requests_last_minute", stats.sent_last_minute},
          {"requests", stats.requests},
          {"bytes_in", stats.bytes_in},
          {"bytes_out", stats.bytes_out},
          {"request_budget", chat.request_budget}};
}

void handle(ChatParts& chat, const std::string& method, GVariant* p,
            GDBusMethodInvocation* invocation) {
  auto& s = *chat.service;
  const auto& inboxes = s.inboxes();
  auto fail = [invocation](const core::Error& e) { return_error(invocation, e); };
  if (method == "GetStatus") {
    return_json(invocation, status_json(chat));
  } else if (method == "ListChats") {
    const std::string name = string_arg(p, 0);
    std::optional<core::ChatGroup> group;
    if (!name.empty()) {
      group = core::parse_chat_group(name);
      if (!group)
        return fail(core::make_error(core::ErrorCode::InvalidArgument,
                                     "no chat group '" + name + "' (queue, mine, observed)"));
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : s.chats(group)) out.push_back(with_client(chat, e, inboxes));
    return_json(invocation, out);
  } else if (method == "ShowChat") {
    s.show(int64_arg(p, 0), [invocation, &s, &chat](core::Result<core::ChatDetails> d) {
      if (!d) return return_error(invocation, d.error());
      auto j = chat_details_json(*d, s.inboxes());
      j["client"] = client_json(chat, d->entry.phone_key);
      return_json(invocation, j);
    });
  } else if (method == "Send") {
    s.send(int64_arg(p, 0), string_arg(p, 1), strv_arg(p, 2),
           [invocation](core::Result<core::SendOutcome> r) {
             if (!r) return return_error(invocation, r.error());
             return_json(invocation, send_outcome_json(*r));
           });
  } else if (method == "Mention") {
    s.mention(int64_arg(p, 0), string_arg(p, 1), string_arg(p, 2),
              [invocation](core::Result<core::SendOutcome> r) {
                if (!r) return return_error(invocation, r.error());
                return_json(invocation, send_outcome_json(*r));
              });
  } else if (method == "Take") {
    s.take(int64_arg(p, 0), [invocation, &s](core::Result<core::Conversation> c) {
      if (!c) return return_error(invocation, c.error());
      return_json(invocation,
                  chat_json(core::ChatEntry{*c, core::ChatGroup::Mine, ""}, s.inboxes()));
    });
  } else if (method == "Transfer") {
    s.transfer(int64_arg(p, 0), string_arg(p, 1), bool_arg(p, 2),
               [invocation](core::Result<bool> r) {
                 if (!r) return return_error(invocation, r.error());
                 return_result(invocation, {});
               });
  } else if (method == "Observe") {
    s.observe(int64_arg(p, 0), string_arg(p, 1), [invocation](core::Result<bool> r) {
      if (!r) return return_error(invocation, r.error());
      return_result(invocation, {});
    });
  } else if (method == "GetTemplates") {
    s.templates([invocation](core::Result<std::vector<core::ChatTemplate>> r) {
      if (!r) return return_error(invocation, r.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& t : *r) out.push_back(template_json(t));
      return_json(invocation, out);
    });
  } else if (method == "StartChat") {
    s.start_conversation(
        string_arg(p, 0), int64_arg(p, 1), string_arg(p, 2),
        [invocation, &s](core::Result<core::Conversation> c) {
          if (!c) return return_error(invocation, c.error());
          return_json(invocation,
                      chat_json(core::ChatEntry{*c, core::ChatGroup::Mine, ""}, s.inboxes()));
        });
  } else if (method == "Download") {
    s.download(int64_arg(p, 0), int64_arg(p, 1), chat.cache_dir,
               [invocation](core::Result<std::string> path) {
                 if (!path) return return_error(invocation, path.error());
                 return_string(invocation, *path);
               });
  } else if (method == "Summarize") {
    s.summarize(int64_arg(p, 0), [invocation](core::Result<std::string> r) {
      if (!r) return return_error(invocation, r.error());
      return_string(invocation, *r);
    });
  } else if (method == "Resync") {
    s.resync();
    return_result(invocation, {});
  } else {
    return_unknown_method(invocation, method);
  }
}

}  // namespace

void export_chats(DbusService& service, ChatParts& chat) {
  service.add_interface(
      kChats1Xml, kChatsInterface,
      [&chat](const std::string& method, GVariant* parameters, GDBusMethodInvocation* invocation) {
        handle(chat, method, parameters, invocation);
      });
  service.keep(chat.service->signal_event().connect([&service, &chat](const core::ChatEvent& ev) {
    service.emit_event(ev.kind, chat_event_json(ev, chat.service->inboxes()));
  }));
}

}  // namespace telpanel::app
