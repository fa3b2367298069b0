// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_pages.hpp"

#include <giomm/notification.h>
#include <giomm/themedicon.h>
#include <glib/gi18n.h>

#include "app/panel.hpp"
#include "core/chat/chat_service.hpp"
#include "widgets/chats_view.hpp"
#include "widgets/clients_view.hpp"
#include "widgets/main_window.hpp"
#include "widgets/tray_icon.hpp"

namespace telpanel::app {

struct ClientChatPages::Views {
  std::unique_ptr<widgets::ClientsView> clients;
  std::unique_ptr<widgets::ChatsView> chats;
  sigc::connection events;
  sigc::connection unread;
  core::ChatService* service = nullptr;
  widgets::TrayIcon* tray = nullptr;
};

ClientChatPages::ClientChatPages(Panel& panel, widgets::MainWindow& window,
                                 Gtk::Application& application)
    : m_views(std::make_unique<Views>()) {
  m_views->clients = std::make_unique<widgets::ClientsView>(*panel.directory(), panel.history(),
                                                            panel.controller());
  window.add_page(*m_views->clients, "clients", _("Clients"));
  auto* service = panel.chats();
  if (service == nullptr) return;
  m_views->chats = std::make_unique<widgets::ChatsView>(*service, panel.chat_download_dir());
  window.add_page(*m_views->chats, "chats", _("Chats"));
  // The list and a conversation side by side need more than the calls page's narrow window.
  window.set_default_size(980, 660);
  auto* chats = m_views->chats.get();
  chats->signal_want_front().connect([&window] { window.show_page("chats"); });
  m_views->clients->set_writer([chats](const std::string& phone, const std::string& name) {
    chats->start_chat(phone, name);
  });
  // The Chats tab's badge: chats with unread messages, live (CHAT-8).
  m_views->service = service;
  auto badge = [views = m_views.get(), &window] {
    const int n = views->service->unread_chats();
    window.set_page_badge(
        "chats", n,
        Glib::ustring::compose(
            ngettext("%1 chat with unread messages", "%1 chats with unread messages", n), n));
    if (views->tray) views->tray->set_unread_chats(n);
  };
  m_views->unread = service->signal_changed().connect(badge);
  badge();
  application.add_action("show-chats", [&window] { window.show_page("chats"); });
  // CHAT-8: a new chat in the queue is a desktop notification, as a missed call is.
  m_views->events = service->signal_event().connect([&application](const core::ChatEvent& e) {
    if (e.kind != "chat.new") return;
    auto n = Gio::Notification::create(_("New chat"));
    const auto& contact = e.entry.conversation.contact;
    Glib::ustring body = contact.name.empty() ? contact.phone : contact.name;
    if (e.message && !e.message->text.empty()) body += ": " + e.message->text;
    n->set_body(body);
    n->set_icon(Gio::ThemedIcon::create("mail-message-new-symbolic"));
    n->set_default_action("app.show-chats");
    application.send_notification("chat-" + std::to_string(e.entry.conversation.id), n);
  });
}

ClientChatPages::~ClientChatPages() {
  m_views->events.disconnect();
  m_views->unread.disconnect();
}

void ClientChatPages::show_unread_in(widgets::TrayIcon& tray) {
  if (m_views->service == nullptr) return;
  m_views->tray = &tray;
  tray.set_unread_chats(m_views->service->unread_chats());
}

}  // namespace telpanel::app
