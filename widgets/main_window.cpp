// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/main_window.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <gtkmm/listboxrow.h>

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

}  // namespace

MainWindow::MainWindow(core::CallController& controller, const std::string& config_path)
    : m_controller(controller), m_config_path(config_path) {
  set_default_size(420, 480);
  m_header.set_title(_("Telephony panel"));
  m_header.set_show_close_button(true);
  set_titlebar(m_header);

  m_box.set_border_width(12);
  m_registration.set_xalign(0);
  m_number.set_placeholder_text(_("Number or SIP address"));
  // A placeholder is not an accessible name: without this, screen readers (and the GUI tests)
  // see an unnamed text field.
  m_number.get_accessible()->set_name(_("Number or SIP address"));
  m_number.set_hexpand(true);
  m_number.signal_activate().connect(sigc::mem_fun(*this, &MainWindow::on_dial));
  m_dial.set_label(_("Call"));
  m_dial.get_style_context()->add_class("suggested-action");
  m_dial.signal_clicked().connect(sigc::mem_fun(*this, &MainWindow::on_dial));
  m_dial_row.pack_start(m_number, Gtk::PACK_EXPAND_WIDGET);
  m_dial_row.pack_start(m_dial, Gtk::PACK_SHRINK);
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");
  m_calls.set_selection_mode(Gtk::SELECTION_NONE);

  m_box.pack_start(m_registration, Gtk::PACK_SHRINK);
  m_box.pack_start(m_dial_row, Gtk::PACK_SHRINK);
  m_box.pack_start(m_error, Gtk::PACK_SHRINK);
  m_box.pack_start(m_calls, Gtk::PACK_EXPAND_WIDGET);
  add(m_box);
  show_all_children();
  m_error.hide();

  controller.signal_registration_changed().connect(
      [this](const std::string&, const core::RegistrationStatus&) { refresh_registration(); });
  controller.signal_call_changed().connect([this](const core::Call&) { refresh_calls(); });
  refresh_registration();
  refresh_calls();
}

void MainWindow::refresh_registration() {
  const auto& accounts = m_controller.accounts();
  if (accounts.empty()) {
    m_registration.set_text(
        Glib::ustring::compose(_("No SIP account configured. Add one to %1"), m_config_path));
    return;
  }
  const auto& st = accounts.front().sip->registration();
  Glib::ustring state;
  switch (st.state) {
    case core::RegistrationState::Registered:
      state = _("Online");
      break;
    case core::RegistrationState::Registering:
      state = _("Connecting…");
      break;
    case core::RegistrationState::Failed:
      state = _("Not connected");
      break;
    case core::RegistrationState::Unregistered:
      state = _("Offline");
      break;
  }
  m_registration.set_text(accounts.front().sip->aor() + " — " + state +
                          (st.reason.empty() ? "" : " (" + st.reason + ")"));
}

void MainWindow::refresh_calls() {
  // Rebuild the rows only when what they show changes: a rebuild between a button's press and
  // release (e.g. when the codec becomes known just after the answer) would lose the click.
  Glib::ustring shown;
  for (const auto& call : m_controller.calls())
    shown += call.id + "\x1f" + call.remote_party + "\x1f" + state_text(call) + "\x1f" +
             std::to_string(static_cast<int>(call.direction)) + "\x1e";
  if (m_calls_built && shown == m_calls_shown) return;
  m_calls_built = true;
  m_calls_shown = shown;
  // Rows are managed: destroying the GTK widget also frees its C++ wrapper.
  for (auto* child : m_calls.get_children()) gtk_widget_destroy(child->gobj());
  for (const auto& call : m_controller.calls()) {
    auto* row = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 6);
    auto* label = Gtk::make_managed<Gtk::Label>(call.remote_party + "\n" + state_text(call));
    label->set_xalign(0);
    label->set_hexpand(true);
    row->pack_start(*label, Gtk::PACK_EXPAND_WIDGET);
    const core::CallId id = call.id;
    auto add_button = [&](const Glib::ustring& text, auto action) {
      auto* b = Gtk::make_managed<Gtk::Button>(text);
      b->signal_clicked().connect([this, id, action] {
        auto r = action(id);
        if (!r) show_error(r.error());
      });
      row->pack_start(*b, Gtk::PACK_SHRINK);
    };
    if (call.direction == core::CallDirection::Incoming && call.state == core::CallState::Ringing) {
      add_button(_("Answer"), [this](const core::CallId& i) { return m_controller.answer(i); });
      add_button(_("Reject"), [this](const core::CallId& i) { return m_controller.reject(i); });
    } else if (call.state == core::CallState::Active) {
      add_button(_("Hold"), [this](const core::CallId& i) { return m_controller.hold(i); });
    } else if (call.state == core::CallState::Held) {
      add_button(_("Resume"), [this](const core::CallId& i) { return m_controller.resume(i); });
    }
    if (call.state != core::CallState::Ending && call.state != core::CallState::Ended &&
        !(call.direction == core::CallDirection::Incoming &&
          call.state == core::CallState::Ringing))
      add_button(_("Hang up"), [this](const core::CallId& i) { return m_controller.hang_up(i); });
    m_calls.append(*row);
  }
  m_calls.show_all();
}

void MainWindow::on_dial() {
  auto r = m_controller.dial(m_number.get_text());
  if (!r) return show_error(r.error());
  m_error.hide();
  m_number.set_text("");
}

void MainWindow::show_error(const core::Error& error) {
  m_error.set_text(error.detail);
  m_error.show();
}

}  // namespace telpanel::widgets
