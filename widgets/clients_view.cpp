// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/clients_view.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/datetime.h>
#include <glibmm/main.h>
#include <glibmm/markup.h>
#include <gtkmm/button.h>
#include <gtkmm/dialog.h>
#include <gtkmm/label.h>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

constexpr int k_hits = 50;

Gtk::Label* label(const Glib::ustring& text, bool dim = false) {
  auto* l = Gtk::make_managed<Gtk::Label>(text);
  l->set_xalign(0);
  l->set_line_wrap(true);
  l->set_selectable(false);
  if (dim) l->get_style_context()->add_class("dim-label");
  return l;
}

Gtk::Label* heading(const Glib::ustring& text) {
  auto* l = label("");
  l->set_markup("<b>" + Glib::Markup::escape_text(text) + "</b>");
  l->set_margin_top(12);
  return l;
}

Glib::ustring phone_line(const core::ClientPhone& p) {
  return p.label.empty() ? Glib::ustring(p.number) : Glib::ustring(p.number + " (" + p.label + ")");
}

Glib::ustring call_line(const core::JournalEntry& e) {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(e.started_at.time_since_epoch()).count();
  const Glib::ustring when =
      Glib::DateTime::create_now_local(static_cast<gint64>(secs)).format("%d.%m.%Y %H:%M");
  const bool in = e.direction == core::CallDirection::Incoming;
  Glib::ustring what;
  if (e.answered_at)
    what = Glib::ustring::compose(in ? _("incoming, %1") : _("outgoing, %1"),
                                  clock_text(e.talk_duration()));
  else
    what = in ? _("incoming, not answered") : _("outgoing, no answer");
  return when + " · " + party_number(e.remote_party) + " · " + what;
}

}  // namespace

ClientsView::ClientsView(core::ClientDirectory& directory, core::CallHistory* history,
                         core::CallController& controller)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6),
      m_directory(directory),
      m_history(history),
      m_controller(controller) {
  set_border_width(6);
  m_search.set_placeholder_text(_("Name, organization or number"));
  m_search.get_accessible()->set_name(_("Search clients"));
  m_search.signal_search_changed().connect([this] { run_search(); });
  pack_start(m_search, Gtk::PACK_SHRINK);
  m_list.set_selection_mode(Gtk::SELECTION_NONE);
  m_list.set_activate_on_single_click(false);
  m_list.get_accessible()->set_name(_("Clients found"));
  m_placeholder.set_text(_("Type a name, an organization or a number to find a client"));
  m_placeholder.set_line_wrap(true);
  m_placeholder.get_style_context()->add_class("dim-label");
  m_placeholder.set_margin_top(24);
  m_placeholder.set_margin_bottom(24);
  m_placeholder.show();
  m_list.set_placeholder(m_placeholder);
  m_scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  m_scroll.set_shadow_type(Gtk::SHADOW_IN);
  m_scroll.add(m_list);
  pack_start(m_scroll, Gtk::PACK_EXPAND_WIDGET);
  show_all_children();
}

void ClientsView::set_writer(WriteHandler writer) {
  m_writer = std::move(writer);
  run_search();
}

void ClientsView::focus_search() { m_search.grab_focus(); }

void ClientsView::run_search() {
  for (auto* child : m_list.get_children()) gtk_widget_destroy(child->gobj());
  const std::string query = m_search.get_text();
  if (query.empty()) {
    m_placeholder.set_text(_("Type a name, an organization or a number to find a client"));
    return;
  }
  auto hits = m_directory.search(query, k_hits);
  if (!hits) {
    m_placeholder.set_text(hits.error().detail);
    return;
  }
  m_placeholder.set_text(_("No client matches"));
  for (const auto& h : *hits) m_list.append(*make_row(h));
  m_list.show_all();
}

