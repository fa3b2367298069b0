// SPDX-License-Identifier: GPL-3.0-or-later
// The Chats page (UI-2, CHAT-1..6): the Queue / My chats / Observed lists with their counts in
// the switcher, the open chat's messages (attachments open with the desktop's default app), a
// reply box (widgets/chat_reply_box: templates, files, @mentions), take / transfer / observe, and
// the server's AI summary when it offers one. Lists follow ChatService's changes live; an open
// chat on screen counts as read. A view over core::ChatService; no HTTP here. Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/entry.h>
#include <gtkmm/label.h>
#include <gtkmm/listbox.h>
#include <gtkmm/menu.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/paned.h>
#include <gtkmm/revealer.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/stack.h>
#include <gtkmm/stackswitcher.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/chat/chat_service.hpp"
#include "widgets/chat_reply_box.hpp"

namespace telpanel::widgets {

class ChatsView : public Gtk::Box {
 public:
  ChatsView(core::ChatService& service, std::string download_dir);
  ~ChatsView() override;

  /// Opens chat `id` (e.g. from a notification or after starting one).
  void open_chat(std::int64_t id);
  /// Asks for the inbox and the first message, then starts a chat with `phone` (DIR-7 Write).
  void start_chat(const std::string& phone, const std::string& name);
  /// The view wants to be the visible page (a chat was started from elsewhere).
  sigc::signal<void()>& signal_want_front() { return m_want_front; }

 private:
  struct Group {
    core::ChatGroup group;
    Gtk::ScrolledWindow scroll;
    Gtk::ListBox list;
    Gtk::Label empty;
    std::string shown;  // what the rows show now: a resync that changes nothing keeps them
    std::map<Gtk::ListBoxRow*, std::int64_t> rows;  // row -> chat id
  };
  void refresh_lists();
  void fill(Group& g);
  void render(const core::ChatDetails& d);
  void show_message(const core::ChatMessage& m);
  void send();
  void take();
  void fill_agent_menus();
  void mark_read();
  void show_summary_button();
  void summarize();
  void set_status(const Glib::ustring& text, bool error);

  core::ChatService& m_service;
  std::string m_download_dir;
  std::map<core::ChatGroup, std::unique_ptr<Group>> m_groups;
  std::optional<std::int64_t> m_open;
  double m_open_updated = -1;
  bool m_loading = false;

  Gtk::StackSwitcher m_switcher;
  Gtk::Stack m_group_stack;
  Gtk::Paned m_paned{Gtk::ORIENTATION_HORIZONTAL};
  Gtk::Stack m_right;
  Gtk::Label m_nothing_open;
  Gtk::Box m_chat_box{Gtk::ORIENTATION_VERTICAL, 6};
  Gtk::Box m_head{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Box m_head_text{Gtk::ORIENTATION_VERTICAL, 2};
  Gtk::Label m_title;
  Gtk::Label m_subtitle;
  Gtk::Button m_take;
  Gtk::MenuButton m_transfer;
  Gtk::MenuButton m_observe;
  Gtk::Menu m_transfer_menu;
  Gtk::Menu m_observe_menu;
  Gtk::ScrolledWindow m_messages_scroll;
  Gtk::ListBox m_messages;
  Gtk::Label m_status;
  ChatReplyBox m_reply;
  // The AI summary: the server's offer is known from its first answer (Chatwoot has no cheaper
  // way to ask); until then, and when it has none, there is no button.
  enum class Offer { Unknown, Yes, No } m_summary_offer = Offer::Unknown;
  Gtk::Button m_summary;
  Gtk::Revealer m_summary_revealer;
  Gtk::Box m_summary_box{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Label m_summary_text;
  Gtk::Button m_summary_close;
  int m_unread_open = 0;  // the open chat's unread count as last rendered
  std::unique_ptr<Gtk::Window> m_start_dialog;
  sigc::signal<void()> m_want_front;
  sigc::connection m_changed;
  sigc::connection m_window_active;  // the toplevel's is-active: read when it comes to the front
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

}  // namespace telpanel::widgets
