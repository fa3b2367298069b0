// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/chats_view.hpp"

#include <atkmm/object.h>
#include <giomm/appinfo.h>
#include <giomm/file.h>
#include <glib/gi18n.h>
#include <glibmm/datetime.h>
#include <glibmm/main.h>
#include <glibmm/markup.h>
#include <gtkmm/comboboxtext.h>
#include <gtkmm/dialog.h>
#include <gtkmm/grid.h>
#include <gtkmm/menuitem.h>

namespace telpanel::widgets {

namespace {

Glib::ustring group_title(core::ChatGroup g) {
  switch (g) {
    case core::ChatGroup::Queue:
      return _("Queue");
    case core::ChatGroup::Mine:
      return _("My chats");
    case core::ChatGroup::Observed:
      return _("Observed");
    case core::ChatGroup::None:
      break;
  }
  return {};
}

Glib::ustring time_text(std::int64_t unix_seconds) {
  auto when = Glib::DateTime::create_now_local(static_cast<gint64>(unix_seconds));
  auto now = Glib::DateTime::create_now_local();
  if (when.get_year() == now.get_year() && when.get_day_of_year() == now.get_day_of_year())
    return when.format("%H:%M");
  return when.format("%d.%m %H:%M");
}

Glib::ustring contact_title(const core::ChatContact& c) {
  if (!c.name.empty()) return c.name;
  if (!c.phone.empty()) return c.phone;
  return _("Unknown contact");
}

Gtk::Label* label(const Glib::ustring& text, bool dim = false) {
  auto* l = Gtk::make_managed<Gtk::Label>(text);
  l->set_xalign(0);
  if (dim) l->get_style_context()->add_class("dim-label");
  return l;
}

// The chat server's "taken by" refusal: the chat's assignee, when it is not me.
std::optional<std::string> taken_by(core::ChatService& s, std::int64_t id) {
  for (const auto& e : s.chats())
    if (e.conversation.id == id && e.conversation.assignee &&
        e.conversation.assignee->id != s.me().id)
      return e.conversation.assignee->name;
  return std::nullopt;
}

}  // namespace

ChatsView::ChatsView(core::ChatService& service, std::string download_dir)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6),
      m_service(service),
      m_download_dir(std::move(download_dir)),
      m_reply(service, [this](const Glib::ustring& text, bool error) { set_status(text, error); }) {
  set_border_width(6);
  m_switcher.set_stack(m_group_stack);
  m_switcher.set_halign(Gtk::ALIGN_CENTER);
  pack_start(m_switcher, Gtk::PACK_SHRINK);
  for (auto g : {core::ChatGroup::Queue, core::ChatGroup::Mine, core::ChatGroup::Observed}) {
    auto group = std::make_unique<Group>();
    group->group = g;
    group->list.set_activate_on_single_click(true);
    group->list.get_accessible()->set_name(group_title(g));
    group->empty.set_text(_("No chats"));
    group->empty.get_style_context()->add_class("dim-label");
    group->empty.set_margin_top(24);
    group->empty.show();
    group->list.set_placeholder(group->empty);
    group->list.signal_row_activated().connect([this, g = group.get()](Gtk::ListBoxRow* row) {
      auto it = g->rows.find(row);
      if (it != g->rows.end()) open_chat(it->second);
    });
    group->scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
    group->scroll.set_shadow_type(Gtk::SHADOW_IN);
    group->scroll.add(group->list);
    m_group_stack.add(group->scroll, core::chat_group_name(g), group_title(g));
    m_groups[g] = std::move(group);
  }
  m_group_stack.set_size_request(280, -1);
  m_paned.pack1(m_group_stack, false, false);

  m_nothing_open.set_text(_("Choose a chat on the left"));
  m_nothing_open.get_style_context()->add_class("dim-label");
  m_right.add(m_nothing_open, "none");

  m_title.set_xalign(0);
  m_title.set_ellipsize(Pango::ELLIPSIZE_END);
  m_subtitle.set_xalign(0);
  m_subtitle.set_ellipsize(Pango::ELLIPSIZE_END);
  m_subtitle.get_style_context()->add_class("dim-label");
  m_head_text.pack_start(m_title, Gtk::PACK_SHRINK);
  m_head_text.pack_start(m_subtitle, Gtk::PACK_SHRINK);
  m_take.set_label(_("_Take"));
  m_take.set_use_underline(true);
  m_take.set_tooltip_text(_("Assign this chat to yourself"));
  m_take.signal_clicked().connect([this] { take(); });
  m_transfer.set_label(_("T_ransfer"));
  m_transfer.set_use_underline(true);
  m_transfer.set_tooltip_text(_("Give this chat to a colleague"));
  m_transfer.set_popup(m_transfer_menu);
  m_observe.set_label(_("Add _observer"));
  m_observe.set_use_underline(true);
  m_observe.set_tooltip_text(_("Let a colleague follow this chat"));
  m_observe.set_popup(m_observe_menu);
  m_head.pack_start(m_take, Gtk::PACK_SHRINK);
  m_head.pack_start(m_transfer, Gtk::PACK_SHRINK);
  m_head.pack_start(m_observe, Gtk::PACK_SHRINK);
  m_summary.set_label(_("S_ummary"));
  m_summary.set_use_underline(true);
  m_summary.set_tooltip_text(_("The chat server's AI summary of this dialogue"));
  m_summary.signal_clicked().connect([this] { summarize(); });
  m_head.pack_start(m_summary, Gtk::PACK_SHRINK);
  // The name on its own line: at 1366x768 in Russian the buttons beside it would clip it.
  m_chat_box.pack_start(m_head_text, Gtk::PACK_SHRINK);
  m_chat_box.pack_start(m_head, Gtk::PACK_SHRINK);

  m_summary_text.set_xalign(0);
  m_summary_text.set_line_wrap(true);
  m_summary_text.set_selectable(true);
  m_summary_text.get_accessible()->set_name(_("Summary"));
  m_summary_close.set_image_from_icon_name("window-close-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_summary_close.set_relief(Gtk::RELIEF_NONE);
  m_summary_close.set_valign(Gtk::ALIGN_START);
  m_summary_close.set_tooltip_text(_("Hide the summary"));
  m_summary_close.get_accessible()->set_name(_("Hide the summary"));
  m_summary_close.signal_clicked().connect([this] { m_summary_revealer.set_reveal_child(false); });
  m_summary_box.set_border_width(6);
  m_summary_box.get_style_context()->add_class("frame");
  m_summary_box.pack_start(m_summary_text, Gtk::PACK_EXPAND_WIDGET);
  m_summary_box.pack_start(m_summary_close, Gtk::PACK_SHRINK);
  m_summary_revealer.add(m_summary_box);
  m_chat_box.pack_start(m_summary_revealer, Gtk::PACK_SHRINK);

  m_messages.set_selection_mode(Gtk::SELECTION_NONE);
  m_messages.get_accessible()->set_name(_("Messages"));
  m_messages_scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  m_messages_scroll.set_shadow_type(Gtk::SHADOW_IN);
  m_messages_scroll.add(m_messages);
  m_chat_box.pack_start(m_messages_scroll, Gtk::PACK_EXPAND_WIDGET);
  m_status.set_xalign(0);
  m_status.set_line_wrap(true);
  m_chat_box.pack_start(m_status, Gtk::PACK_SHRINK);

  m_reply.signal_send().connect([this] { send(); });
  m_reply.accept_drops(m_messages_scroll);
  m_chat_box.pack_start(m_reply, Gtk::PACK_SHRINK);
  m_right.add(m_chat_box, "chat");
  m_right.set_margin_start(6);
  m_paned.pack2(m_right, true, false);
  pack_start(m_paned, Gtk::PACK_EXPAND_WIDGET);
  show_all_children();
  m_status.hide();
  m_status.set_no_show_all(true);
  m_summary.hide();
  m_summary.set_no_show_all(true);
  m_right.set_visible_child("none");
  // Back on this page with a chat open, or the window back in front: its messages are read now.
  signal_map().connect([this] { mark_read(); }, true);
  signal_hierarchy_changed().connect([this](Gtk::Widget*) {
    m_window_active.disconnect();
    if (auto* window = dynamic_cast<Gtk::Window*>(get_toplevel()))
      m_window_active =
          window->property_is_active().signal_changed().connect([this] { mark_read(); });
  });

  m_changed = m_service.signal_changed().connect([this] { refresh_lists(); });
  refresh_lists();
}

ChatsView::~ChatsView() {
  m_changed.disconnect();
  m_window_active.disconnect();
}

void ChatsView::refresh_lists() {
  for (auto& [g, group] : m_groups) fill(*group);
  if (!m_open || m_loading) return;
  // The open chat changed on the server (a message, an assignment): read it again.
  for (const auto& e : m_service.chats())
    if (e.conversation.id == *m_open && e.conversation.updated_at != m_open_updated)
      return open_chat(*m_open);
}

void ChatsView::fill(Group& g) {
  const auto entries = m_service.chats(g.group);
  // Rebuilding rows takes the keyboard focus away from a person moving through the list, so
  // only when something they show changed.
  std::string shown = m_open ? std::to_string(*m_open) : "";
  for (const auto& e : entries) {
    const auto& c = e.conversation;
    shown += ";" + std::to_string(c.id) + "," + std::to_string(c.unread) + "," +
             std::to_string(c.updated_at) + "," + contact_title(c.contact).raw() + "," +
             (c.last_message ? std::to_string(c.last_message->id) : "");
  }
  if (shown == g.shown) return;
  g.shown = shown;
  g.rows.clear();
  for (auto* child : g.list.get_children()) gtk_widget_destroy(child->gobj());
  int unread = 0;
  for (const auto& e : entries) {
    const auto& c = e.conversation;
    unread += c.unread;
    auto* row = Gtk::make_managed<Gtk::ListBoxRow>();
    auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 6);
    box->set_border_width(6);
    auto* text = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_VERTICAL, 2);
    auto* name = label(contact_title(c.contact));
    name->set_ellipsize(Pango::ELLIPSIZE_END);
    text->pack_start(*name, Gtk::PACK_SHRINK);
    if (c.last_message) {
      auto* last = label(core::without_mention_markup(c.last_message->text), true);
      last->set_ellipsize(Pango::ELLIPSIZE_END);
      text->pack_start(*last, Gtk::PACK_SHRINK);
    }
    box->pack_start(*text, Gtk::PACK_EXPAND_WIDGET);
    if (c.unread > 0) {
      auto* badge = Gtk::make_managed<Gtk::Label>();
      badge->set_markup("<b>" + Glib::ustring::format(c.unread) + "</b>");
      box->pack_end(*badge, Gtk::PACK_SHRINK);
    }
    row->add(*box);
    Glib::ustring access = contact_title(c.contact);
    if (c.unread > 0)
      access += ", " + Glib::ustring::compose(
                           ngettext("%1 unread message", "%1 unread messages", c.unread), c.unread);
    row->get_accessible()->set_name(access);
    g.list.append(*row);
    g.rows[row] = c.id;
    if (m_open && *m_open == c.id) g.list.select_row(*row);
  }
  g.list.show_all();
  Glib::ustring title =
      Glib::ustring::compose("%1 (%2)", group_title(g.group), static_cast<int>(entries.size()));
  if (unread > 0)
    title += " · " + Glib::ustring::compose(ngettext("%1 unread", "%1 unread", unread), unread);
  m_group_stack.child_property_title(g.scroll) = title;
}

