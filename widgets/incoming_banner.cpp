// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/incoming_banner.hpp"

#include <atkmm/object.h>
#include <gdk/gdkkeysyms.h>
#include <glib/gi18n.h>
#include <glibmm/main.h>
#include <glibmm/markup.h>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

constexpr int k_width = 400;
constexpr int k_margin = 16;
constexpr int k_height = 150;

bool is_ringing_incoming(const core::Call& call) {
  return call.direction == core::CallDirection::Incoming && call.state == core::CallState::Ringing;
}

}  // namespace

IncomingBannerWindow::IncomingBannerWindow(core::CallController& controller,
                                           core::PresenceController* presence,
                                           const core::Call& call, int slot)
    : m_controller(controller), m_id(call.id), m_picker(presence, false) {
  set_title(_("Incoming call"));
  set_decorated(false);
  set_keep_above(true);
  set_skip_taskbar_hint(true);
  set_skip_pager_hint(true);
  set_type_hint(Gdk::WINDOW_TYPE_HINT_NOTIFICATION);
  set_resizable(false);
  set_default_size(k_width, -1);
  set_icon_name("call-start");
  get_style_context()->add_class("telpanel-banner");
  // Top right of the screen, one banner below the other.
  if (auto screen = get_screen())
    move(screen->get_width() - k_width - k_margin, k_margin + slot * (k_height + k_margin));

  m_box.set_border_width(16);
  m_kind.set_xalign(0);
  m_kind.get_style_context()->add_class("dim-label");
  m_name.set_xalign(0);
  m_name.set_ellipsize(Pango::ELLIPSIZE_END);
  m_number.set_xalign(0);
  m_number.set_selectable(true);
  m_number.set_can_focus(false);
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");

  m_answer.set_label(_("_Answer"));
  m_answer.set_use_underline(true);
  m_answer.set_image_from_icon_name("call-start-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_answer.set_always_show_image(true);
  m_answer.get_style_context()->add_class("suggested-action");
  m_answer.signal_clicked().connect([this] { act(true); });
  m_reject.set_label(_("_Reject"));
  m_reject.set_use_underline(true);
  m_reject.set_image_from_icon_name("call-stop-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_reject.set_always_show_image(true);
  m_reject.get_style_context()->add_class("destructive-action");
  m_reject.signal_clicked().connect([this] { act(false); });
  // UI-3: deflect (302) the ringing call to a colleague chosen with their availability.
  m_transfer.set_label(_("_Transfer"));
  m_transfer.set_use_underline(true);
  m_transfer.set_image_from_icon_name("mail-forward-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_transfer.set_always_show_image(true);
  m_transfer.get_accessible()->set_name(_("Transfer"));
  m_transfer.set_tooltip_text(_("Send this call to a colleague without answering"));
  m_transfer.signal_toggled().connect([this] {
    if (m_transfer.get_active()) m_picker.reload();
    m_picker_revealer.set_reveal_child(m_transfer.get_active());
    if (!m_transfer.get_active()) resize(k_width, 1);  // back to the small banner
  });
  m_picker_revealer.add(m_picker);
  m_picker.signal_picked().connect([this](const std::string& target, bool) {
    m_transfer.set_active(false);
    auto r = m_controller.transfer(m_id, target);
    if (!r) {
      m_error.set_text(r.error().detail);
      m_error.show();
    }
  });
  m_buttons.set_homogeneous(true);
  m_buttons.pack_start(m_answer);
  m_buttons.pack_start(m_reject);
  m_buttons.pack_start(m_transfer);
  m_buttons.set_margin_top(6);

  m_box.pack_start(m_kind, Gtk::PACK_SHRINK);
  m_box.pack_start(m_name, Gtk::PACK_SHRINK);
  m_box.pack_start(m_number, Gtk::PACK_SHRINK);
  m_box.pack_start(m_error, Gtk::PACK_SHRINK);
  m_box.pack_start(m_buttons, Gtk::PACK_SHRINK);
  m_box.pack_start(m_picker_revealer, Gtk::PACK_SHRINK);
  add(m_box);
  show_all_children();
  m_error.hide();
  m_error.set_no_show_all(true);
  m_answer.set_can_default(true);
  set_default(m_answer);  // Enter answers
  update(call);
}

void IncomingBannerWindow::update(const core::Call& call) {
  m_kind.set_text(call.waiting ? _("Second incoming call") : _("Incoming call"));
  const Glib::ustring title = party_title(call.remote_display, call.remote_party);
  const Glib::ustring number = party_number(call.remote_party);
  m_name.set_markup("<big><b>" + Glib::Markup::escape_text(title) + "</b></big>");
  m_name.get_accessible()->set_name(title);
  m_number.set_text(number);
  m_number.set_visible(number != title);
}

bool IncomingBannerWindow::on_key_press_event(GdkEventKey* event) {
  if (event->keyval == GDK_KEY_Escape) {
    act(false);  // Escape declines, as in a dialog's Cancel
    return true;
  }
  return Gtk::Window::on_key_press_event(event);
}

void IncomingBannerWindow::act(bool answer) {
  auto r = answer ? m_controller.answer(m_id) : m_controller.reject(m_id);
  if (!r) {
    m_error.set_text(r.error().detail);
    m_error.show();
  }
}

IncomingBanners::IncomingBanners(core::CallController& controller,
                                 core::PresenceController* presence)
    : m_controller(controller), m_presence(presence) {
  controller.signal_call_changed().connect(sigc::mem_fun(*this, &IncomingBanners::on_call_changed));
}

void IncomingBanners::on_call_changed(const core::Call& call) {
  auto it = m_banners.find(call.id);
  if (!is_ringing_incoming(call)) {
    if (it == m_banners.end()) return;
    // Answered, rejected or gone. Hidden now; deleted from the loop, because this can run
    // inside the banner's own button handler.
    it->second->hide();
    auto* banner = it->second.release();
    m_banners.erase(it);
    Glib::signal_idle().connect_once([banner] { delete banner; });
    return;
  }
  if (it != m_banners.end()) return it->second->update(call);
  auto banner = std::make_unique<IncomingBannerWindow>(m_controller, m_presence, call,
                                                       static_cast<int>(m_banners.size()));
  banner->show();
  banner->present();
  const auto after =
      std::chrono::duration_cast<std::chrono::microseconds>(core::Clock::now() - call.started_at);
  g_message("banner for call %s shown %.1f ms after the INVITE", call.id.c_str(),
            static_cast<double>(after.count()) / 1000.0);
  m_banners.emplace(call.id, std::move(banner));
}

}  // namespace telpanel::widgets
