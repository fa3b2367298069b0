// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/calls_view.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>

namespace telpanel::widgets {

CallsView::CallsView(core::CallController& controller, core::CallHistory* history)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 12), m_controller(controller), m_history(history) {
  set_border_width(12);

  m_number.set_placeholder_text(_("Number or SIP address"));
  // A placeholder is not an accessible name: without this, screen readers (and the GUI tests)
  // see an unnamed text field.
  m_number.get_accessible()->set_name(_("Number or SIP address"));
  m_number.set_input_purpose(Gtk::INPUT_PURPOSE_PHONE);
  m_number.set_hexpand(true);
  // A number copied from a web page or a spreadsheet often ends in a line break.
  gtk_entry_set_has_frame(m_number.gobj(), TRUE);
  g_object_set(m_number.gobj(), "truncate-multiline", TRUE, nullptr);
  m_number.signal_activate().connect([this] { dial(m_number.get_text()); });
  m_number.signal_changed().connect([this] { m_error.hide(); });

  m_pad_toggle.set_image_from_icon_name("input-dialpad-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_pad_toggle.set_tooltip_text(_("Dial pad"));
  m_pad_toggle.get_accessible()->set_name(_("Dial pad"));
  m_pad_toggle.signal_toggled().connect(
      [this] { m_pad_revealer.set_reveal_child(m_pad_toggle.get_active()); });

  m_dial.set_label(_("_Call"));
  m_dial.set_use_underline(true);
  m_dial.get_style_context()->add_class("suggested-action");
  m_dial.signal_clicked().connect([this] { dial(m_number.get_text()); });
  m_dial_row.pack_start(m_number, Gtk::PACK_EXPAND_WIDGET);
  m_dial_row.pack_start(m_pad_toggle, Gtk::PACK_SHRINK);
  m_dial_row.pack_start(m_dial, Gtk::PACK_SHRINK);

  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");

  m_pad.signal_key().connect(sigc::mem_fun(*this, &CallsView::on_key));
  m_pad_revealer.add(m_pad);

  m_in_call_text.set_xalign(0);
  m_in_call_text.set_line_wrap(true);
  static_cast<Gtk::Container*>(m_in_call.get_content_area())->add(m_in_call_text);
  m_in_call.set_message_type(Gtk::MESSAGE_INFO);
  m_in_call.add_button(_("_Show calls"), 1);
  m_in_call.signal_response().connect([this](int) { m_signal_show_calls.emit(); });

  m_recent_title.set_markup(Glib::ustring("<b>") + _("Recent calls") + "</b>");
  m_recent_title.set_xalign(0);
  m_history.signal_call_back().connect([this](const std::string& uri) { dial(uri); });

  pack_start(m_dial_row, Gtk::PACK_SHRINK);
  pack_start(m_error, Gtk::PACK_SHRINK);
  pack_start(m_pad_revealer, Gtk::PACK_SHRINK);
  pack_start(m_in_call, Gtk::PACK_SHRINK);
  pack_start(m_recent_title, Gtk::PACK_SHRINK);
  pack_start(m_history, Gtk::PACK_EXPAND_WIDGET);
  show_all_children();
  m_error.hide();
  m_in_call.hide();
  m_in_call.set_no_show_all(true);
  m_error.set_no_show_all(true);

  controller.signal_call_changed().connect(sigc::mem_fun(*this, &CallsView::on_call_changed));
}

void CallsView::focus_entry() { m_number.grab_focus(); }

void CallsView::on_key(char key) {
  int position = m_number.get_position();
  m_number.insert_text(Glib::ustring(1, key), 1, position);
  m_number.set_position(position);
  // Keep typing on the keyboard working after a click on the pad.
  m_number.grab_focus_without_selecting();
}

void CallsView::dial(const std::string& raw) {
  // Formatting (spaces, brackets, dashes, "tel:") is stripped by core::dial_target_to_uri.
  auto text = Glib::ustring(raw);
  while (!text.empty() && g_unichar_isspace(text[0])) text.erase(0, 1);
  while (!text.empty() && g_unichar_isspace(text[text.size() - 1])) text.erase(text.size() - 1);
  if (text.empty()) {
    m_error.set_text(_("Type or paste a number to call."));
    m_error.show();
    return;
  }
  auto r = m_controller.dial(text);
  if (!r) {
    m_error.set_text(r.error().detail);
    m_error.show();
    return;
  }
  m_error.hide();
  m_number.set_text("");
}

void CallsView::on_call_changed(const core::Call& call) {
  if (call.state == core::CallState::Ended) m_history.reload();
  // What the call window shows: a call still ringing here has its banner instead.
  unsigned long n = 0;
  for (const auto& c : m_controller.calls())
    if (!(c.direction == core::CallDirection::Incoming && c.state == core::CallState::Ringing)) ++n;
  if (n == 0) {
    m_in_call.hide();
    return;
  }
  m_in_call_text.set_text(
      Glib::ustring::sprintf(ngettext("%lu call in progress", "%lu calls in progress", n), n));
  m_in_call.show();
  m_in_call_text.show();
}

}  // namespace telpanel::widgets
