// SPDX-License-Identifier: GPL-3.0-or-later
// The Audio, Calls, Presence and General pages of the settings dialog.
#include <atkmm/object.h>
#include <glib/gi18n.h>

#include <cmath>

#include "widgets/settings_dialog.hpp"

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

// What happens on an answered incoming call or a placed outgoing one (ACT-2).
void fill_actions(Gtk::ComboBoxText& combo, const std::string& current) {
  combo.append("nothing", _("Nothing"));
  combo.append("client_card", _("Open the client card"));
  combo.append("url", _("Open the URL"));
  combo.append("command", _("Run the command"));
  combo.set_active_id(current.empty() ? "nothing" : current);
}

}  // namespace

void SettingsDialog::build_audio(const SettingsForm& f, const AudioDeviceList& inputs,
                                 const AudioDeviceList& outputs) {
  begin_page("audio", _("Audio"));
  fill_devices(m_input, inputs, f.input);
  fill_devices(m_output, outputs, f.output);
  fill_devices(m_ringer, outputs, f.ringer);
  add_row(_("_Microphone"), m_input);
  add_row(_("Spea_ker"), m_output, test_button(m_output));
  add_row(_("_Ringer"), m_ringer, test_button(m_ringer));
  add_note(_("Device changes take effect after a restart of telpanel."));
}

Gtk::Button* SettingsDialog::test_button(Gtk::ComboBoxText& device) {
  auto* b = Gtk::make_managed<Gtk::Button>(_("Test"));
  b->set_tooltip_text(_("Play a test sound on this device"));
  b->signal_clicked().connect([this, &device] {
    if (m_test) m_test(device_of(device));
  });
  return b;
}

void SettingsDialog::build_calls(const SettingsForm& f) {
  begin_page("calls", _("Calls"));
  add_check(m_calls_enabled, _("_Receive and make calls"),
            f.personal_value("calls_enabled") != "false");
  m_recording.append("always", _("Always"));
  m_recording.append("on_demand", _("On demand"));
  m_recording.append("never", _("Never"));
  const std::string recording = f.personal_value("recording");
  m_recording.set_active_id(recording.empty() ? "never" : recording);
  add_row(_("R_ecord calls"), m_recording);
  fill_actions(m_on_incoming, f.personal_value("on_incoming_answered"));
  fill_actions(m_on_outgoing, f.personal_value("on_outgoing"));
  add_row(_("When an _incoming call is answered"), m_on_incoming);
  add_row(_("When an _outgoing call starts"), m_on_outgoing);
  m_action_url.set_text(f.personal_value("action_url"));
  m_action_url.set_placeholder_text("https://crm.example.com/call?phone={number}");
  m_action_command.set_text(f.personal_value("action_command"));
  m_action_command.set_placeholder_text("crm-open --phone {number}");
  add_row(_("_URL to open"), m_action_url);
  add_row(_("Co_mmand to run"), m_action_command);
  add_note(
      _("In the URL and the command, {number} is the other party's number, {client_id} the "
        "client's number in the directory and {call_id} the call's id."));
  m_new_client.append("form", _("Fill in a form"));
  m_new_client.append("url", _("Open a URL"));
  m_new_client.append("client_card", _("Open an empty client card"));
  const std::string method = f.personal_value("new_client");
  m_new_client.set_active_id(method.empty() ? "form" : method);
  add_row(_("_New client for an unknown number"), m_new_client);
  m_new_client_url.set_text(f.personal_value("new_client_url"));
  m_new_client_url.set_placeholder_text("https://crm.example.com/new?phone={number}");
  add_row(_("New client UR_L"), m_new_client_url);
  add_note(_("These settings are yours on this computer and apply as soon as you save."));
  for (Gtk::ComboBoxText* c : {&m_on_incoming, &m_on_outgoing, &m_new_client})
    c->signal_changed().connect([this] { update_calls_sensitivity(); });
}

// A template field is only editable when a choice uses it.
void SettingsDialog::update_calls_sensitivity() {
  auto uses = [this](const char* action) {
    return m_on_incoming.get_active_id() == action || m_on_outgoing.get_active_id() == action;
  };
  m_action_url.set_sensitive(uses("url"));
  m_action_command.set_sensitive(uses("command"));
  m_new_client_url.set_sensitive(m_new_client.get_active_id() == "url");
}

void SettingsDialog::read_phone_pages(SettingsForm& f) const {
  f.input = device_of(m_input);
  f.output = device_of(m_output);
  f.ringer = device_of(m_ringer);
  f.personal = {{"calls_enabled", m_calls_enabled.get_active() ? "true" : "false"},
                {"recording", m_recording.get_active_id()},
                {"on_incoming_answered", m_on_incoming.get_active_id()},
                {"on_outgoing", m_on_outgoing.get_active_id()},
                {"action_url", m_action_url.get_text()},
                {"action_command", m_action_command.get_text()},
                {"new_client", m_new_client.get_active_id()},
                {"new_client_url", m_new_client_url.get_text()}};
  // Minutes on screen; seconds that were not whole minutes stay as they were unless edited.
  const int minutes = m_away_minutes.get_value_as_int();
  if (minutes != static_cast<int>(std::round(m_initial.away_after_s / 60.0)))
    f.away_after_s = minutes * 60;
  f.autostart = m_autostart.get_active();
  f.start_minimized = m_start_minimized.get_active();
}

void SettingsDialog::build_presence(const SettingsForm& f) {
  begin_page("presence", _("Presence"));
  m_away_minutes.set_range(0, 24 * 60);
  m_away_minutes.set_increments(1, 5);
  m_away_minutes.set_digits(0);
  m_away_minutes.set_value(std::round(f.away_after_s / 60.0));
  m_away_minutes.set_hexpand(false);
  add_row(_("_Away after (minutes without input)"), m_away_minutes);
  m_away_minutes.set_halign(Gtk::ALIGN_START);
  add_note(
      _("Your status becomes “Away” when you have not touched the keyboard or mouse for this "
        "long; 0 turns this off. Takes effect after a restart of telpanel."));
}

void SettingsDialog::build_general(const SettingsForm& f) {
  begin_page("general", _("General"));
  add_check(m_autostart, _("Start _at login, in the tray"), f.autostart);
  add_check(m_start_minimized, _("Start _minimised to the tray"), f.start_minimized);
  add_note(_("Starting at login applies at once; starting minimised, from the next start."));
}

}  // namespace telpanel::widgets