void ChatsView::open_chat(std::int64_t id) {
  const bool other = !m_open || *m_open != id;
  m_open = id;
  m_loading = true;
  if (other) {
    m_status.hide();
    m_reply.clear();
    m_summary_revealer.set_reveal_child(false);
  }
  std::weak_ptr<bool> alive = m_alive;
  m_service.show(id, [this, alive, id](core::Result<core::ChatDetails> d) {
    if (alive.expired()) return;
    m_loading = false;
    if (!m_open || *m_open != id) return;
    if (!d) return set_status(d.error().detail, true);
    render(*d);
  });
}

void ChatsView::render(const core::ChatDetails& d) {
  const auto& c = d.entry.conversation;
  m_open_updated = c.updated_at;
  m_title.set_markup("<b>" + Glib::Markup::escape_text(contact_title(c.contact)) + "</b>");
  Glib::ustring sub = c.contact.phone;
  if (!c.channel.empty()) sub += (sub.empty() ? "" : " · ") + c.channel;
  sub += (sub.empty() ? "" : " · ") +
         (c.assignee ? Glib::ustring::compose(_("assigned to %1"), c.assignee->name)
                     : Glib::ustring(_("in the queue")));
  m_subtitle.set_text(sub);
  m_take.set_visible(!c.assignee || c.assignee->id != m_service.me().id);
  m_unread_open = c.unread;
  mark_read();
  show_summary_button();
  for (auto* child : m_messages.get_children()) gtk_widget_destroy(child->gobj());
  for (const auto& m : d.messages) show_message(m);
  for (const auto& u : d.unsent) {
    auto* l = label(Glib::ustring::compose(_("Not sent yet: %1"), u.message.text), true);
    l->set_line_wrap(true);
    l->set_halign(Gtk::ALIGN_END);
    m_messages.append(*l);
  }
  m_messages.show_all();
  m_right.set_visible_child("chat");
  fill_agent_menus();
  m_reply.load_templates();
  // The newest message at the bottom in view.
  auto adj = m_messages_scroll.get_vadjustment();
  Glib::signal_idle().connect_once([adj] { adj->set_value(adj->get_upper()); });
}

