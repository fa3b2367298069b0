// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/chat_reply_box.hpp"

#include <atkmm/object.h>
#include <gdk/gdkkeysyms.h>
#include <giomm/file.h>
#include <glib/gi18n.h>
#include <glibmm/main.h>
#include <glibmm/markup.h>
#include <glibmm/miscutils.h>
#include <gtkmm/dialog.h>
#include <gtkmm/image.h>
#include <gtkmm/listboxrow.h>
#include <gtkmm/menuitem.h>
#include <gtkmm/selectiondata.h>
#include <gtkmm/window.h>

#include <algorithm>

namespace telpanel::widgets {

namespace {

// An agent's name matches what follows "@" when one of its words starts with it.
bool name_matches(const Glib::ustring& name, const Glib::ustring& typed) {
  if (typed.empty()) return true;
  const Glib::ustring n = name.lowercase(), t = typed.lowercase();
  return n.compare(0, t.size(), t) == 0 || n.find(" " + t) != Glib::ustring::npos;
}

// Agents longest name first, so that "@Anna Smith" is not read as "@Anna" followed by text.
std::vector<core::ChatAgent> by_name_length(std::vector<core::ChatAgent> agents) {
  std::stable_sort(agents.begin(), agents.end(), [](const auto& a, const auto& b) {
    return Glib::ustring(a.name).size() > Glib::ustring(b.name).size();
  });
  return agents;
}

}  // namespace

ChatReplyBox::ChatReplyBox(core::ChatService& service, Status status)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 4), m_service(service), m_status(std::move(status)) {
  m_chips.set_selection_mode(Gtk::SELECTION_NONE);
  m_chips.set_max_children_per_line(8);
  m_chips.set_column_spacing(6);
  m_chips.set_row_spacing(4);
  m_chips.get_accessible()->set_name(_("Files to send"));
  pack_start(m_chips, Gtk::PACK_SHRINK);
  m_note.set_xalign(0);
  m_note.set_line_wrap(true);
  pack_start(m_note, Gtk::PACK_SHRINK);

  m_templates.set_label(_("Te_mplates"));
  m_templates.set_use_underline(true);
  m_templates.set_tooltip_text(_("Insert a canned response"));
  m_templates.set_popup(m_templates_menu);
  m_attach.set_image_from_icon_name("mail-attachment-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_attach.set_tooltip_text(_("Attach files (or drop them here)"));
  m_attach.get_accessible()->set_name(_("Attach files"));
  m_attach.signal_clicked().connect([this] { choose_files(); });
  m_text.set_placeholder_text(_("Write a reply… (@ mentions a colleague)"));
  m_text.get_accessible()->set_name(_("Reply"));
  m_text.signal_activate().connect([this] {
    if (!m_mentions_popover.is_visible()) m_send_signal.emit();
  });
  m_text.signal_changed().connect([this] { on_text_changed(); });
  m_text.signal_key_press_event().connect([this](GdkEventKey* e) { return on_key(e); }, false);
  m_send.set_label(_("_Send"));
  m_send.set_use_underline(true);
  m_send.signal_clicked().connect([this] { m_send_signal.emit(); });
  m_row.pack_start(m_templates, Gtk::PACK_SHRINK);
  m_row.pack_start(m_attach, Gtk::PACK_SHRINK);
  m_row.pack_start(m_text, Gtk::PACK_EXPAND_WIDGET);
  m_row.pack_start(m_send, Gtk::PACK_SHRINK);
  pack_start(m_row, Gtk::PACK_SHRINK);

  // Not modal: the keyboard stays in the text, which passes Up/Down/Enter/Escape to the list.
  m_mentions.set_selection_mode(Gtk::SELECTION_BROWSE);
  m_mentions.set_activate_on_single_click(true);
  m_mentions.get_accessible()->set_name(_("Colleagues to mention"));
  m_mentions.signal_row_activated().connect([this](Gtk::ListBoxRow* row) {
    const int i = row->get_index();
    if (i >= 0 && i < static_cast<int>(m_offered.size())) insert_mention(m_offered[i]);
  });
  m_mentions_popover.set_relative_to(m_text);
  m_mentions_popover.set_position(Gtk::POS_TOP);
  m_mentions_popover.set_modal(false);
  m_mentions_popover.add(m_mentions);
  m_mentions.show();

  accept_drops(*this);
  show_all_children();
  for (Gtk::Widget* w : {static_cast<Gtk::Widget*>(&m_chips), static_cast<Gtk::Widget*>(&m_note)}) {
    w->hide();
    w->set_no_show_all(true);
  }
}

ChatReplyBox::Draft ChatReplyBox::draft() const {
  Draft d;
  d.files = m_files;
  // Each "@Name" of a colleague becomes the server's mention markup, in place.
  const Glib::ustring text = m_text.get_text();
  const auto agents = by_name_length(m_service.agents());
  Glib::ustring out;
  for (Glib::ustring::size_type i = 0; i < text.size();) {
    bool done = false;
    if (text[i] == '@') {
      for (const auto& a : agents) {
        const Glib::ustring name = a.name;
        if (a.id == m_service.me().id || name.empty() || text.compare(i + 1, name.size(), name))
          continue;
        out += core::mention_markup(a);
        i += 1 + name.size();
        d.is_note = done = true;
        break;
      }
    }
    if (!done) out += text[i++];
  }
  d.text = out;
  return d;
}

bool ChatReplyBox::empty() const { return m_text.get_text().empty() && m_files.empty(); }

void ChatReplyBox::clear() {
  m_text.set_text("");
  m_files.clear();
  show_files();
  hide_mentions();
}

void ChatReplyBox::add_files(const std::vector<std::string>& paths) {
  std::vector<Glib::ustring> refused;
  for (const auto& p : paths) {
    if (std::find(m_files.begin(), m_files.end(), p) != m_files.end()) continue;
    auto checked = m_service.check_file(p);
    if (!checked) {
      refused.push_back(checked.error().detail);
      continue;
    }
    m_files.push_back(p);
  }
  show_files();
  if (!refused.empty()) {
    Glib::ustring text;
    for (const auto& r : refused) text += (text.empty() ? "" : "\n") + r;
    m_status(Glib::ustring::compose(_("Not attached: %1"), text), true);
  }
}

void ChatReplyBox::accept_drops(Gtk::Widget& target) {
  target.drag_dest_set({Gtk::TargetEntry("text/uri-list")}, Gtk::DEST_DEFAULT_ALL,
                       Gdk::ACTION_COPY);
  target.signal_drag_data_received().connect([this](const Glib::RefPtr<Gdk::DragContext>&, int, int,
                                                    const Gtk::SelectionData& data, guint, guint) {
    std::vector<std::string> paths;
    for (const auto& uri : data.get_uris()) {
      auto file = Gio::File::create_for_uri(uri);
      if (file->is_native()) paths.push_back(file->get_path());
    }
    add_files(paths);
  });
}

void ChatReplyBox::set_sending(bool sending) {
  m_send.set_sensitive(!sending);
  m_attach.set_sensitive(!sending);
}

void ChatReplyBox::choose_files() {
  auto* parent = dynamic_cast<Gtk::Window*>(get_toplevel());
  m_chooser = parent
                  ? Gtk::FileChooserNative::create(_("Attach files"), *parent,
                                                   Gtk::FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                                   _("_Cancel"))
                  : Gtk::FileChooserNative::create(_("Attach files"), Gtk::FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Attach"), _("_Cancel"));
  m_chooser->set_select_multiple(true);
  // The folder of the last files attached, else home: GTK's default "Recent" view leaves the
  // keyboard in a location entry it has not realized (keys there are lost, with a critical).
  m_chooser->set_current_folder(m_last_folder.empty() ? Glib::get_home_dir() : m_last_folder);
  std::weak_ptr<bool> alive = m_alive;
  m_chooser->signal_response().connect([this, alive](int response) {
    if (alive.expired()) return;
    std::vector<std::string> paths;
    if (response == Gtk::RESPONSE_ACCEPT)
      for (const auto& f : m_chooser->get_files()) paths.push_back(f->get_path());
    if (!paths.empty()) m_last_folder = Glib::path_get_dirname(paths.front());
    add_files(paths);
    m_text.grab_focus();
  });
  m_chooser->show();
}

void ChatReplyBox::show_files() {
  for (auto* child : m_chips.get_children()) gtk_widget_destroy(child->gobj());
  for (const auto& path : m_files) {
    const Glib::ustring name = Glib::path_get_basename(path);
    auto* chip = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 4);
    chip->pack_start(
        *Gtk::make_managed<Gtk::Image>("mail-attachment-symbolic", Gtk::ICON_SIZE_MENU),
        Gtk::PACK_SHRINK);
    auto* label = Gtk::make_managed<Gtk::Label>(name);
    label->set_ellipsize(Pango::ELLIPSIZE_MIDDLE);
    label->set_max_width_chars(28);
    label->set_tooltip_text(path);
    chip->pack_start(*label, Gtk::PACK_SHRINK);
    auto* remove = Gtk::make_managed<Gtk::Button>();
    remove->set_image_from_icon_name("window-close-symbolic", Gtk::ICON_SIZE_MENU);
    remove->set_relief(Gtk::RELIEF_NONE);
    const Glib::ustring what = Glib::ustring::compose(_("Remove %1"), name);
    remove->set_tooltip_text(what);
    remove->get_accessible()->set_name(what);
    remove->signal_clicked().connect([this, path] {
      // Later: the button being clicked is destroyed with its chip.
      Glib::signal_idle().connect_once([this, path, alive = std::weak_ptr<bool>(m_alive)] {
        if (alive.expired()) return;
        m_files.erase(std::remove(m_files.begin(), m_files.end(), path), m_files.end());
        show_files();
      });
    });
    chip->pack_start(*remove, Gtk::PACK_SHRINK);
    m_chips.add(*chip);
  }
  // show_all() stops at a no-show-all widget: show the chips (and their FlowBoxChild) here.
  for (auto* child : m_chips.get_children()) child->show_all();
  m_chips.set_visible(!m_files.empty());
}

void ChatReplyBox::on_text_changed() {
  const auto who = mentioned(m_text.get_text());
  auto ctx = m_text.get_style_context();
  if (who.empty()) {
    m_note.hide();
    ctx->remove_class("warning");
    m_send.set_label(_("_Send"));
  } else {
    Glib::ustring names;
    for (const auto& a : who) names += (names.empty() ? "" : ", ") + Glib::ustring(a.name);
    m_note.set_markup(Glib::ustring::compose(
        _("<b>Private note</b>: the customer will not see it; %1 will be added to the chat"),
        Glib::Markup::escape_text(names)));
    m_note.show();
    ctx->add_class("warning");
    m_send.set_label(_("Send _note"));
  }
  // The cursor moves past typed text only after "changed": look at it once it has.
  std::weak_ptr<bool> alive = m_alive;
  Glib::signal_idle().connect_once([this, alive] {
    if (!alive.expired()) offer_mentions();
  });
}

std::vector<core::ChatAgent> ChatReplyBox::mentioned(const Glib::ustring& text) const {
  std::vector<core::ChatAgent> out;
  for (const auto& a : m_service.agents())
    if (a.id != m_service.me().id && !a.name.empty() &&
        text.find("@" + Glib::ustring(a.name)) != Glib::ustring::npos)
      out.push_back(a);
  return out;
}

bool ChatReplyBox::mention_at_cursor(int& start, Glib::ustring& typed) const {
  const Glib::ustring text = m_text.get_text();
  const int cursor = m_text.get_position();
  const Glib::ustring before = text.substr(0, cursor);
  const auto at = before.rfind('@');
  if (at == Glib::ustring::npos) return false;
  // "@" starts a word (not an e-mail address).
  if (at > 0 && !g_unichar_isspace(before[at - 1])) return false;
  start = static_cast<int>(at);
  typed = before.substr(at + 1);
  return typed.size() <= 40;
}

void ChatReplyBox::offer_mentions() {
  int start = 0;
  Glib::ustring typed;
  m_offered.clear();
  if (mention_at_cursor(start, typed)) {
    for (const auto& a : m_service.agents()) {
      // A name already complete and followed by a space is chosen: nothing more to offer.
      if (a.id == m_service.me().id || !name_matches(a.name, typed) ||
          typed == Glib::ustring(a.name) + " ")
        continue;
      m_offered.push_back(a);
    }
  }
  for (auto* child : m_mentions.get_children()) gtk_widget_destroy(child->gobj());
  if (m_offered.empty()) return hide_mentions();
  for (const auto& a : m_offered) {
    auto* row = Gtk::make_managed<Gtk::ListBoxRow>();
    auto* label = Gtk::make_managed<Gtk::Label>(a.name);
    label->set_xalign(0);
    label->set_margin_start(6);
    label->set_margin_end(6);
    label->set_margin_top(3);
    label->set_margin_bottom(3);
    row->add(*label);
    row->get_accessible()->set_name(a.name);
    m_mentions.append(*row);
  }
  m_mentions.show_all();
  m_mentions.select_row(*m_mentions.get_row_at_index(0));
  // Point at the "@" being completed.
  const std::string bytes = m_text.get_text().substr(0, start);
  const int index = m_text.text_index_to_layout_index(static_cast<int>(bytes.size()));
  int x = 0, y = 0;
  m_text.get_layout_offsets(x, y);
  const auto pos = m_text.get_layout()->index_to_pos(index);
  m_mentions_popover.set_pointing_to(
      Gdk::Rectangle(x + pos.get_x() / PANGO_SCALE, 0, 1, m_text.get_allocated_height()));
  m_mentions_popover.popup();
}

void ChatReplyBox::insert_mention(const core::ChatAgent& agent) {
  int start = 0;
  Glib::ustring typed;
  if (!mention_at_cursor(start, typed)) return;
  const int cursor = m_text.get_position();
  m_text.delete_text(start, cursor);
  const Glib::ustring insert = "@" + Glib::ustring(agent.name) + " ";
  int pos = start;
  m_text.insert_text(insert, static_cast<int>(insert.bytes()), pos);
  m_text.set_position(pos);
  hide_mentions();
  m_text.grab_focus_without_selecting();
  m_text.set_position(pos);
}

void ChatReplyBox::hide_mentions() {
  // Only a popover that is up: popping down one never shown upsets GTK's key routing.
  if (m_mentions_popover.get_visible()) m_mentions_popover.popdown();
}

bool ChatReplyBox::on_key(GdkEventKey* event) {
  if (!m_mentions_popover.is_visible() || m_offered.empty()) return false;
  auto* selected = m_mentions.get_selected_row();
  const int i = selected ? selected->get_index() : 0;
  const int n = static_cast<int>(m_offered.size());
  switch (event->keyval) {
    case GDK_KEY_Down:
      m_mentions.select_row(*m_mentions.get_row_at_index((i + 1) % n));
      return true;
    case GDK_KEY_Up:
      m_mentions.select_row(*m_mentions.get_row_at_index((i + n - 1) % n));
      return true;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Tab:
      insert_mention(m_offered[i]);
      return true;
    case GDK_KEY_Escape:
      hide_mentions();
      return true;
    default:
      return false;
  }
}

void ChatReplyBox::load_templates() {
  if (!m_templates_menu.get_children().empty()) return;
  std::weak_ptr<bool> alive = m_alive;
  m_service.templates([this, alive](core::Result<std::vector<core::ChatTemplate>> r) {
    if (alive.expired() || !r) return;
    if (!m_templates_menu.get_children().empty()) return;
    for (const auto& t : *r) {
      auto* item = Gtk::make_managed<Gtk::MenuItem>(t.short_code);
      item->set_tooltip_text(t.content);
      const Glib::ustring content = t.content;
      item->signal_activate().connect([this, content] {
        m_text.set_text(content);
        m_text.grab_focus();
        m_text.set_position(-1);
      });
      m_templates_menu.append(*item);
    }
    m_templates_menu.show_all();
    m_templates.set_sensitive(!r->empty());
  });
}

}  // namespace telpanel::widgets
