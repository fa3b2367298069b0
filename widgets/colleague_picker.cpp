// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/colleague_picker.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/markup.h>
#include <gtkmm/button.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>

#include "widgets/presence_text.hpp"

namespace telpanel::widgets {

ColleaguePicker::ColleaguePicker(core::PresenceController* presence, bool consult)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6), m_presence(presence), m_consult(consult) {
  set_margin_top(6);
  auto* title = Gtk::make_managed<Gtk::Label>(_("Transfer to"));
  title->set_xalign(0);
  title->get_style_context()->add_class("dim-label");
  m_scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  m_scroll.set_propagate_natural_height(true);
  m_scroll.set_max_content_height(320);
  m_scroll.add(m_rows);
  m_number.set_placeholder_text(_("Other number"));
  m_number.get_accessible()->set_name(_("Transfer to number"));
  m_number.set_width_chars(16);
  m_number.signal_activate().connect([this] {
    if (!m_number.get_text().empty()) pick(m_number.get_text(), false);
  });
  auto* go = Gtk::make_managed<Gtk::Button>(_("_Transfer"), true);
  go->get_accessible()->set_name(_("Transfer to this number"));
  go->signal_clicked().connect([this] {
    if (!m_number.get_text().empty()) pick(m_number.get_text(), false);
  });
  m_other.pack_start(m_number, Gtk::PACK_EXPAND_WIDGET);
  m_other.pack_start(*go, Gtk::PACK_SHRINK);
  pack_start(*title, Gtk::PACK_SHRINK);
  pack_start(m_scroll, Gtk::PACK_EXPAND_WIDGET);
  pack_start(m_other, Gtk::PACK_SHRINK);
  show_all_children();
}

void ColleaguePicker::reload() {
  for (auto* child : m_rows.get_children()) delete child;  // managed: deleting removes it
  m_number.set_text("");
  const auto colleagues = m_presence ? m_presence->colleagues() : std::vector<core::PresenceView>{};
  if (colleagues.empty()) {
    auto* none = Gtk::make_managed<Gtk::Label>(_("No colleagues configured"));
    none->get_style_context()->add_class("dim-label");
    m_rows.pack_start(*none, Gtk::PACK_SHRINK);
  }
  for (const auto& c : colleagues) {
    const Glib::ustring name = c.name.empty() ? c.extension : c.name;
    auto* row = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 8);
    auto* icon = Gtk::make_managed<Gtk::Image>();
    icon->set_from_icon_name(presence_icon(c.reachable ? c.presence : core::Presence::Offline),
                             Gtk::ICON_SIZE_BUTTON);
    auto* text = Gtk::make_managed<Gtk::Label>();
    text->set_xalign(0);
    text->set_ellipsize(Pango::ELLIPSIZE_END);
    text->set_max_width_chars(30);
    text->set_markup("<b>" + Glib::Markup::escape_text(name) + "</b> " +
                     Glib::Markup::escape_text(c.extension) + "\n<small>" +
                     Glib::Markup::escape_text(presence_summary(c)) + "</small>");
    text->get_accessible()->set_name(name + ", " + presence_summary(c));
    if (!c.reachable) text->get_style_context()->add_class("dim-label");
    row->pack_start(*icon, Gtk::PACK_SHRINK);
    row->pack_start(*text, Gtk::PACK_EXPAND_WIDGET);
    const std::string ext = c.extension;
    if (m_consult) {
      auto* consult = Gtk::make_managed<Gtk::Button>(_("Consult"));
      consult->get_accessible()->set_name(Glib::ustring::compose(_("Consult %1"), name));
      consult->signal_clicked().connect([this, ext] { pick(ext, true); });
      row->pack_end(*consult, Gtk::PACK_SHRINK);
    }
    auto* transfer = Gtk::make_managed<Gtk::Button>(_("Transfer"));
    transfer->get_accessible()->set_name(Glib::ustring::compose(_("Transfer to %1"), name));
    transfer->signal_clicked().connect([this, ext] { pick(ext, false); });
    row->pack_end(*transfer, Gtk::PACK_SHRINK);
    m_rows.pack_start(*row, Gtk::PACK_SHRINK);
  }
  m_rows.show_all();
}

void ColleaguePicker::pick(const std::string& target, bool consult) {
  m_signal_picked.emit(target, consult);
}

}  // namespace telpanel::widgets
