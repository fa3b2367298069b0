// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_main.hpp"

#include <giomm/notification.h>
#include <giomm/themedicon.h>
#include <glib/gi18n.h>
#include <gtkmm/aboutdialog.h>
#include <gtkmm/application.h>
#include <gtkmm/icontheme.h>
#include <gtkmm/messagedialog.h>

#include <cstdio>
#include <memory>

#include "app/chat_probe.hpp"
#include "app/gui_pages.hpp"
#include "app/panel.hpp"
#include "app/region_names.hpp"
#include "app/settings_apply.hpp"
#include "core/journal_table.hpp"
#include "mainloop/glib_scheduler.hpp"
#include "media/audio_device_list.hpp"
#include "media/gst_recording_player.hpp"
#include "media/gst_ringer.hpp"
#include "sheets/xlsx_table.hpp"
#include "widgets/call_window.hpp"
#include "widgets/colleagues_view.hpp"
#include "widgets/incoming_banner.hpp"
#include "widgets/journal_text.hpp"
#include "widgets/journal_view.hpp"
#include "widgets/main_window.hpp"
#include "widgets/mini_window.hpp"
#include "widgets/party_text.hpp"
#include "widgets/settings_dialog.hpp"
#include "widgets/status_menu.hpp"
#include "widgets/tray_icon.hpp"