void ChatsView::show_message(const core::ChatMessage& m) {
  auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_VERTICAL, 2);
  box->set_border_width(6);
  const bool ours = m.direction == core::MessageDirection::Outgoing ||
                    m.direction == core::MessageDirection::Note;
  if (m.direction == core::MessageDirection::Activity) {
    auto* l = label(m.text, true);
    l->set_line_wrap(true);
    l->set_halign(Gtk::ALIGN_CENTER);
    box->pack_start(*l, Gtk::PACK_SHRINK);
    m_messages.append(*box);
    return;
  }
  Glib::ustring who = m.sender_name;
  if (m.direction == core::MessageDirection::Note)
    who = Glib::ustring::compose(_("%1, private note"), who);
  auto* head = label(who + " · " + time_text(m.created_at), true);
  // A note's mentions as the person wrote them ("@Vera"), not the server's markup.
  const Glib::ustring shown = core::without_mention_markup(m.text);
  auto* text = label(shown);
  // Who wrote it, for screen readers (the header above is a separate label).
  text->get_accessible()->set_name(m.sender_name + ": " + shown);
  text->set_line_wrap(true);
  text->set_line_wrap_mode(Pango::WRAP_WORD_CHAR);
  text->set_max_width_chars(60);
  box->set_halign(ours ? Gtk::ALIGN_END : Gtk::ALIGN_START);
  box->pack_start(*head, Gtk::PACK_SHRINK);
  if (!m.text.empty()) box->pack_start(*text, Gtk::PACK_SHRINK);
  for (const auto& a : m.attachments) {
    auto* b = Gtk::make_managed<Gtk::Button>();
    b->set_image_from_icon_name("mail-attachment-symbolic", Gtk::ICON_SIZE_BUTTON);
    b->set_always_show_image(true);
    b->set_label(a.name.empty() ? Glib::ustring(a.file_type) : Glib::ustring(a.name));
    b->set_tooltip_text(_("Download and open"));
    b->set_halign(Gtk::ALIGN_START);
    const std::int64_t chat = m.conversation_id, att = a.id;
    b->signal_clicked().connect([this, chat, att] {
      std::weak_ptr<bool> alive = m_alive;
      set_status(_("Downloading…"), false);
      m_service.download(chat, att, m_download_dir, [this, alive](core::Result<std::string> p) {
        if (alive.expired()) return;
        if (!p) return set_status(p.error().detail, true);
        try {
          Gio::AppInfo::launch_default_for_uri(Gio::File::create_for_path(*p)->get_uri());
          set_status(Glib::ustring::compose(_("Opened %1"), *p), false);
        } catch (const Glib::Error& e) {
          set_status(Glib::ustring::compose(_("Saved to %1; no app opens it: %2"), *p, e.what()),
                     true);
        }
      });
    });
    box->pack_start(*b, Gtk::PACK_SHRINK);
  }
  m_messages.append(*box);
}

