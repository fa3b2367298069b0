// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mini_window.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>

namespace telpanel::widgets {

MiniWindow::MiniWindow() {
  set_resizable(false);
  set_icon_name("org.telpanel.Telpanel");
  m_box.set_border_width(12);
  m_icon.set_pixel_size(24);
  m_state.set_xalign(0);
  m_state.set_line_wrap(true);
  m_state.set_max_width_chars(40);
  m_state.get_accessible()->set_name(_("Panel state"));
  m_state_row.pack_start(m_icon, Gtk::PACK_SHRINK);
  m_state_row.pack_start(m_state, Gtk::PACK_EXPAND_WIDGET);
  auto* why = Gtk::make_managed<Gtk::Label>(
      _("No tray on this desktop: telpanel keeps running in this window."));
  why->set_xalign(0);
  why->set_line_wrap(true);
  why->set_max_width_chars(40);
  why->get_style_context()->add_class("dim-label");
  m_open.set_label(_("_Open panel"));
  m_dial.set_label(_("_Dial…"));
  m_quit.set_label(_("_Quit"));
  for (auto* b : {&m_open, &m_dial, &m_quit}) b->set_use_underline(true);
  m_open.get_style_context()->add_class("suggested-action");
  m_open.signal_clicked().connect([this] { m_signal_open.emit(); });
  m_dial.signal_clicked().connect([this] { m_signal_dial.emit(); });
  m_quit.signal_clicked().connect([this] { m_signal_quit.emit(); });
  m_buttons.pack_start(m_open, Gtk::PACK_SHRINK);
  m_buttons.pack_start(m_dial, Gtk::PACK_SHRINK);
  m_buttons.pack_end(m_quit, Gtk::PACK_SHRINK);
  m_box.pack_start(m_state_row, Gtk::PACK_SHRINK);
  m_box.pack_start(*why, Gtk::PACK_SHRINK);
  m_box.pack_start(m_buttons, Gtk::PACK_SHRINK);
  add(m_box);
  show_all_children();
  set_state(_("Offline"), "user-offline-symbolic", false);
}

void MiniWindow::set_state(const Glib::ustring& text, const Glib::ustring& icon, bool attention) {
  m_icon.set_from_icon_name(icon, Gtk::ICON_SIZE_LARGE_TOOLBAR);
  m_state.set_text(text);
  // The title is what a task bar shows: the state first, so it is readable there too.
  set_title(text + " — " + _("Telephony panel"));
  set_urgency_hint(attention);
}

bool MiniWindow::on_delete_event(GdkEventAny*) {
  m_signal_quit.emit();  // the last window of the panel: closing it means leaving
  return true;
}

}  // namespace telpanel::widgets
