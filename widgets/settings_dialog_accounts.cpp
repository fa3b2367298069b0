// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's Account page: a picker of every SIP account (the default [account]
// first, then each [account:NAME]), Add account… (asks a short name) and Remove, and the
// fields of the picked account. What is typed stays with its account when another is picked;
// a removed account leaves the file only on Save.
#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <gtkmm/box.h>
#include <gtkmm/liststore.h>

#include "widgets/account_name.hpp"
#include "widgets/settings_dialog.hpp"

namespace telpanel::widgets {

namespace {

Glib::ustring account_title(const AccountForm& a) {
  if (a.name.empty())
    return a.uri.empty() ? Glib::ustring(_("Default"))
                         : Glib::ustring::compose(_("Default (%1)"), a.uri);
  return a.uri.empty() ? Glib::ustring(a.name) : Glib::ustring::compose("%1 (%2)", a.name, a.uri);
}

}  // namespace

void SettingsDialog::build_account(const SettingsForm& f) {
  begin_page("account", _("Account"));
  m_accounts.push_back(f.account);
  m_accounts.insert(m_accounts.end(), f.accounts.begin(), f.accounts.end());
  m_password.set_visibility(false);
  m_password.set_input_purpose(Gtk::INPUT_PURPOSE_PASSWORD);
  m_auth_user.set_placeholder_text(_("the number from the address"));
  m_transport.append("udp", "UDP");
  m_transport.append("tcp", "TCP");
  m_proxy.set_placeholder_text(_("the server from the address"));
  m_uri.set_placeholder_text("sip:1001@pbx.example.com");

  m_add_account.set_label(_("Add account…"));
  m_add_account.set_tooltip_text(_("Another SIP account that registers and takes calls too"));
  m_remove_account.set_label(_("Remove"));
  m_remove_account.set_tooltip_text(_("Remove this account when you save"));
  auto* buttons = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 6);
  buttons->pack_start(m_add_account, Gtk::PACK_SHRINK);
  buttons->pack_start(m_remove_account, Gtk::PACK_SHRINK);
  fill_account_picker();
  add_row(_("Accou_nt"), m_account_pick, buttons);
  add_row(_("SIP _address"), m_uri);
  add_row(_("_Password"), m_password);
  add_row(_("Authentication _user"), m_auth_user);
  add_row(_("_Transport"), m_transport);
  add_row(_("Pro_xy"), m_proxy);
  add_row(_("_Display name"), m_display_name);
  add_note(
      _("The default account places outgoing calls; every account registers and takes "
        "incoming calls. Account changes take effect after a restart of telpanel."));
  show_account(0);

  m_account_pick.signal_changed().connect([this] {
    const int row = m_account_pick.get_active_row_number();
    if (!m_filling && row >= 0) show_account(static_cast<size_t>(row));
  });
  for (Gtk::Entry* e : {&m_uri, &m_password, &m_auth_user, &m_proxy, &m_display_name})
    e->signal_changed().connect([this] { keep_shown_account(); });
  m_transport.signal_changed().connect([this] { keep_shown_account(); });
  m_add_account.signal_clicked().connect([this] { ask_account_name(); });
  m_remove_account.signal_clicked().connect([this] { remove_shown_account(); });
}

// The picker lists m_accounts; rebuilt after an add or a remove.
void SettingsDialog::fill_account_picker() {
  m_filling = true;
  m_account_pick.remove_all();
  for (const auto& a : m_accounts) m_account_pick.append(account_title(a));
  m_account_pick.set_active(static_cast<int>(m_shown));
  m_filling = false;
}

void SettingsDialog::show_account(size_t index) {
  m_shown = index;
  const AccountForm& a = m_accounts[index];
  // An account already in the file has a password stored: empty means "keep it".
  bool stored = !m_initial.account.uri.empty();
  if (!a.name.empty()) {
    stored = false;
    for (const auto& old : m_initial.accounts) stored = stored || old.name == a.name;
  }
  m_filling = true;
  m_uri.set_text(a.uri);
  m_password.set_text(a.password);
  m_password.set_placeholder_text(stored ? _("unchanged") : "");
  m_auth_user.set_text(a.auth_user);
  m_transport.set_active_id(a.transport.empty() ? "udp" : a.transport);
  m_proxy.set_text(a.proxy);
  m_display_name.set_text(a.display_name);
  m_filling = false;
  m_remove_account.set_sensitive(index != 0);  // the default account is not removed
}

