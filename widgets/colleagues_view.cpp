// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/colleagues_view.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

std::optional<core::CallId> transferable_call(const core::CallController& controller) {
  std::optional<core::CallId> held;
  for (const auto& c : controller.calls()) {
    if (c.transfer && (c.transfer->state == core::TransferState::Consulting ||
                       c.transfer->state == core::TransferState::Trying))
      continue;
    if (c.state == core::CallState::Active) return c.id;
    if (c.state == core::CallState::Held && !held) held = c.id;
  }
  return held;
}

ColleaguesView::ColleaguesView(core::CallController& controller, core::PresenceController& presence)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6), m_controller(controller), m_presence(presence) {
  set_border_width(12);
  m_search.set_placeholder_text(_("Find a colleague"));
  m_search.get_accessible()->set_name(_("Find a colleague"));
  m_hint.set_xalign(0);
  m_hint.set_line_wrap(true);
  m_hint.get_style_context()->add_class("dim-label");
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");
  m_list.set_selection_mode(Gtk::SELECTION_NONE);
  m_list.get_accessible()->set_name(_("Colleagues"));
  m_empty.set_text(
      _("No colleagues configured. Add [colleague:EXTENSION] groups to the "
        "configuration file or a colleague list."));
  m_empty.set_line_wrap(true);
  m_empty.set_margin_top(24);
  m_empty.get_style_context()->add_class("dim-label");
  m_list.set_placeholder(m_empty);
  m_empty.show();
  m_list.set_filter_func([this](Gtk::ListBoxRow* row) {
    const auto needle = m_search.get_text().casefold();
    auto* r = dynamic_cast<ColleagueRow*>(row);
    return needle.empty() || (r && r->haystack().find(needle) != Glib::ustring::npos);
  });
  m_search.signal_search_changed().connect([this] { m_list.invalidate_filter(); });
  m_scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  m_scroll.add(m_list);
  pack_start(m_search, Gtk::PACK_SHRINK);
  m_hint.set_no_show_all(true);
  pack_start(m_hint, Gtk::PACK_SHRINK);
  pack_start(m_error, Gtk::PACK_SHRINK);
  pack_start(m_scroll, Gtk::PACK_EXPAND_WIDGET);
  for (const auto& view : presence.colleagues()) on_colleague_changed(view);
  show_all_children();
  m_error.hide();
  m_error.set_no_show_all(true);

  presence.signal_colleague_changed().connect(
      sigc::mem_fun(*this, &ColleaguesView::on_colleague_changed));
  presence.signal_colleague_removed().connect([this](const std::string& extension) {
    auto it = m_rows.find(extension);
    if (it == m_rows.end()) return;
    m_list.remove(*it->second);  // managed: removing it from the list frees it
    m_rows.erase(it);
  });
  controller.signal_call_changed().connect([this](const core::Call&) { refresh_transfer(); });
  refresh_transfer();
}

void ColleaguesView::focus_search() { m_search.grab_focus(); }

void ColleaguesView::on_colleague_changed(const core::PresenceView& view) {
  if (auto it = m_rows.find(view.extension); it != m_rows.end()) {
    it->second->update(view);
    m_list.invalidate_filter();
    return;
  }
  auto* row = Gtk::make_managed<ColleagueRow>(view);
  const std::string ext = view.extension;
  row->signal_call().connect([this, ext] {
    auto r = m_controller.dial(ext);
    report(r ? std::string() : r.error().detail);
  });
  row->signal_transfer().connect([this, ext](bool consult) { transfer(ext, consult); });
  row->set_can_transfer(transferable_call(m_controller).has_value());
  m_list.append(*row);
  m_rows.emplace(ext, row);
}

void ColleaguesView::refresh_transfer() {
  const auto call = transferable_call(m_controller);
  for (auto& [ext, row] : m_rows) row->set_can_transfer(call.has_value());
  if (!call) {
    m_hint.set_text("");
    m_hint.hide();
    return;
  }
  const auto* c = m_controller.find(*call);
  const Glib::ustring who = c ? party_title(c->remote_display, c->remote_party) : "";
  m_hint.set_text(Glib::ustring::compose(_("Transfer and Consult act on the call with %1."), who));
  m_hint.show();
}

void ColleaguesView::transfer(const std::string& extension, bool consult) {
  const auto call = transferable_call(m_controller);
  if (!call) return report(_("There is no call to transfer."));
  if (consult) {
    auto r = m_controller.consult(*call, extension);
    return report(r ? std::string() : r.error().detail);
  }
  auto r = m_controller.transfer(*call, extension);
  report(r ? std::string() : r.error().detail);
}

void ColleaguesView::report(const std::string& error) {
  m_error.set_text(error);
  m_error.set_visible(!error.empty());
}

}  // namespace telpanel::widgets
