// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/settings_dialog.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <gtkmm/box.h>
#include <gtkmm/listboxrow.h>
#include <gtkmm/separator.h>

#include <algorithm>

namespace telpanel::widgets {

namespace {

// GtkStackSidebar's rows have no accessible name of their own: give each its page title so a
// screen reader (and the GUI tests) can name the page it switches to.
void name_sidebar_rows(Gtk::Widget& widget) {
  if (auto* row = dynamic_cast<Gtk::ListBoxRow*>(&widget)) {
    if (auto* label = dynamic_cast<Gtk::Label*>(row->get_child()))
      row->get_accessible()->set_name(label->get_text());
    return;
  }
  if (auto* container = dynamic_cast<Gtk::Container*>(&widget))
    for (Gtk::Widget* child : container->get_children()) name_sidebar_rows(*child);
}

}  // namespace

SettingsDialog::SettingsDialog(Gtk::Window& parent, const SettingsForm& current,
                               const AudioDeviceList& inputs, const AudioDeviceList& outputs,
                               const RegionList& regions)
    : Gtk::Dialog(_("Settings"), parent, Gtk::DIALOG_MODAL | Gtk::DIALOG_USE_HEADER_BAR),
      m_initial(current),
      m_regions(regions) {
  // Wide enough for the Russian labels next to their fields, low enough for 1366x768.
  set_default_size(820, 560);
  add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  auto* save = add_button(_("_Save"), Gtk::RESPONSE_APPLY);
  save->get_style_context()->add_class("suggested-action");
  set_default_response(Gtk::RESPONSE_APPLY);

  m_stack.set_transition_type(Gtk::STACK_TRANSITION_TYPE_NONE);
  m_stack.set_hexpand(true);
  m_stack.set_vexpand(true);
  m_sidebar.set_stack(m_stack);
  m_sidebar.get_accessible()->set_name(_("Settings pages"));
  build_account(current);
  build_audio(current, inputs, outputs);
  build_calls(current);
  build_presence(current);
  build_chats(current);
  build_numbers(current, regions);
  build_general(current);
  name_sidebar_rows(m_sidebar);

  m_result.set_line_wrap(true);
  m_result.set_xalign(0);
  m_result.set_max_width_chars(70);
  m_result.set_margin_start(18);
  m_result.set_margin_end(18);
  m_result.set_margin_bottom(12);
  m_result.set_selectable(true);
  auto* pages = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL);
  pages->pack_start(m_sidebar, Gtk::PACK_SHRINK);
  pages->pack_start(*Gtk::make_managed<Gtk::Separator>(Gtk::ORIENTATION_VERTICAL),
                    Gtk::PACK_SHRINK);
  pages->pack_start(m_stack, Gtk::PACK_EXPAND_WIDGET);
  get_content_area()->pack_start(*pages, Gtk::PACK_EXPAND_WIDGET);
  get_content_area()->pack_start(m_result, Gtk::PACK_SHRINK);
  hide_result_on_edit();
  show_all_children();
  update_calls_sensitivity();
  m_result.hide();
  m_result.set_no_show_all(true);
  m_chat_test_result.hide();
  m_chat_test_result.set_no_show_all(true);
}

SettingsDialog::~SettingsDialog() { *m_alive = false; }

Gtk::Grid& SettingsDialog::begin_page(const char* id, const Glib::ustring& title) {
  auto* grid = Gtk::make_managed<Gtk::Grid>();
  grid->set_row_spacing(6);
  grid->set_column_spacing(12);
  grid->set_border_width(18);
  m_stack.add(*grid, id, title);
  m_grid = grid;
  m_row = 0;
  return *grid;
}

void SettingsDialog::add_row(const Glib::ustring& label, Gtk::Widget& widget, Gtk::Widget* extra) {
  auto* l = Gtk::make_managed<Gtk::Label>(label, true);
  l->set_xalign(1);
  l->set_mnemonic_widget(widget);
  widget.set_hexpand(true);
  // The label names the field for screen readers (and the GUI tests).
  std::string name = label;
  name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
  widget.get_accessible()->set_name(name);
  if (auto* combo = dynamic_cast<Gtk::ComboBoxText*>(&widget); combo && combo->get_has_entry())
    combo->get_entry()->get_accessible()->set_name(name);
  m_grid->attach(*l, 0, m_row);
  m_grid->attach(widget, 1, m_row, extra ? 1 : 2);
  if (extra) m_grid->attach(*extra, 2, m_row);
  ++m_row;
}

void SettingsDialog::add_note(const Glib::ustring& text) {
  auto* l = Gtk::make_managed<Gtk::Label>(text);
  l->set_xalign(0);
  l->set_line_wrap(true);
  l->set_max_width_chars(60);
  l->get_style_context()->add_class("dim-label");
  m_grid->attach(*l, 1, m_row++, 2);
}

void SettingsDialog::add_check(Gtk::CheckButton& check, const Glib::ustring& label, bool active) {
  check.set_label(label);
  check.set_use_underline(true);
  check.set_active(active);
  m_grid->attach(check, 1, m_row++, 2);
}

// A message about the last Save is stale once the person edits again.
void SettingsDialog::hide_result_on_edit() {
  auto hide = [this] { m_result.hide(); };
  for (Gtk::Entry* e :
       {&m_uri, &m_password, &m_auth_user, &m_proxy, &m_display_name, m_input.get_entry(),
        m_output.get_entry(), m_ringer.get_entry(), &m_action_url, &m_action_command,
        &m_new_client_url, &m_chat_url, &m_chat_account, &m_chat_token, &m_chat_ca,
        m_region.get_entry(), m_extension_length.get_entry()})
    e->signal_changed().connect(hide);
  for (Gtk::ComboBoxText* c :
       {&m_transport, &m_recording, &m_on_incoming, &m_on_outgoing, &m_new_client})
    c->signal_changed().connect(hide);
  for (Gtk::CheckButton* c : {&m_calls_enabled, &m_autostart, &m_start_minimized})
    c->signal_toggled().connect(hide);
  m_away_minutes.signal_value_changed().connect(hide);
}

SettingsForm SettingsDialog::read() const {
  SettingsForm f = m_initial;
  // m_accounts follows every edit of the account fields (keep_shown_account).
  f.account = m_accounts.front();
  f.accounts.assign(m_accounts.begin() + 1, m_accounts.end());
  read_phone_pages(f);
  read_chat_pages(f);
  return f;
}

void SettingsDialog::on_response(int response) {
  if (response != Gtk::RESPONSE_APPLY || !m_save) return hide();
  // Until the keyring has answered: no second Save of the same typing.
  set_response_sensitive(Gtk::RESPONSE_APPLY, false);
  const SettingsForm f = read();
  m_save(f, [this, alive = m_alive, f](const SaveResult& r) {
    if (*alive) show_saved(f, r);
  });
}

void SettingsDialog::show_saved(const SettingsForm& saved, const SaveResult& r) {
  set_response_sensitive(Gtk::RESPONSE_APPLY, true);
  m_result.set_text(r.message);
  m_result.get_style_context()->remove_class("error");
  if (!r.ok) m_result.get_style_context()->add_class("error");
  if (!r.page.empty()) show_page(r.page);
  if (r.page == "account") select_account(r.account);
  m_result.show();
  // What was saved is the base for the next Save's "what changed".
  if (r.ok) {
    m_initial = saved;
    m_initial.forget_password_changes();
    m_initial.chat_token_changed = false;
    if (!m_initial.chat_token.empty()) m_initial.chat_token_stored = true;
  }
}

}  // namespace telpanel::widgets