// Every edit of a field goes into the shown account at once, so switching loses nothing.
void SettingsDialog::keep_shown_account() {
  if (m_filling) return;
  AccountForm& a = m_accounts[m_shown];
  a.uri = m_uri.get_text();
  a.password = m_password.get_text();
  a.password_changed = !a.password.empty();
  a.auth_user = m_auth_user.get_text();
  a.transport = m_transport.get_active_id();
  a.proxy = m_proxy.get_text();
  a.display_name = m_display_name.get_text();
  // The picker shows the address as it is typed.
  auto rows = m_account_pick.get_model()->children();
  if (m_shown < rows.size()) rows[m_shown].set_value(0, account_title(a));
}

void SettingsDialog::ask_account_name() {
  m_name_dialog = std::make_unique<Gtk::Dialog>(_("Add account"), *this,
                                                Gtk::DIALOG_MODAL | Gtk::DIALOG_USE_HEADER_BAR);
  auto& d = *m_name_dialog;
  d.add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  d.add_button(_("_Add"), Gtk::RESPONSE_OK)->get_style_context()->add_class("suggested-action");
  d.set_default_response(Gtk::RESPONSE_OK);
  auto* grid = Gtk::make_managed<Gtk::Grid>();
  grid->set_row_spacing(6);
  grid->set_column_spacing(12);
  grid->set_border_width(18);
  auto* entry = Gtk::make_managed<Gtk::Entry>();
  entry->set_activates_default(true);
  entry->set_hexpand(true);
  entry->get_accessible()->set_name(_("Short name"));
  auto* label = Gtk::make_managed<Gtk::Label>(_("Short _name"), true);
  label->set_mnemonic_widget(*entry);
  auto* hint = Gtk::make_managed<Gtk::Label>(_("Letters, digits, “-” and “_”, such as support."));
  hint->get_style_context()->add_class("dim-label");
  hint->set_xalign(0);
  auto* problem = Gtk::make_managed<Gtk::Label>();
  problem->set_xalign(0);
  problem->set_line_wrap(true);
  problem->set_max_width_chars(50);
  problem->get_style_context()->add_class("error");
  grid->attach(*label, 0, 0);
  grid->attach(*entry, 1, 0);
  grid->attach(*hint, 1, 1);
  grid->attach(*problem, 0, 2, 2);
  d.get_content_area()->pack_start(*grid, Gtk::PACK_EXPAND_WIDGET);
  d.signal_response().connect([this, entry, problem](int response) {
    if (response != Gtk::RESPONSE_OK) return m_name_dialog->hide();
    std::vector<std::string> taken;
    for (const auto& a : m_accounts) taken.push_back(a.name);
    const std::string name = entry->get_text();
    if (auto why = account_name_problem(name, taken); !why.empty()) {
      problem->set_text(why);  // the dialog stays, with what was typed
      problem->show();
      return;
    }
    m_name_dialog->hide();  // freed by the next question or with the settings dialog
    add_account(name);
  });
  d.show_all();
  problem->hide();
}

void SettingsDialog::add_account(const std::string& name) {
  AccountForm a;
  a.name = name;
  m_accounts.push_back(a);
  m_shown = m_accounts.size() - 1;
  fill_account_picker();
  show_account(m_shown);
  m_uri.grab_focus();
}

void SettingsDialog::remove_shown_account() {
  if (m_shown == 0) return;
  m_accounts.erase(m_accounts.begin() + static_cast<std::ptrdiff_t>(m_shown));
  m_shown -= 1;
  fill_account_picker();
  show_account(m_shown);
}

// A refused Save names an account: show it.
void SettingsDialog::select_account(const std::string& name) {
  for (size_t i = 0; i < m_accounts.size(); ++i)
    if (m_accounts[i].name == name) {
      m_shown = i;
      fill_account_picker();
      show_account(i);
      return;
    }
}

}  // namespace telpanel::widgets