void ChatsView::send() {
  if (!m_open || m_reply.empty()) return;
  const auto draft = m_reply.draft();
  const std::int64_t id = *m_open;
  m_reply.set_sending(true);
  set_status(draft.is_note ? _("Sending the note…") : _("Sending…"), false);
  std::weak_ptr<bool> alive = m_alive;
  auto done = [this, alive, id, note = draft.is_note](core::Result<core::SendOutcome> r) {
    if (alive.expired()) return;
    m_reply.set_sending(false);
    if (!r) {
      // A refused file or a server error: the draft (text and files) stays for another try.
      if (r.error().code != core::ErrorCode::InvalidState)
        return set_status(r.error().detail, true);
      // The first reply takes the chat and someone else was quicker: say who, from the chat
      // as the server has it now. The draft stays in the box.
      const std::string detail = r.error().detail;
      return m_service.show(id, [this, alive, id, detail](core::Result<core::ChatDetails> d) {
        if (alive.expired()) return;
        if (d && m_open && *m_open == id) render(*d);
        if (d && d->entry.conversation.assignee &&
            d->entry.conversation.assignee->id != m_service.me().id)
          return set_status(Glib::ustring::compose(_("Taken by %1, your draft is kept"),
                                                   d->entry.conversation.assignee->name),
                            true);
        set_status(detail, true);
      });
    }
    if (m_open && *m_open == id) m_reply.clear();
    // The reply made it mine: keep it in view (a note to colleagues changes no group).
    if (!note) m_group_stack.set_visible_child("mine");
    const bool sent = r->state == core::OutboxState::Sent;
    set_status(!sent  ? Glib::ustring(_("The server cannot be reached; it will be sent later"))
               : note ? Glib::ustring(_("Note sent to colleagues"))
                      : Glib::ustring(_("Sent")),
               !sent);
    open_chat(id);
  };
  if (draft.is_note)
    m_service.note(id, draft.text, draft.files, std::move(done));
  else
    m_service.send(id, draft.text, draft.files, std::move(done));
}

