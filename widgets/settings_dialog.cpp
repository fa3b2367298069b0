// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/settings_dialog.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>

#include <algorithm>

namespace telpanel::widgets {

namespace {

void fill_devices(Gtk::ComboBoxText& combo, const AudioDeviceList& devices,
                  const std::string& current) {
  // The id is what goes into the config; the entry shows it so any name can be typed too.
  combo.append("", _("Default device"));
  for (const auto& [name, description] : devices) combo.append(name, description);
  combo.get_entry()->set_text(current);
}

std::string device_of(const Gtk::ComboBoxText& combo) {
  const auto id = combo.get_active_id();
  if (combo.get_active_row_number() >= 0) return id;
  return const_cast<Gtk::ComboBoxText&>(combo).get_entry()->get_text();
}

Gtk::Label* heading(const Glib::ustring& text) {
  auto* l = Gtk::make_managed<Gtk::Label>();
  l->set_markup("<b>" + text + "</b>");
  l->set_xalign(0);
  l->set_margin_top(6);
  return l;
}

}  // namespace

SettingsDialog::SettingsDialog(Gtk::Window& parent, const SettingsForm& current,
                               const AudioDeviceList& inputs, const AudioDeviceList& outputs)
    : Gtk::Dialog(_("Settings"), parent, Gtk::DIALOG_MODAL | Gtk::DIALOG_USE_HEADER_BAR) {
  set_default_size(480, -1);
  add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  auto* save = add_button(_("_Save"), Gtk::RESPONSE_APPLY);
  save->get_style_context()->add_class("suggested-action");
  set_default_response(Gtk::RESPONSE_APPLY);

  m_grid.set_row_spacing(6);
  m_grid.set_column_spacing(12);
  m_grid.set_border_width(18);
  m_grid.attach(*heading(_("Account")), 0, m_row++, 3);
  m_uri.set_placeholder_text("sip:1001@pbx.example.com");
  m_uri.set_text(current.uri);
  m_password.set_visibility(false);
  m_password.set_input_purpose(Gtk::INPUT_PURPOSE_PASSWORD);
  m_password.set_placeholder_text(current.uri.empty() ? "" : _("unchanged"));
  m_auth_user.set_text(current.auth_user);
  m_auth_user.set_placeholder_text(_("the number from the address"));
  m_transport.append("udp", "UDP");
  m_transport.append("tcp", "TCP");
  m_transport.set_active_id(current.transport.empty() ? "udp" : current.transport);
  m_proxy.set_text(current.proxy);
  m_proxy.set_placeholder_text(_("the server from the address"));
  m_display_name.set_text(current.display_name);
  add_row(_("SIP _address"), m_uri);
  add_row(_("_Password"), m_password);
  add_row(_("Au_thentication user"), m_auth_user);
  add_row(_("_Transport"), m_transport);
  add_row(_("Pro_xy"), m_proxy);
  add_row(_("_Display name"), m_display_name);

  m_grid.attach(*heading(_("Audio")), 0, m_row++, 3);
  fill_devices(m_input, inputs, current.input);
  fill_devices(m_output, outputs, current.output);
  fill_devices(m_ringer, outputs, current.ringer);
  add_row(_("_Microphone"), m_input);
  add_row(_("_Speaker"), m_output, test_button(m_output));
  add_row(_("_Ringer"), m_ringer, test_button(m_ringer));

  m_grid.attach(*heading(_("Start")), 0, m_row++, 3);
  m_autostart.set_label(_("Start _at login, in the tray"));
  m_autostart.set_use_underline(true);
  m_autostart.set_active(current.autostart);
  m_grid.attach(m_autostart, 1, m_row++, 2);

  m_result.set_line_wrap(true);
  m_result.set_xalign(0);
  m_result.set_max_width_chars(50);
  m_grid.attach(m_result, 0, m_row++, 3);
  get_content_area()->pack_start(m_grid, Gtk::PACK_EXPAND_WIDGET);
  // A message about the last Save is stale once the person edits again.
  for (Gtk::Entry* e : {&m_uri, &m_password, &m_auth_user, &m_proxy, &m_display_name,
                        m_input.get_entry(), m_output.get_entry(), m_ringer.get_entry()})
    e->signal_changed().connect([this] { m_result.hide(); });
  m_autostart.signal_toggled().connect([this] { m_result.hide(); });
  show_all_children();
  m_result.hide();
  m_result.set_no_show_all(true);
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
  m_grid.attach(*l, 0, m_row);
  m_grid.attach(widget, 1, m_row, extra ? 1 : 2);
  if (extra) m_grid.attach(*extra, 2, m_row);
  ++m_row;
}

Gtk::Button* SettingsDialog::test_button(Gtk::ComboBoxText& device) {
  auto* b = Gtk::make_managed<Gtk::Button>(_("Test"));
  b->set_tooltip_text(_("Play a test sound on this device"));
  b->signal_clicked().connect([this, &device] {
    if (m_test) m_test(device_of(device));
  });
  return b;
}

SettingsForm SettingsDialog::read() const {
  SettingsForm f;
  f.uri = m_uri.get_text();
  f.password = m_password.get_text();
  f.password_changed = !f.password.empty();
  f.auth_user = m_auth_user.get_text();
  f.transport = m_transport.get_active_id();
  f.proxy = m_proxy.get_text();
  f.display_name = m_display_name.get_text();
  f.input = device_of(m_input);
  f.output = device_of(m_output);
  f.ringer = device_of(m_ringer);
  f.autostart = m_autostart.get_active();
  return f;
}

void SettingsDialog::on_response(int response) {
  if (response != Gtk::RESPONSE_APPLY || !m_save) return hide();
  const SaveResult r = m_save(read());
  m_result.set_text(r.message);
  m_result.get_style_context()->remove_class("error");
  if (!r.ok) m_result.get_style_context()->add_class("error");
  m_result.show();
}

}  // namespace telpanel::widgets
