// SPDX-License-Identifier: GPL-3.0-or-later
// telpanel: the panel (a window) or, with --headless, the same core with no display (CTL-4).
// Start-up failures are reported here in one line and exit with status 2.
#include <glib-unix.h>
#include <glib.h>
#include <glib/gi18n.h>
#include <gst/gst.h>

#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>

#include "app/config.hpp"
#include "app/gui_main.hpp"
#include "app/panel.hpp"
#include "app/paths.hpp"
#include "sip/sofia_exit_key.hpp"

namespace {

// Translations next to the executable (build tree: build/app/../share/locale; installed:
// PREFIX/bin/../share/locale), else the configured install location.
std::string locale_dir() {
  gchar* exe = g_file_read_link("/proc/self/exe", nullptr);
  if (exe) {
    gchar* dir = g_path_get_dirname(exe);
    gchar* candidate = g_build_filename(dir, "..", "share", "locale", nullptr);
    const bool usable = g_file_test(candidate, G_FILE_TEST_IS_DIR);
    std::string out = candidate;
    g_free(candidate);
    g_free(dir);
    g_free(exe);
    if (usable) return out;
  }
  return TELPANEL_LOCALEDIR;
}

int run_headless(const telpanel::app::AppConfig& config) {
  GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
  int status = 0;
  auto fatal = [&](const std::string& reason) {
    std::fprintf(stderr, "telpanel: %s\n", reason.c_str());
    status = 1;
    g_main_loop_quit(loop);
  };
  auto panel = telpanel::app::Panel::create(config, fatal);
  if (!panel) {
    std::fprintf(stderr, "telpanel: %s\n", panel.error().detail.c_str());
    g_main_loop_unref(loop);
    return 2;
  }
  struct QuitContext {
    telpanel::app::Panel* panel;
    GMainLoop* loop;
    bool stopping = false;
  } quit{panel->get(), loop};
  auto on_signal = [](gpointer data) -> gboolean {
    auto* q = static_cast<QuitContext*>(data);
    if (q->stopping) return G_SOURCE_CONTINUE;
    q->stopping = true;
    g_message("stopping: ending calls and un-registering");
    q->panel->stop([q] { g_main_loop_quit(q->loop); });
    return G_SOURCE_CONTINUE;
  };
  const guint term = g_unix_signal_add(SIGTERM, on_signal, &quit);
  const guint intr = g_unix_signal_add(SIGINT, on_signal, &quit);
  (*panel)->start();
  g_message("telpanel running headless; control it with telpanelctl");
  g_main_loop_run(loop);
  g_source_remove(term);
  g_source_remove(intr);
  panel->reset();
  g_main_loop_unref(loop);
  return status;
}

void print_help() {
  std::printf(
      "%s\n\n  telpanel [--headless | --minimized] [URI]\n\n"
      "  --headless   run the core (SIP, audio, journal, D-Bus) with no window\n"
      "  --minimized  start in the tray (as [general] start_minimized=true)\n"
      "  --version    print the version\n"
      "  URI          tel:, sip: or callto: link to dial in the running panel\n\n"
      "%s %s\n",
      _("telpanel: telephony panel (softphone, journal, chats)"), _("Configuration:"),
      telpanel::app::config_file_path().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread exists and on every path (also a second instance that only forwards a
  // link and exits): otherwise Sofia deletes GLib's thread key at exit and GLib aborts.
  telpanel::sip::claim_sofia_exit_key();
  std::setlocale(LC_ALL, "");
  bindtextdomain("telpanel", locale_dir().c_str());
  bind_textdomain_codeset("telpanel", "UTF-8");
  textdomain("telpanel");

  bool headless = false;
  bool minimized = false;
  int kept = 1;  // argv without our own options, for GApplication (it refuses unknown ones)
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--headless") == 0) {
      headless = true;
      continue;
    } else if (std::strcmp(argv[i], "--minimized") == 0) {
      minimized = true;
      continue;
    } else if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("telpanel %s\n", TELPANEL_VERSION);
      return 0;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      print_help();
      return 0;
    }
    argv[kept++] = argv[i];
  }
  argc = kept;
  argv[argc] = nullptr;
  gst_init(&argc, &argv);
  // A file size limit (ulimit -f) must fail a recording's write with EFBIG, not kill the
  // panel mid-call with SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);

  auto config = telpanel::app::load_config(telpanel::app::config_file_path());
  if (!config) {
    std::fprintf(stderr, "telpanel: %s\n", config.error().detail.c_str());
    return 2;
  }
  if (minimized) config->start_minimized = true;
  if (headless) return run_headless(*config);
  return telpanel::app::run_gui(*config, argc, argv);
}