void ChatsView::take() {
  if (!m_open) return;
  const std::int64_t id = *m_open;
  std::weak_ptr<bool> alive = m_alive;
  m_service.take(id, [this, alive, id](core::Result<core::Conversation> r) {
    if (alive.expired()) return;
    if (!r) {
      if (auto who = taken_by(m_service, id))
        return set_status(Glib::ustring::compose(_("Taken by %1"), *who), true);
      return set_status(r.error().detail, true);
    }
    set_status(_("The chat is yours"), false);
    m_group_stack.set_visible_child("mine");
    open_chat(id);
  });
}

void ChatsView::fill_agent_menus() {
  for (auto* menu : {&m_transfer_menu, &m_observe_menu})
    for (auto* child : menu->get_children()) gtk_widget_destroy(child->gobj());
  for (const auto& a : m_service.agents()) {
    if (a.id == m_service.me().id) continue;
    const std::string agent = std::to_string(a.id);
    const Glib::ustring name = a.name;
    auto* t = Gtk::make_managed<Gtk::MenuItem>(a.name);
    t->signal_activate().connect([this, agent, name] {
      if (!m_open) return;
      std::weak_ptr<bool> alive = m_alive;
      m_service.transfer(*m_open, agent, false, [this, alive, name](core::Result<bool> r) {
        if (alive.expired()) return;
        if (!r) return set_status(r.error().detail, true);
        set_status(Glib::ustring::compose(_("Transferred to %1"), name), false);
      });
    });
    m_transfer_menu.append(*t);
    auto* o = Gtk::make_managed<Gtk::MenuItem>(a.name);
    o->signal_activate().connect([this, agent, name] {
      if (!m_open) return;
      std::weak_ptr<bool> alive = m_alive;
      m_service.observe(*m_open, agent, [this, alive, name](core::Result<bool> r) {
        if (alive.expired()) return;
        if (!r) return set_status(r.error().detail, true);
        set_status(Glib::ustring::compose(_("%1 now observes this chat"), name), false);
      });
    });
    m_observe_menu.append(*o);
  }
  m_transfer_menu.show_all();
  m_observe_menu.show_all();
  m_transfer.set_sensitive(!m_transfer_menu.get_children().empty());
  m_observe.set_sensitive(!m_observe_menu.get_children().empty());
}

// Only what the person can see is read: the chat shown on the page, in the window in front
// (one behind other windows or minimised only shows the unread count).
void ChatsView::mark_read() {
  if (!m_open || m_unread_open == 0 || !get_mapped()) return;
  const auto* window = dynamic_cast<const Gtk::Window*>(get_toplevel());
  if (!window || !window->is_active()) return;
  m_unread_open = 0;
  m_service.mark_read(*m_open, [](core::Result<bool>) {
    // Not fatal: the chat stays counted as unread until the next try.
  });
}

// Chatwoot has no cheap "are summaries offered?" question, and asking for one is a paid AI
// request: the button stays until the server says it offers none, then goes for this run.
void ChatsView::show_summary_button() { m_summary.set_visible(m_summary_offer != Offer::No); }

