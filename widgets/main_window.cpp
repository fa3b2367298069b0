// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/main_window.hpp"

#include <atkmm/object.h>
#include <giomm/menu.h>
#include <giomm/simpleactiongroup.h>
#include <glib/gi18n.h>

#include "widgets/registration_text.hpp"

namespace telpanel::widgets {

MainWindow::MainWindow(core::CallController& controller, core::CallHistory* history,
                       const std::string& config_path)
    : m_controller(controller), m_config_path(config_path), m_calls(controller, history) {
  set_title(_("Telephony panel"));
  set_icon_name("org.telpanel.Telpanel");
  set_default_size(460, 620);

  m_header.set_show_close_button(true);
  m_header.set_title(_("Telephony panel"));
  m_switcher.set_stack(m_stack);

  // The account state sits where the profile and status menu will go (PRES-7).
  // Not ellipsized: a crowded header bar would squeeze it to "…" (the state is one word).
  m_account_box.pack_start(m_account_icon, Gtk::PACK_SHRINK);
  m_account_box.pack_start(m_account_state, Gtk::PACK_SHRINK);
  m_header.pack_start(m_account_box);

  auto menu = Gio::Menu::create();
  menu->append(_("_Settings"), "app.settings");
  menu->append(_("_About telpanel"), "app.about");
  menu->append(_("_Quit"), "app.quit");
  m_menu_button.set_menu_model(menu);
  m_menu_button.set_image_from_icon_name("open-menu-symbolic", Gtk::ICON_SIZE_BUTTON);
  m_menu_button.set_tooltip_text(_("Main menu"));
  m_menu_button.get_accessible()->set_name(_("Main menu"));
  m_header.pack_end(m_menu_button);
  set_titlebar(m_header);

  m_notice.set_line_wrap(true);
  m_notice.set_xalign(0);
  m_notice.set_margin_start(12);
  m_notice.set_margin_end(12);
  m_notice.set_margin_top(8);
  m_notice.get_style_context()->add_class("dim-label");
  m_account_error.set_line_wrap(true);
  m_account_error.set_xalign(0);
  m_account_error.set_margin_start(12);
  m_account_error.set_margin_end(12);
  m_account_error.set_margin_top(8);
  m_account_error.get_style_context()->add_class("error");
  m_box.pack_start(m_notice, Gtk::PACK_SHRINK);
  m_box.pack_start(m_account_error, Gtk::PACK_SHRINK);
  m_box.pack_start(m_stack, Gtk::PACK_EXPAND_WIDGET);
  m_stack.set_transition_type(Gtk::STACK_TRANSITION_TYPE_CROSSFADE);
  add_page(m_calls, "calls", _("Calls"));
  add(m_box);
  show_all_children();
  m_notice.hide();
  m_notice.set_no_show_all(true);
  m_account_error.hide();
  m_account_error.set_no_show_all(true);

  add_action("dial", [this] { show_dial(); });
  controller.signal_registration_changed().connect(
      [this](const std::string&, const core::RegistrationStatus&) { refresh_registration(); });
  refresh_registration();
}

void MainWindow::add_page(Gtk::Widget& page, const std::string& name, const Glib::ustring& title) {
  m_stack.add(page, name, title);
  m_page_titles[name] = title;
  page.show();
  // A switcher with one page is noise: the title stands until a second page arrives.
  if (m_stack.get_children().size() > 1 && m_header.get_custom_title() == nullptr) {
    m_header.set_custom_title(m_switcher);
    m_switcher.show();
  }
}

void MainWindow::set_page_badge(const std::string& name, int count,
                                const Glib::ustring& description) {
  auto* page = m_stack.get_child_by_name(name);
  auto title = m_page_titles.find(name);
  if (page == nullptr || title == m_page_titles.end()) return;
  m_stack.child_property_title(*page) =
      count > 0 ? Glib::ustring::compose("%1 %2", title->second, count) : title->second;
  m_stack.child_property_needs_attention(*page) = count > 0;
  // The switcher makes one button per page, in the stack's order.
  const auto pages = m_stack.get_children();
  const auto buttons = m_switcher.get_children();
  for (std::size_t i = 0; i < pages.size() && i < buttons.size(); ++i) {
    if (pages[i] != page) continue;
    buttons[i]->set_tooltip_text(count > 0 ? description : Glib::ustring());
    buttons[i]->get_accessible()->set_description(count > 0 ? description : Glib::ustring());
  }
}

void MainWindow::set_status_menu(Gtk::MenuButton& button) {
  m_status_button = &button;
  m_header.pack_start(button);
  button.show();
  add_action("status", [this] {
    if (m_status_button) m_status_button->set_active(true);
  });
}

void MainWindow::show_page(const std::string& name) {
  m_stack.set_visible_child(name);
  present();
}

void MainWindow::show_dial() {
  m_stack.set_visible_child("calls");
  present();
  m_calls.focus_entry();
}

void MainWindow::set_notice(const Glib::ustring& text) {
  m_notice.set_text(text);
  m_notice.set_visible(!text.empty());
}

void MainWindow::refresh_registration() {
  const auto& accounts = m_controller.accounts();
  if (accounts.empty()) {
    m_account_icon.set_from_icon_name("network-offline-symbolic", Gtk::ICON_SIZE_BUTTON);
    m_account_state.set_text(_("No account"));
    m_account_box.set_tooltip_text(
        Glib::ustring::compose(_("No SIP account configured. Add one to %1"), m_config_path));
    return;
  }
  const auto& sip = *accounts.front().sip;
  const auto& st = sip.registration();
  Glib::ustring state;
  const char* icon = "network-offline-symbolic";
  switch (st.state) {
    case core::RegistrationState::Registered:
      state = _("Online");
      icon = "user-available-symbolic";
      break;
    case core::RegistrationState::Registering:
      state = _("Connecting…");
      icon = "network-wireless-acquiring-symbolic";
      break;
    case core::RegistrationState::Failed:
      state = _("Not connected");
      icon = "network-error-symbolic";
      break;
    case core::RegistrationState::Unregistered:
      state = _("Offline");
      break;
  }
  m_account_icon.set_from_icon_name(icon, Gtk::ICON_SIZE_BUTTON);
  m_account_state.set_text(state);
  Glib::ustring tip = sip.aor() + " — " + state;
  if (st.state == core::RegistrationState::Failed) tip += ": " + registration_problem_text(st);
  m_account_box.set_tooltip_text(tip);
  m_account_state.get_accessible()->set_description(tip);
  // The header shows the default account (outgoing calls use it); a line for every account
  // that failed, so a second account's wrong password or missing keyring entry is seen too.
  Glib::ustring errors;
  for (const auto& account : accounts) {
    const auto& reg = account.sip->registration();
    if (reg.state != core::RegistrationState::Failed) continue;
    if (!errors.empty()) errors += "\n";
    errors += Glib::ustring::compose(_("Not connected to %1: %2"), account.sip->aor(),
                                     registration_problem_text(reg));
  }
  m_account_error.set_text(errors);
  m_account_error.set_visible(!errors.empty());
}

}  // namespace telpanel::widgets
