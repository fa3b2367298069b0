// SPDX-License-Identifier: GPL-3.0-or-later
// The Chats page's reply box (CHAT-2, CHAT-5): templates, files to send shown as removable
// chips (attach button with the desktop's file chooser, or files dropped on it), the text with
// @mentions offered as the person types "@" (a list of colleagues under the cursor, filtered
// as they type, chosen with the keyboard or the mouse), and Send. A message that mentions a
// colleague becomes a private note, and the box says so before it is sent. Checks files with
// core::ChatService when they are added; sending itself is the owner's (ChatsView). Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/entry.h>
#include <gtkmm/filechoosernative.h>
#include <gtkmm/flowbox.h>
#include <gtkmm/label.h>
#include <gtkmm/listbox.h>
#include <gtkmm/menu.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/popover.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/chat/chat_service.hpp"

namespace telpanel::widgets {

class ChatReplyBox : public Gtk::Box {
 public:
  /// What the person wrote, ready for ChatService::send (a reply to the customer) or
  /// ChatService::note (a private note: it mentions colleagues, whose names became markup).
  struct Draft {
    std::string text;
    std::vector<std::string> files;
    bool is_note = false;
  };
  /// `status` shows a line to the person (error: in the error style).
  using Status = std::function<void(const Glib::ustring&, bool error)>;

  ChatReplyBox(core::ChatService& service, Status status);

  Draft draft() const;
  bool empty() const;
  /// Forgets the text and the files (sent, or another chat opened).
  void clear();
  /// Adds files to send; one the chat server would refuse is left out with the reason said.
  void add_files(const std::vector<std::string>& paths);
  /// Files dropped on `target` are added too (e.g. the messages above).
  void accept_drops(Gtk::Widget& target);
  void set_sending(bool sending);
  void load_templates();
  void focus_text() { m_text.grab_focus(); }

  /// Send (the button, or Enter in the text).
  sigc::signal<void()>& signal_send() { return m_send_signal; }

 private:
  void choose_files();
  void show_files();
  void on_text_changed();
  /// The "@name" being typed before the cursor: its start offset, and the letters after "@".
  bool mention_at_cursor(int& start, Glib::ustring& typed) const;
  void offer_mentions();
  void insert_mention(const core::ChatAgent& agent);
  void hide_mentions();
  bool on_key(GdkEventKey* event);
  std::vector<core::ChatAgent> mentioned(const Glib::ustring& text) const;

  core::ChatService& m_service;
  Status m_status;
  std::vector<std::string> m_files;
  std::string m_last_folder;  // where the chooser opens next
  std::vector<core::ChatAgent> m_offered;

  Gtk::FlowBox m_chips;
  Gtk::Label m_note;  // "private note" when the text mentions someone
  Gtk::Box m_row{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::MenuButton m_templates;
  Gtk::Menu m_templates_menu;
  Gtk::Button m_attach;
  Gtk::Entry m_text;
  Gtk::Button m_send;
  Gtk::Popover m_mentions_popover;
  Gtk::ListBox m_mentions;
  Glib::RefPtr<Gtk::FileChooserNative> m_chooser;
  sigc::signal<void()> m_send_signal;
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

}  // namespace telpanel::widgets
