// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/call_row.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/markup.h>

#include "widgets/party_text.hpp"
#include "widgets/result_label.hpp"

namespace telpanel::widgets {

namespace {

Glib::ustring state_text(const core::Call& call) {
  switch (call.state) {
    case core::CallState::Dialing:
      return _("Dialing");
    case core::CallState::Ringing:
      return call.direction == core::CallDirection::Incoming ? _("Incoming call") : _("Ringing");
    case core::CallState::Answering:
      return _("Connecting");
    case core::CallState::Active:
      return call.remote_held ? _("On hold by the other side") : _("Talking");
    case core::CallState::Held:
      return _("On hold");
    case core::CallState::Ending:
      return _("Ending");
    case core::CallState::Ended:
      return _("Ended");
  }
  return {};
}

Glib::ustring transfer_text(const core::TransferInfo& t) {
  const Glib::ustring to = party_number(t.target);
  switch (t.state) {
    case core::TransferState::Consulting:
      return t.kind == core::TransferKind::Consultation
                 ? Glib::ustring(_("consultation: complete or cancel the transfer"))
                 : Glib::ustring::compose(_("waiting while you consult %1"), to);
    case core::TransferState::Trying:
      return Glib::ustring::compose(_("transferring to %1…"), to);
    case core::TransferState::Succeeded:
      return Glib::ustring::compose(_("transferred to %1"), to);
    case core::TransferState::Failed:
      return t.detail.empty() ? Glib::ustring(_("transfer failed"))
                              : Glib::ustring::compose(_("transfer failed: %1"), t.detail);
    case core::TransferState::Cancelled:
      return _("transfer cancelled");
  }
  return {};
}

void setup_toggle(Gtk::ToggleButton& b, const Glib::ustring& label, const char* icon) {
  b.set_label(label);
  b.set_use_underline(true);
  b.set_image_from_icon_name(icon, Gtk::ICON_SIZE_BUTTON);
  b.set_always_show_image(true);
}

}  // namespace

CallRow::CallRow(core::CallController& controller, core::PresenceController* presence,
                 core::CallRecorder* recorder, core::PersonalSettingsKeeper* settings,
                 const core::Call& call)
    : m_controller(controller),
      m_recorder(recorder),
      m_settings(settings),
      m_id(call.id),
      m_picker(presence, true) {
  set_activatable(false);
  set_selectable(false);
  m_box.set_border_width(12);
  m_name.set_xalign(0);
  m_name.set_hexpand(true);
  m_name.set_ellipsize(Pango::ELLIPSIZE_END);
  m_timer.get_style_context()->add_class("numeric");
  m_timer.get_accessible()->set_name(_("Call duration"));
  m_top.pack_start(m_name, Gtk::PACK_EXPAND_WIDGET);
  m_top.pack_start(m_rec_mark, Gtk::PACK_SHRINK);
  m_top.pack_start(m_timer, Gtk::PACK_SHRINK);
  m_state.set_xalign(0);
  m_state.get_style_context()->add_class("dim-label");
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");
  m_record_error.set_xalign(0);
  m_record_error.set_line_wrap(true);
  m_record_error.get_style_context()->add_class("error");
  m_record_error.get_accessible()->set_name(_("Recording problem"));

  setup_toggle(m_mute, _("_Mute"), "microphone-sensitivity-muted-symbolic");
  setup_toggle(m_hold, _("_Hold"), "media-playback-pause-symbolic");
  setup_toggle(m_keypad, _("_Keypad"), "input-dialpad-symbolic");
  m_hang_up.set_label(_("Hang _up"));
  m_hang_up.set_use_underline(true);
  m_hang_up.set_image_from_icon_name("call-stop-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_hang_up.set_always_show_image(true);
  m_hang_up.get_style_context()->add_class("destructive-action");
  m_mute.signal_toggled().connect([this] {
    if (!m_updating) report(m_controller.set_muted(m_id, m_mute.get_active()));
  });
  m_hold.signal_toggled().connect([this] {
    if (m_updating) return;
    report(m_hold.get_active() ? m_controller.hold(m_id) : m_controller.resume(m_id));
  });
  m_keypad.signal_toggled().connect(
      [this] { m_pad_revealer.set_reveal_child(m_keypad.get_active()); });
  m_hang_up.signal_clicked().connect([this] { hang_up(); });
  m_pad.signal_key().connect(
      [this](char key) { report(m_controller.send_dtmf(m_id, std::string(1, key))); });
  m_pad_revealer.add(m_pad);
  // UI-4: blind transfer or a consultation first; then Complete transfer or Cancel.
  setup_toggle(m_transfer, _("_Transfer"), "mail-forward-symbolic");
  m_transfer.signal_toggled().connect([this] {
    if (m_transfer.get_active()) m_picker.reload();
    m_picker_revealer.set_reveal_child(m_transfer.get_active());
  });
  m_picker_revealer.add(m_picker);
  m_picker.signal_picked().connect([this](const std::string& target, bool consult) {
    m_transfer.set_active(false);
    if (consult) {
      auto r = m_controller.consult(m_id, target);
      report(r ? core::Result<void>{} : core::Result<void>{r.error()});
    } else {
      report(m_controller.transfer(m_id, target));
    }
  });
  m_complete.set_label(_("_Complete transfer"));
  m_complete.set_use_underline(true);
  m_complete.get_style_context()->add_class("suggested-action");
  m_complete.signal_clicked().connect([this] { report(m_controller.transfer_complete(m_id)); });
  m_cancel.set_label(_("Cancel trans_fer"));
  m_cancel.set_use_underline(true);
  m_cancel.signal_clicked().connect([this] { report(m_controller.transfer_cancel(m_id)); });
  m_consult_box.pack_start(m_complete, Gtk::PACK_SHRINK);
  m_consult_box.pack_start(m_cancel, Gtk::PACK_SHRINK);

  m_buttons.pack_start(m_mute, Gtk::PACK_SHRINK);
  m_buttons.pack_start(m_hold, Gtk::PACK_SHRINK);
  m_buttons.pack_start(m_keypad, Gtk::PACK_SHRINK);
  m_buttons.pack_start(m_transfer, Gtk::PACK_SHRINK);
  if (m_recorder && m_settings) {
    build_record();
    m_buttons.pack_start(m_record, Gtk::PACK_SHRINK);
  }
  m_buttons.pack_end(m_hang_up, Gtk::PACK_SHRINK);
  m_box.pack_start(m_top, Gtk::PACK_SHRINK);
  m_box.pack_start(m_state, Gtk::PACK_SHRINK);
  m_box.pack_start(m_error, Gtk::PACK_SHRINK);
  m_box.pack_start(m_record_error, Gtk::PACK_SHRINK);
  m_box.pack_start(m_buttons, Gtk::PACK_SHRINK);
  m_box.pack_start(m_consult_box, Gtk::PACK_SHRINK);
  m_box.pack_start(m_picker_revealer, Gtk::PACK_SHRINK);
  m_box.pack_start(m_pad_revealer, Gtk::PACK_SHRINK);
  add(m_box);
  show_all();
  m_error.hide();
  m_error.set_no_show_all(true);
  m_record_error.hide();
  m_record_error.set_no_show_all(true);
  m_rec_mark.hide();
  m_rec_mark.set_no_show_all(true);
  m_consult_box.set_no_show_all(true);
  update(call);
}

void CallRow::update(const core::Call& call) {
  m_updating = true;
  const Glib::ustring title = party_title(call.remote_display, call.remote_party);
  const Glib::ustring number = party_number(call.remote_party);
  m_name.set_markup("<b>" + Glib::Markup::escape_text(title) + "</b>" +
                    (title == number ? "" : "  " + Glib::Markup::escape_text(number)));
  m_name.get_accessible()->set_name(title == number ? title : title + " " + number);
  Glib::ustring state = state_text(call);
  if (call.muted) state += " · " + Glib::ustring(_("microphone off"));
  if (!call.media_error.empty()) state += " · " + Glib::ustring(call.media_error);
  if (call.transfer) state += " · " + transfer_text(*call.transfer);
  m_state.set_text(state);
  const bool up = call.state == core::CallState::Active || call.state == core::CallState::Held;
  m_mute.set_active(call.muted);
  m_mute.set_sensitive(up);
  m_hold.set_active(call.state == core::CallState::Held);
  m_hold.set_sensitive(up);
  m_keypad.set_sensitive(up);
  m_hang_up.set_sensitive(call.state != core::CallState::Ending);
  const bool consulting = call.transfer && call.transfer->state == core::TransferState::Consulting;
  const bool transferring = call.transfer && call.transfer->state == core::TransferState::Trying;
  m_transfer.set_sensitive(up && !consulting && !transferring);
  if (!m_transfer.get_sensitive()) m_transfer.set_active(false);
  // Complete / Cancel on the consultation call only: one pair of buttons for one decision.
  const bool decide = consulting && call.transfer->kind == core::TransferKind::Consultation;
  m_consult_box.set_visible(decide);
  if (decide) m_consult_box.show_all();
  m_answered_at = call.answered_at;
  m_up = up;
  m_updating = false;
  update_record();
  tick();
}

void CallRow::build_record() {
  setup_toggle(m_record, _("_Record"), "media-record-symbolic");
  // A red mark a person sees from across the room; its name is what a screen reader says.
  m_rec_mark.set_markup("<span foreground=\"#c01c28\" weight=\"bold\">● " +
                        Glib::Markup::escape_text(_("REC")) + "</span>");
  m_rec_mark.get_accessible()->set_name(_("Recording now"));
  m_record.signal_toggled().connect([this] {
    if (m_updating) return;
    report(m_recorder->set_recording(m_id, m_record.get_active()));
    update_record();
  });
  m_recorder->signal_recording().connect(sigc::mem_fun(*this, &CallRow::on_recording));
  m_recorder->signal_wanted_changed().connect([this](const core::CallId& id) {
    if (id == m_id) update_record();
  });
  m_settings->signal_changed().connect(sigc::mem_fun(*this, &CallRow::on_settings));
}

void CallRow::on_recording(const core::RecordingEvent& e) {
  if (e.call != m_id) return;
  if (e.kind == core::RecordingEvent::Kind::Failed) {
    m_record_error.set_text(
        Glib::ustring::compose(_("Recording part %1 failed: %2"), e.part, Glib::ustring(e.error)));
    m_record_error.show();
  } else if (e.kind == core::RecordingEvent::Kind::Started) {
    m_record_error.hide();
  }
  update_record();
}

void CallRow::on_settings(const core::PersonalSettings&) { update_record(); }

void CallRow::update_record() {
  if (!m_recorder || !m_settings) return;
  const bool recording = m_recorder->is_recording(m_id);
  const auto mode = m_settings->get().recording;
  m_updating = true;
  // The recorder's word, so `telpanelctl record` and "always" show here too.
  m_record.set_active(m_recorder->is_wanted(m_id));
  m_updating = false;
  // "never" leaves a part already being written stoppable (the mode changed mid-call).
  m_record.set_sensitive(m_up && (mode != core::RecordingMode::Never || recording));
  switch (mode) {
    case core::RecordingMode::Always:
      // REC-1 makes "always" a personal setting, and the recorder lets one call be turned off:
      // the person may stop it here; the tooltip says the next call records again.
      m_record.set_tooltip_text(
          _("Recording is always on (Settings); press to stop recording this call"));
      break;
    case core::RecordingMode::OnDemand:
      m_record.set_tooltip_text(_("Record this call from now on; press again to stop"));
      break;
    case core::RecordingMode::Never:
      m_record.set_tooltip_text(_("Recording is off in Settings"));
      break;
  }
  m_rec_mark.set_visible(recording);
}

void CallRow::tick() {
  if (!m_answered_at) {
    m_timer.set_text("");
    return;
  }
  m_timer.set_text(clock_text(
      std::chrono::duration_cast<std::chrono::seconds>(core::Clock::now() - *m_answered_at)));
}

void CallRow::hang_up() { report(m_controller.hang_up(m_id)); }

void CallRow::toggle_mute() {
  if (m_mute.get_sensitive()) m_mute.set_active(!m_mute.get_active());
}

void CallRow::report(const core::Result<void>& r) { show_result(m_error, r); }

}  // namespace telpanel::widgets