namespace telpanel::app {

namespace {

// Everything the windowed panel holds, destroyed in reverse order (views before the core).
struct Gui {
  std::unique_ptr<Panel> panel;
  std::unique_ptr<media::GstRecordingPlayer> player;  // the journal's (REC-2)
  std::unique_ptr<widgets::MainWindow> window;
  std::unique_ptr<widgets::StatusMenuButton> status_menu;
  std::unique_ptr<widgets::ColleaguesView> colleagues;
  std::unique_ptr<widgets::JournalView> journal;
  std::unique_ptr<ClientChatPages> pages;  // Clients and Chats (before the window goes)
  std::unique_ptr<widgets::CallWindow> call_window;
  std::unique_ptr<widgets::IncomingBanners> banners;
  std::unique_ptr<widgets::TrayIcon> tray;
  std::unique_ptr<widgets::MiniWindow> mini;  // the tray's stand-in where no tray host runs
  std::unique_ptr<widgets::SettingsDialog> settings;
  std::unique_ptr<ChatProbe> chat_probe;  // the settings dialog's Test connection
  mainloop::GlibScheduler scheduler;
  std::unique_ptr<media::GstRinger> test_sound;  // the settings dialog's device test
  core::TimerHandle test_sound_stop;
  bool has_tray = false;
  bool stopping = false;
};

void show_about(Gtk::Window* parent) {
  Gtk::AboutDialog about;
  about.set_transient_for(*parent);
  about.set_program_name("telpanel");
  about.set_version(TELPANEL_VERSION);
  about.set_logo_icon_name("org.telpanel.Telpanel");
  about.set_comments(_("Telephony panel: softphone, call journal and chats"));
  about.set_license_type(Gtk::LICENSE_GPL_3_0);
  about.run();
}

widgets::AudioDeviceList device_list(bool inputs) {
  widgets::AudioDeviceList out;
  for (auto& d : media::list_audio_devices(inputs)) out.emplace_back(d.name, d.description);
  return out;
}

void show_settings(Gui& gui, const AppConfig& running) {
  if (!gui.window) return;
  // What the file says now (it may have been saved since the start), else what runs.
  auto on_disk = load_config(running.settings_path);
  auto saved = std::make_shared<AppConfig>(on_disk ? *on_disk : running);
  auto& personal = gui.panel->personal_settings();
  // What the dialog shows: the base of each Save's "what changed".
  auto before = std::make_shared<widgets::SettingsForm>(settings_form(*saved, personal.get()));
  gui.chat_probe.reset();  // a test of the previous dialog answers nobody now
  gui.settings = std::make_unique<widgets::SettingsDialog>(*gui.window, *before, device_list(true),
                                                           device_list(false), region_list());
  const std::string path = running.settings_path;
  auto* presence = &gui.panel->presence();
  gui.settings->set_saver(
      [path, before, saved, &personal, presence](const widgets::SettingsForm& f,
                                                 std::function<void(widgets::SaveResult)> done) {
        save_settings(path, *before, f, personal, presence, [path, before, saved, f, done](auto r) {
          if (r.ok) {
            *before = f;
            before->forget_password_changes();
            before->chat_token_changed = false;
            before->chat_token_stored = before->chat_token_stored || !f.chat_token.empty();
            if (auto reread = load_config(path)) *saved = *reread;
          }
          done(r);
        });
      });
  gui.settings->set_tester([&gui](const std::string& device) {
    using namespace std::chrono_literals;
    gui.test_sound = std::make_unique<media::GstRinger>(device, gui.scheduler);
    gui.test_sound->start(core::RingKind::Incoming);
    gui.test_sound_stop = gui.scheduler.after(3s, [&gui] { gui.test_sound.reset(); });
  });
  gui.settings->set_chat_tester(
      [&gui, saved](const widgets::SettingsForm& f,
                    std::function<void(bool, const Glib::ustring&)> done) {
        if (!gui.chat_probe) gui.chat_probe = std::make_unique<ChatProbe>(gui.scheduler);
        gui.chat_probe->run(f, *saved, std::move(done));
      });
  gui.settings->present();
}

void notify_missed(Gtk::Application& application, const core::Call& call) {
  auto n = Gio::Notification::create(_("Missed call"));
  const Glib::ustring who = widgets::party_title(call.remote_display, call.remote_party);
  const Glib::ustring number = widgets::party_number(call.remote_party);
  n->set_body(who == number ? who : who + " (" + number + ")");
  n->set_icon(Gio::ThemedIcon::create("call-missed-symbolic"));
  n->set_default_action("app.show-window");
  application.send_notification("missed-call", n);
}

// Our icons next to the executable (build tree: build/share/icons; installed:
// PREFIX/share/icons, already on the theme path), found before the installed ones.
void add_own_icons() {
  gchar* exe = g_file_read_link("/proc/self/exe", nullptr);
  if (exe == nullptr) return;
  gchar* dir = g_path_get_dirname(exe);
  gchar* icons = g_build_filename(dir, "..", "share", "icons", nullptr);
  if (g_file_test(icons, G_FILE_TEST_IS_DIR))
    Gtk::IconTheme::get_default()->prepend_search_path(icons);
  g_free(icons);
  g_free(dir);
  g_free(exe);
}

// The journal page's "Export": the same table as Journal1.Export, written synchronously (the
// person waits for the file they asked for), in the person's language like the page.
core::Result<int> export_journal_view(core::CallJournal& journal, const core::JournalQuery& q,
                                      const std::string& format, const std::string& path) {
  auto entries = journal.query(q);
  if (!entries) return entries.error();
  auto columns = journal.columns(g_get_user_name());
  if (!columns) return columns.error();
  core::TableWords words;
  words.title = [](core::JournalColumn c) -> std::string { return widgets::column_title(c); };
  words.status = [](const core::JournalEntry& e) -> std::string {
    return widgets::status_badge(e).text;
  };
  const auto table = core::journal_table(*entries, *columns, words);
  if (format == "xlsx") {
    if (auto r = sheets::write_xlsx(table, path, _("Journal")); !r) return r.error();
  } else {
    const std::string csv = core::table_to_csv(table);
    GError* error = nullptr;
    if (!g_file_set_contents(path.c_str(), csv.data(), static_cast<gssize>(csv.size()), &error)) {
      auto e = core::make_error(core::ErrorCode::Io, error->message);
      g_error_free(error);
      return e;
    }
  }
  return static_cast<int>(table.rows.size());
}

void add_journal_page(Gui& gui, const AppConfig& config) {
  core::CallJournal* journal = gui.panel->journal();
  if (!journal) return;
  gui.player = std::make_unique<media::GstRecordingPlayer>(config.player_sink);
  gui.journal = std::make_unique<widgets::JournalView>(*journal, gui.panel->directory(),
                                                       gui.player.get(), g_get_user_name());
  gui.journal->set_exporter(
      [journal](const core::JournalQuery& q, const std::string& format, const std::string& path) {
        return export_journal_view(*journal, q, format, path);
      });
  gui.window->add_page(*gui.journal, "journal", _("Journal"));
  gui.journal->show();
  // A call that ends changes the journal (new row, statuses of the number's day).
  gui.panel->controller().signal_call_changed().connect([&gui](const core::Call& call) {
    if (call.state == core::CallState::Ended && gui.journal) gui.journal->reload();
  });
}

}  // namespace

int run_gui(const AppConfig& config, int argc, char** argv) {
  // Nothing here draws with OpenGL; without this GDK probes GLX at start-up, which loads the
  // GL driver (with Mesa's software one: LLVM) — measured +50 MiB resident and +40 ms start
  // (bench/README.md). GDK_GL set by the person still wins.
  g_setenv("GDK_GL", "disable", FALSE);
  auto application =
      Gtk::Application::create(argc, argv, "org.telpanel.Telpanel", Gio::APPLICATION_HANDLES_OPEN);
  Gui gui;
  int status = 0;

  auto show_window = [&] {
    if (!gui.window) return;
    if (gui.mini) gui.mini->hide();
    gui.window->present();
    gui.panel->missed_calls().acknowledge();
    application->withdraw_notification("missed-call");
  };
  // Ends every call with a BYE and un-registers before the process goes.
  auto quit = [&] {
    if (!gui.panel) return application->quit();
    if (gui.stopping) return;
    gui.stopping = true;
    gui.panel->stop([&] { application->quit(); });
  };

  application->signal_startup().connect([&] {
    add_own_icons();
    Gtk::Window::set_default_icon_name("org.telpanel.Telpanel");
    application->add_action("quit", quit);
    application->add_action("show-window", show_window);
    application->add_action("about", [&] { show_about(gui.window.get()); });
    application->add_action("settings", [&] { show_settings(gui, config); });
    application->set_accel_for_action("app.settings", "<Primary>comma");
    // UI-8: answer and hang up from any of the panel's windows.
    application->add_action("answer", [&] {
      if (!gui.panel) return;
      auto& c = gui.panel->controller();
      if (auto id = c.pick_call(true); id) (void)c.answer(*id);
    });
    application->add_action("hang-up", [&] {
      if (!gui.panel) return;
      auto& c = gui.panel->controller();
      if (auto id = c.pick_call(false); id) (void)c.hang_up(*id);
    });
    application->set_accel_for_action("app.answer", "<Primary>Return");
    application->set_accel_for_action("app.hang-up", "<Primary><Shift>h");
    application->set_accel_for_action("app.quit", "<Primary>q");
    application->set_accel_for_action("win.dial", "<Primary>l");
    application->set_accel_for_action("win.status", "<Primary><Shift>s");
  });

  application->signal_activate().connect([&] {
    if (gui.window) return show_window();
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
    gui.panel = std::move(*created);
    auto& controller = gui.panel->controller();
    // The banner first: it is what a ringing call must show within ~50 ms.
    auto& presence = gui.panel->presence();
    gui.banners = std::make_unique<widgets::IncomingBanners>(controller, &presence);
    gui.window =
        std::make_unique<widgets::MainWindow>(controller, gui.panel->history(), config.path);
    gui.status_menu = std::make_unique<widgets::StatusMenuButton>(presence);
    gui.window->set_status_menu(*gui.status_menu);
    gui.colleagues = std::make_unique<widgets::ColleaguesView>(controller, presence);
    gui.window->add_page(*gui.colleagues, "colleagues", _("Colleagues"));
    gui.call_window = std::make_unique<widgets::CallWindow>(
        controller, &presence, &gui.panel->recorder(), &gui.panel->personal_settings());
    add_journal_page(gui, config);
    gui.pages = std::make_unique<ClientChatPages>(*gui.panel, *gui.window, *application.get());
    if (config.demo)
      gui.window->set_notice(
          _("Demo: a test phone exchange runs on this computer. You are 1001; call 1002 (Anna) "
            "or 1004 (Boris). A customer, 1003, calls you now and then. Add your own account "
            "in Settings and restart telpanel to use a real server."));
    application->add_window(*gui.window);
    application->add_window(*gui.call_window);
    application->hold();  // the tray keeps the app alive with every window closed
    gui.has_tray = widgets::TrayIcon::host_present();
    gui.tray =
        std::make_unique<widgets::TrayIcon>(controller, gui.panel->missed_calls(), &presence);
    gui.pages->show_unread_in(*gui.tray);
    gui.tray->signal_open().connect(show_window);
    gui.tray->signal_dial().connect([&] { gui.window->show_dial(); });
    gui.tray->signal_quit().connect(quit);
    gui.window->signal_show_calls().connect([&] { gui.call_window->present_calls(); });
    gui.window->signal_focus_in_event().connect([&](GdkEventFocus*) {
      gui.panel->missed_calls().acknowledge();
      return false;
    });
    gui.panel->missed_calls().signal_missed().connect(
        [&](const core::Call& call) { notify_missed(*application.get(), call); });
    // Without a tray host the panel stays in sight in a small window instead of the tray.
    gui.mini = std::make_unique<widgets::MiniWindow>();
    application->add_window(*gui.mini);
    gui.mini->set_state(gui.tray->state().text, gui.tray->state().icon,
                        gui.tray->state().attention);
    gui.tray->signal_state().connect([&](const widgets::TrayIcon::State& s) {
      gui.mini->set_state(s.text, s.icon, s.attention);
    });
    gui.mini->signal_open().connect(show_window);
    gui.mini->signal_dial().connect([&] {
      show_window();
      gui.window->show_dial();
    });
    gui.mini->signal_quit().connect(quit);
    auto to_background = [&] {
      gui.window->hide();
      // Asked again each time: a tray host may have started (or gone) since.
      gui.has_tray = widgets::TrayIcon::host_present();
      if (!gui.has_tray) gui.mini->present();
    };
    gui.window->signal_delete_event().connect([to_background](GdkEventAny*) {
      to_background();
      return true;
    });
    if (config.start_minimized) {
      to_background();
    } else {
      gui.window->show();
    }
    g_message("window ready%s", gui.has_tray ? "; tray item registered" : "; no tray host");
    gui.panel->start();
  });
  application->signal_open().connect(
      [&](const Gio::Application::type_vec_files& files, const Glib::ustring&) {
        application->activate();
        if (!gui.panel) return;
        for (const auto& f : files) {
          // Links arrive verbatim: "tel:%2B7912..." must become "tel:+7912...".
          gchar* unescaped = g_uri_unescape_string(f->get_uri().c_str(), nullptr);
          const std::string uri = unescaped ? unescaped : f->get_uri();
          g_free(unescaped);
          auto r = gui.panel->controller().dial(uri);
          if (!r) std::fprintf(stderr, "telpanel: %s: %s\n", uri.c_str(), r.error().detail.c_str());
        }
      });
  const int rc = application->run();
  gui.test_sound_stop.reset();
  gui.test_sound.reset();
  gui.chat_probe.reset();
  gui.settings.reset();
  gui.tray.reset();
  gui.mini.reset();
  gui.banners.reset();
  gui.call_window.reset();
  gui.pages.reset();
  gui.journal.reset();
  gui.window.reset();
  gui.colleagues.reset();
  gui.status_menu.reset();
  gui.player.reset();
  gui.panel.reset();
  return status ? status : rc;
}

}  // namespace telpanel::app
