// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/client_bind_dialog.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <gtkmm/box.h>

namespace telpanel::widgets {

namespace {
constexpr int k_hits = 10;
}

ClientBindDialog::ClientBindDialog(Gtk::Window& parent, core::ClientDirectory& directory,
                                   std::string number, const std::string& suggested_name)
    : Gtk::Dialog(_("Client for this number"), parent, true),
      m_directory(directory),
      m_number(std::move(number)) {
  add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  add_button(_("_Save"), Gtk::RESPONSE_OK);
  set_default_response(Gtk::RESPONSE_OK);
  set_default_size(420, -1);
  auto* box = get_content_area();
  box->set_spacing(6);
  box->set_border_width(12);
  m_intro.set_text(Glib::ustring::compose(_("Give %1 to a client:"), m_number));
  m_intro.set_xalign(0);
  box->pack_start(m_intro, Gtk::PACK_SHRINK);

  m_new.set_label(_("_New client named"));
  m_new.set_use_underline(true);
  m_name.set_text(suggested_name);
  m_name.set_activates_default(true);
  m_name.get_accessible()->set_name(_("Client name"));
  m_existing.set_label(_("_Existing client"));
  m_existing.set_use_underline(true);
  m_existing.join_group(m_new);
  m_search.set_placeholder_text(_("Name or number"));
  m_search.get_accessible()->set_name(_("Find a client"));
  // No accessible name: screen readers then read the chosen client.
  m_hits.set_tooltip_text(_("Clients found"));
  box->pack_start(m_new, Gtk::PACK_SHRINK);
  box->pack_start(m_name, Gtk::PACK_SHRINK);
  box->pack_start(m_existing, Gtk::PACK_SHRINK);
  box->pack_start(m_search, Gtk::PACK_SHRINK);
  box->pack_start(m_hits, Gtk::PACK_SHRINK);

  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.set_max_width_chars(50);
  m_error.get_style_context()->add_class("error");
  m_error.set_no_show_all(true);
  box->pack_start(m_error, Gtk::PACK_SHRINK);

  auto sync = [this] {
    m_name.set_sensitive(m_new.get_active());
    m_search.set_sensitive(m_existing.get_active());
    m_hits.set_sensitive(m_existing.get_active());
  };
  m_new.signal_toggled().connect(sync);
  m_search.signal_search_changed().connect([this] { search(); });
  sync();
  show_all_children();
}

void ClientBindDialog::search() {
  m_hits.remove_all();
  m_hit_ids.clear();
  const std::string query = m_search.get_text();
  if (query.empty()) return;
  auto hits = m_directory.search(query, k_hits);
  if (!hits) {
    m_error.set_text(hits.error().detail);
    m_error.show();
    return;
  }
  for (const auto& h : *hits) {
    if (std::find(m_hit_ids.begin(), m_hit_ids.end(), h.client) != m_hit_ids.end()) continue;
    m_hit_ids.push_back(h.client);
    m_hits.append(h.client_name);
  }
  if (!m_hit_ids.empty()) m_hits.set_active(0);
}

core::Result<void> ClientBindDialog::apply() {
  if (m_new.get_active()) {
    core::Client client;
    client.name = m_name.get_text();
    client.phones.push_back({m_number, "", ""});
    auto id = m_directory.create(client);
    if (!id) return id.error();
    return {};
  }
  const int i = m_hits.get_active_row_number();
  if (i < 0 || static_cast<std::size_t>(i) >= m_hit_ids.size())
    return core::make_error(core::ErrorCode::InvalidArgument, _("Find and choose a client first."));
  return m_directory.bind_number(m_number, m_hit_ids[static_cast<std::size_t>(i)], std::nullopt);
}

bool ClientBindDialog::run_until_done() {
  while (run() == Gtk::RESPONSE_OK) {
    auto r = apply();
    if (r) return true;
    m_error.set_text(r.error().detail);
    m_error.show();
  }
  return false;
}

}  // namespace telpanel::widgets