Gtk::Widget* ClientsView::make_row(const core::SearchHit& hit) {
  auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 6);
  box->set_border_width(6);
  auto* text = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_VERTICAL, 2);
  auto* name = label(hit.client_name);
  name->set_line_wrap(false);
  name->set_ellipsize(Pango::ELLIPSIZE_END);
  text->pack_start(*name, Gtk::PACK_SHRINK);
  Glib::ustring detail = hit.contact_name;
  if (!hit.number.empty()) detail += (detail.empty() ? "" : " · ") + hit.number;
  if (!detail.empty()) {
    auto* d = label(detail, true);
    d->set_line_wrap(false);
    d->set_ellipsize(Pango::ELLIPSIZE_END);
    text->pack_start(*d, Gtk::PACK_SHRINK);
  }
  box->pack_start(*text, Gtk::PACK_EXPAND_WIDGET);
  const Glib::ustring who = hit.contact_name.empty() ? hit.client_name : hit.contact_name;

  auto* card = Gtk::make_managed<Gtk::Button>(_("_Card"), true);
  card->set_tooltip_text(_("Contacts, phones and every call of this client"));
  card->get_accessible()->set_name(Glib::ustring::compose(_("Card of %1"), hit.client_name));
  const core::ClientId id = hit.client;
  card->signal_clicked().connect([this, id] { show_card(id); });

  auto* call = Gtk::make_managed<Gtk::Button>();
  call->set_image_from_icon_name("call-start-symbolic", Gtk::ICON_SIZE_BUTTON);
  call->set_tooltip_text(hit.number.empty() ? Glib::ustring(_("This client has no number"))
                                            : Glib::ustring::compose(_("Call %1"), hit.number));
  call->get_accessible()->set_name(Glib::ustring::compose(_("Call %1"), who));
  call->set_sensitive(!hit.number.empty());
  const std::string number = hit.number;
  call->signal_clicked().connect([this, number] {
    auto r = m_controller.dial(number);
    if (!r) g_warning("dial %s: %s", number.c_str(), r.error().detail.c_str());
  });

  auto* write = Gtk::make_managed<Gtk::Button>();
  write->set_image_from_icon_name("mail-send-symbolic", Gtk::ICON_SIZE_BUTTON);
  write->get_accessible()->set_name(Glib::ustring::compose(_("Write to %1"), who));
  if (!m_writer) {
    write->set_sensitive(false);
    write->set_tooltip_text(_("No chat server is configured ([chat] in the settings file)"));
  } else if (number.empty()) {
    write->set_sensitive(false);
    write->set_tooltip_text(_("This client has no number"));
  } else {
    write->set_tooltip_text(Glib::ustring::compose(_("Start a chat with %1"), number));
    write->signal_clicked().connect(
        [this, number, who = std::string(who)] { m_writer(number, who); });
  }
  box->pack_end(*write, Gtk::PACK_SHRINK);
  box->pack_end(*call, Gtk::PACK_SHRINK);
  box->pack_end(*card, Gtk::PACK_SHRINK);
  return box;
}

void ClientsView::show_card(core::ClientId id) {
  auto client = m_directory.get(id);
  if (!client) {
    g_warning("client %lld: %s", static_cast<long long>(id), client.error().detail.c_str());
    return;
  }
  auto* parent = dynamic_cast<Gtk::Window*>(get_toplevel());
  auto dialog = std::make_unique<Gtk::Dialog>(client->name, false);
  if (parent) dialog->set_transient_for(*parent);
  dialog->set_default_size(560, 520);
  dialog->add_button(_("_Close"), Gtk::RESPONSE_CLOSE)
      ->get_accessible()
      ->set_name(_("Close the card"));
  // Not from inside the dialog's own signal: the dialog goes once the signal is done.
  dialog->signal_response().connect(
      [this](int) { Glib::signal_idle().connect_once([this] { m_card.reset(); }); });

  auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_VERTICAL, 4);
  box->set_border_width(12);
  auto* title = label("");
  title->set_markup("<big><b>" + Glib::Markup::escape_text(client->name) + "</b></big>");
  box->pack_start(*title, Gtk::PACK_SHRINK);
  if (!client->organization.empty())
    box->pack_start(*label(client->organization), Gtk::PACK_SHRINK);
  if (!client->email.empty()) box->pack_start(*label(client->email), Gtk::PACK_SHRINK);
  if (!client->note.empty()) box->pack_start(*label(client->note, true), Gtk::PACK_SHRINK);

  box->pack_start(*heading(_("Phones")), Gtk::PACK_SHRINK);
  if (client->phones.empty()) box->pack_start(*label(_("None"), true), Gtk::PACK_SHRINK);
  for (const auto& p : client->phones) box->pack_start(*label(phone_line(p)), Gtk::PACK_SHRINK);

  box->pack_start(*heading(_("Contact persons")), Gtk::PACK_SHRINK);
  if (client->contacts.empty()) box->pack_start(*label(_("None"), true), Gtk::PACK_SHRINK);
  for (const auto& c : client->contacts) {
    Glib::ustring line = c.name;
    if (!c.email.empty()) line += " · " + c.email;
    for (const auto& p : c.phones) line += " · " + phone_line(p);
    box->pack_start(*label(line), Gtk::PACK_SHRINK);
  }

  box->pack_start(*heading(_("Calls")), Gtk::PACK_SHRINK);
  auto calls = m_history
                   ? m_directory.calls_for_client(id)
                   : core::Result<std::vector<core::JournalId>>(std::vector<core::JournalId>{});
  if (!calls) {
    box->pack_start(*label(calls.error().detail, true), Gtk::PACK_SHRINK);
  } else if (calls->empty()) {
    box->pack_start(*label(_("No calls yet"), true), Gtk::PACK_SHRINK);
  } else {
    for (auto jid : *calls) {
      auto e = m_history->get(jid);
      if (e) box->pack_start(*label(call_line(*e)), Gtk::PACK_SHRINK);
    }
  }
  auto* scroll = Gtk::make_managed<Gtk::ScrolledWindow>();
  scroll->set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  scroll->add(*box);
  dialog->get_content_area()->pack_start(*scroll, Gtk::PACK_EXPAND_WIDGET);
  dialog->show_all();
  m_card = std::move(dialog);
}

}  // namespace telpanel::widgets
