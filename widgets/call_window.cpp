// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/call_window.hpp"

#include <atkmm/object.h>
#include <gdk/gdkkeysyms.h>
#include <glib/gi18n.h>
#include <glibmm/main.h>

namespace telpanel::widgets {

namespace {

bool belongs_here(const core::Call& call) {
  if (call.state == core::CallState::Ended) return false;
  return !(call.direction == core::CallDirection::Incoming &&
           call.state == core::CallState::Ringing);
}

}  // namespace

CallWindow::CallWindow(core::CallController& controller, core::PresenceController* presence,
                       core::CallRecorder* recorder, core::PersonalSettingsKeeper* settings)
    : m_controller(controller), m_presence(presence), m_recorder(recorder), m_settings(settings) {
  set_title(_("Calls"));
  set_icon_name("org.telpanel.Telpanel");
  set_default_size(420, -1);
  m_header.set_title(_("Calls"));
  m_header.set_show_close_button(true);
  set_titlebar(m_header);
  m_header.show();
  m_list.set_selection_mode(Gtk::SELECTION_NONE);
  m_list.get_accessible()->set_name(_("Calls in progress"));
  add(m_list);
  m_list.show();
  controller.signal_call_changed().connect(sigc::mem_fun(*this, &CallWindow::on_call_changed));
  m_timer = Glib::signal_timeout().connect_seconds(
      [this] {
        for (auto& [id, row] : m_rows) row->tick();
        return true;
      },
      1);
}

CallWindow::~CallWindow() { m_timer.disconnect(); }

void CallWindow::present_calls() {
  if (!m_rows.empty()) present();
}

void CallWindow::on_call_changed(const core::Call& call) {
  auto it = m_rows.find(call.id);
  if (!belongs_here(call)) {
    if (it != m_rows.end()) {
      // Removed from the loop: this can run inside the row's own Hang up handler.
      CallRow* row = it->second;
      m_rows.erase(it);
      row->hide();
      Glib::signal_idle().connect_once([row] { gtk_widget_destroy(GTK_WIDGET(row->gobj())); });
    }
    if (m_rows.empty()) hide();
    return;
  }
  if (it != m_rows.end()) return it->second->update(call);
  auto* row = Gtk::make_managed<CallRow>(m_controller, m_presence, m_recorder, m_settings, call);
  m_list.append(*row);
  m_rows.emplace(call.id, row);
  present();
}

CallRow* CallWindow::focused_row() {
  // The row holding the keyboard focus, else the only or the first call.
  if (auto* focus = get_focus()) {
    for (auto& [id, row] : m_rows)
      if (focus->is_ancestor(*row)) return row;
  }
  return m_rows.empty() ? nullptr : m_rows.begin()->second;
}

bool CallWindow::on_key_press_event(GdkEventKey* event) {
  const bool ctrl = (event->state & GDK_CONTROL_MASK) != 0;
  if (event->keyval == GDK_KEY_Escape) {
    hide();  // the calls go on; the main window brings this back
    return true;
  }
  if (ctrl && (event->keyval == GDK_KEY_e || event->keyval == GDK_KEY_E)) {
    if (auto* row = focused_row()) row->hang_up();
    return true;
  }
  if (ctrl && (event->keyval == GDK_KEY_m || event->keyval == GDK_KEY_M)) {
    if (auto* row = focused_row()) row->toggle_mute();
    return true;
  }
  return Gtk::Window::on_key_press_event(event);
}

}  // namespace telpanel::widgets