void ChatsView::summarize() {
  if (!m_open) return;
  const std::int64_t id = *m_open;
  m_summary.set_sensitive(false);
  set_status(_("Asking the chat server for a summary…"), false);
  std::weak_ptr<bool> alive = m_alive;
  m_service.summarize(id, [this, alive, id](core::Result<std::string> r) {
    if (alive.expired()) return;
    m_summary.set_sensitive(true);
    if (!m_open || *m_open != id) return;
    if (!r) {
      if (r.error().code == core::ErrorCode::NotFound) {
        m_summary_offer = Offer::No;
        m_summary.hide();
      }
      return set_status(Glib::ustring::compose(_("No summary: %1"), r.error().detail), true);
    }
    m_summary_offer = Offer::Yes;
    set_status("", false);
    m_summary_text.set_text(*r);
    m_summary_revealer.show_all();
    m_summary_revealer.set_reveal_child(true);
  });
}

void ChatsView::set_status(const Glib::ustring& text, bool error) {
  m_status.set_text(text);
  auto ctx = m_status.get_style_context();
  if (error)
    ctx->add_class("error");
  else
    ctx->remove_class("error");
  m_status.set_visible(!text.empty());
}

void ChatsView::start_chat(const std::string& phone, const std::string& name) {
  auto* parent = dynamic_cast<Gtk::Window*>(get_toplevel());
  auto dialog = std::make_unique<Gtk::Dialog>(_("New chat"), false);
  if (parent) dialog->set_transient_for(*parent);
  auto* grid = Gtk::make_managed<Gtk::Grid>();
  grid->set_row_spacing(6);
  grid->set_column_spacing(12);
  grid->set_border_width(12);
  grid->attach(*label(Glib::ustring::compose(_("To %1 (%2)"), name, phone)), 0, 0, 2, 1);
  auto* inbox = Gtk::make_managed<Gtk::ComboBoxText>();
  // Right after start-up the service may not know the inboxes yet: fill when it does.
  auto fill_inboxes = [this, inbox] {
    if (!inbox->get_active_id().empty()) return;
    inbox->remove_all();
    for (const auto& i : m_service.inboxes())
      if (i.can_start_conversation()) inbox->append(std::to_string(i.id), i.name);
    inbox->set_active(0);
  };
  fill_inboxes();
  inbox->get_accessible()->set_name(_("Channel"));
  auto* inbox_label = label(_("C_hannel"));
  inbox_label->set_use_underline(true);
  inbox_label->set_mnemonic_widget(*inbox);
  grid->attach(*inbox_label, 0, 1);
  grid->attach(*inbox, 1, 1);
  auto* text = Gtk::make_managed<Gtk::Entry>();
  text->set_hexpand(true);
  text->set_activates_default(true);
  text->get_accessible()->set_name(_("First message"));
  auto* text_label = label(_("_Message"));
  text_label->set_use_underline(true);
  text_label->set_mnemonic_widget(*text);
  grid->attach(*text_label, 0, 2);
  grid->attach(*text, 1, 2);
  auto* error = label("");
  error->get_style_context()->add_class("error");
  error->set_line_wrap(true);
  grid->attach(*error, 0, 3, 2, 1);
  dialog->get_content_area()->pack_start(*grid, Gtk::PACK_EXPAND_WIDGET);
  dialog->add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  dialog->add_button(_("_Start chat"), Gtk::RESPONSE_OK);
  dialog->set_default_response(Gtk::RESPONSE_OK);
  dialog->signal_response().connect([this, inbox, text, error, phone, fill_inboxes](int response) {
    if (response != Gtk::RESPONSE_OK)
      return (void)Glib::signal_idle().connect_once([this] { m_start_dialog.reset(); });
    fill_inboxes();
    const auto inbox_id = inbox->get_active_id();
    if (inbox_id.empty()) return error->set_text(_("No channel can start a chat"));
    if (text->get_text().empty()) return error->set_text(_("Write the first message"));
    std::weak_ptr<bool> alive = m_alive;
    m_service.start_conversation(
        phone, std::stoll(inbox_id), text->get_text(),
        [this, alive, error](core::Result<core::Conversation> c) {
          if (alive.expired()) return;
          if (!c) return error->set_text(c.error().detail);
          const auto id = c->id;
          Glib::signal_idle().connect_once([this] { m_start_dialog.reset(); });
          m_group_stack.set_visible_child("mine");
          m_want_front.emit();
          open_chat(id);
        });
  });
  dialog->show_all();
  text->grab_focus();
  m_start_dialog = std::move(dialog);
}

}  // namespace telpanel::widgets
