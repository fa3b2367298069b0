// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dial_pad.hpp"

#include <atkmm/object.h>
#include <gtkmm/button.h>
#include <gtkmm/label.h>

namespace telpanel::widgets {

DialPad::DialPad() {
  static const struct {
    char key;
    const char* letters;
  } keys[] = {{'1', ""},     {'2', "ABC"}, {'3', "DEF"},  {'4', "GHI"}, {'5', "JKL"}, {'6', "MNO"},
              {'7', "PQRS"}, {'8', "TUV"}, {'9', "WXYZ"}, {'*', ""},    {'0', "+"},   {'#', ""}};
  set_row_spacing(6);
  set_column_spacing(6);
  set_row_homogeneous(true);
  set_column_homogeneous(true);
  set_halign(Gtk::ALIGN_CENTER);
  int i = 0;
  for (const auto& k : keys) {
    auto* button = Gtk::make_managed<Gtk::Button>();
    auto* label = Gtk::make_managed<Gtk::Label>();
    label->set_markup(Glib::ustring(1, k.key) + "\n<small>" + k.letters + "</small>");
    label->set_justify(Gtk::JUSTIFY_CENTER);
    button->add(*label);
    button->set_size_request(56, 44);
    button->set_can_focus(false);  // the keyboard types into the entry instead
    button->get_accessible()->set_name(Glib::ustring(1, k.key));
    const char key = k.key;
    button->signal_clicked().connect([this, key] { m_signal_key.emit(key); });
    attach(*button, i % 3, i / 3);
    ++i;
  }
}

}  // namespace telpanel::widgets
