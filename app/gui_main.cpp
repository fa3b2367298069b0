// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_main.hpp"

#include <glib/gi18n.h>
#include <gtkmm/application.h>
#include <gtkmm/messagedialog.h>

#include <cstdio>
#include <memory>

#include "app/panel.hpp"
#include "widgets/main_window.hpp"

namespace telpanel::app {

int run_gui(const AppConfig& config, int argc, char** argv) {
  auto application =
      Gtk::Application::create(argc, argv, "org.telpanel.Telpanel", Gio::APPLICATION_HANDLES_OPEN);
  std::unique_ptr<Panel> panel;
  std::unique_ptr<widgets::MainWindow> window;
  int status = 0;
  bool stopping = false;

  application->signal_activate().connect([&] {
    if (window) return window->present();
    auto created = Panel::create(config, [&](const std::string& reason) {
      std::fprintf(stderr, "telpanel: %s\n", reason.c_str());
    });
    if (!created) {
      std::fprintf(stderr, "telpanel: %s\n", created.error().detail.c_str());
      Gtk::MessageDialog dialog(_("telpanel cannot start"), false, Gtk::MESSAGE_ERROR);
      dialog.set_secondary_text(created.error().detail);
      dialog.run();
      status = 2;
      return;
    }
    panel = std::move(*created);
    window = std::make_unique<widgets::MainWindow>(panel->controller(), config.path);
    application->add_window(*window);
    // Closing the window quits only once SIP has said goodbye, so calls end with a BYE.
    window->signal_delete_event().connect([&](GdkEventAny*) {
      if (!stopping) panel->stop([&] { window->hide(); });
      stopping = true;
      return true;
    });
    window->show();
    panel->start();
  });
  application->signal_open().connect(
      [&](const Gio::Application::type_vec_files& files, const Glib::ustring&) {
        application->activate();
        if (!panel) return;
        for (const auto& f : files) {
          auto r = panel->controller().dial(f->get_uri());
          if (!r) std::fprintf(stderr, "telpanel: %s\n", r.error().detail.c_str());
        }
      });
  const int rc = application->run();
  return status ? status : rc;
}

}  // namespace telpanel::app
