// SPDX-License-Identifier: GPL-3.0-or-later
// The Chats and Numbers pages of the settings dialog.
#include <atkmm/object.h>
#include <glib/gi18n.h>

#include "widgets/settings_dialog.hpp"

namespace telpanel::widgets {

namespace {

Glib::ustring region_title(const std::string& code, const std::string& name) {
  return name.empty() ? Glib::ustring(code) : Glib::ustring::compose("%1 (%2)", name, code);
}

std::string trimmed(const Glib::ustring& text) {
  const std::string s = text;
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

void SettingsDialog::build_chats(const SettingsForm& f) {
  begin_page("chats", _("Chats"));
  m_chat_url.set_text(f.chat_url);
  m_chat_url.set_placeholder_text("https://chat.example.com");
  m_chat_account.set_text(f.chat_account_id);
  m_chat_account.set_placeholder_text("1");
  m_chat_account.set_input_purpose(Gtk::INPUT_PURPOSE_DIGITS);
  m_chat_token.set_visibility(false);
  m_chat_token.set_input_purpose(Gtk::INPUT_PURPOSE_PASSWORD);
  m_chat_token.set_placeholder_text(f.chat_token_stored ? _("unchanged") : "");
  m_chat_ca.set_text(f.chat_ca_file);
  m_chat_ca.set_placeholder_text(_("optional: a PEM file with your server's CA"));
  add_row(_("Chat se_rver"), m_chat_url);
  add_row(_("Account _number"), m_chat_account);
  add_row(_("Agent _token"), m_chat_token);
  add_row(_("CA _file"), m_chat_ca);
  add_note(
      _("The account number is the one in the Chatwoot address (…/app/accounts/1/…); the agent "
        "token is under Profile settings → Access token. Leave the server empty to turn chats "
        "off. Changes take effect after a restart of telpanel."));
  m_chat_test_button.set_label(_("Test connect_ion"));
  m_chat_test_button.set_use_underline(true);
  m_chat_test_button.set_halign(Gtk::ALIGN_START);
  m_chat_test_button.signal_clicked().connect([this] { test_chat(); });
  m_grid->attach(m_chat_test_button, 1, m_row++, 2);
  m_chat_test_result.set_xalign(0);
  m_chat_test_result.set_line_wrap(true);
  m_chat_test_result.set_max_width_chars(60);
  m_chat_test_result.set_selectable(true);
  m_chat_test_result.get_accessible()->set_name(_("Connection test result"));
  m_grid->attach(m_chat_test_result, 1, m_row++, 2);
  for (Gtk::Entry* e : {&m_chat_url, &m_chat_account, &m_chat_token, &m_chat_ca})
    e->signal_changed().connect([this] { m_chat_test_result.hide(); });
}

void SettingsDialog::test_chat() {
  if (!m_chat_test) return;
  m_chat_test_button.set_sensitive(false);
  m_chat_test_result.get_style_context()->remove_class("error");
  m_chat_test_result.set_text(_("Connecting…"));
  m_chat_test_result.show();
  m_chat_test(read(), [this, alive = m_alive](bool ok, const Glib::ustring& message) {
    if (!*alive) return;
    m_chat_test_button.set_sensitive(true);
    m_chat_test_result.set_text(message);
    if (!ok) m_chat_test_result.get_style_context()->add_class("error");
    m_chat_test_result.show();
  });
}

void SettingsDialog::build_numbers(const SettingsForm& f, const RegionList& regions) {
  begin_page("numbers", _("Numbers"));
  Glib::ustring current = f.region;
  for (const auto& [code, name] : regions) {
    m_region.append(code, region_title(code, name));
    if (code == f.region) current = region_title(code, name);
  }
  m_region.get_entry()->set_text(current);
  add_row(_("Default _region"), m_region);
  add_note(_("Numbers dialled without a country code belong to this country."));
  for (const char* rule : {"2-5", "3", "3-4", "4", "none"}) m_extension_length.append(rule, rule);
  m_extension_length.get_entry()->set_text(f.extension_length);
  add_row(_("_Extension length (digits)"), m_extension_length);
  add_note(
      _("Numbers this long are your exchange's internal extensions: a range such as 2-5, one "
        "length such as 3, or “none”. Changes take effect after a restart of telpanel."));
}

void SettingsDialog::read_chat_pages(SettingsForm& f) const {
  f.chat_url = trimmed(m_chat_url.get_text());
  f.chat_account_id = trimmed(m_chat_account.get_text());
  f.chat_token = trimmed(m_chat_token.get_text());
  f.chat_token_changed = !f.chat_token.empty();
  f.chat_ca_file = trimmed(m_chat_ca.get_text());
  // A country picked from the list, or a region code typed in.
  const std::string region =
      trimmed(const_cast<Gtk::ComboBoxText&>(m_region).get_entry()->get_text());
  f.region = region;
  for (const auto& [code, name] : m_regions) {
    if (region == region_title(code, name) || region == name ||
        g_ascii_strcasecmp(region.c_str(), code.c_str()) == 0)
      f.region = code;
  }
  f.extension_length =
      trimmed(const_cast<Gtk::ComboBoxText&>(m_extension_length).get_entry()->get_text());
}

}  // namespace telpanel::widgets
