// SPDX-License-Identifier: GPL-3.0-or-later
// The Mutter and file sources, and the choice between all three.
#include "idle/idle_sources.hpp"

#include <gio/gio.h>
#include <glib.h>

#include <cstdlib>
#include <fstream>

#include "idle/x11_idle_source.hpp"

namespace telpanel::idle {

namespace {

constexpr const char* kMutterName = "org.gnome.Mutter.IdleMonitor";

// Test-only: the file holds the idle time in seconds (a number, maybe fractional).
class FileIdleSource final : public core::IdleSource {
 public:
  explicit FileIdleSource(std::string path) : m_path(std::move(path)) {}
  std::string name() const override { return "file:" + m_path; }
  core::Result<std::chrono::milliseconds> idle_time() override {
    std::ifstream in(m_path);
    double seconds = -1;
    if (!(in >> seconds) || seconds < 0)
      return core::make_error(core::ErrorCode::Io, m_path + " holds no idle time in seconds");
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }

 private:
  std::string m_path;
};

// GNOME (also under Wayland): GetIdletime() -> t (ms). The call is asynchronous so the main
// loop never waits on the bus; idle_time() answers with the latest reply and asks again.
class MutterIdleSource final : public core::IdleSource {
 public:
  explicit MutterIdleSource(GDBusConnection* bus)
      : m_bus(bus), m_alive(std::make_shared<bool>(true)) {
    ask();
  }
  ~MutterIdleSource() override {
    *m_alive = false;
    g_object_unref(m_bus);
  }
  std::string name() const override { return "mutter"; }
  core::Result<std::chrono::milliseconds> idle_time() override {
    ask();
    if (m_last < 0)
      return core::make_error(core::ErrorCode::Unreachable,
                              "no answer from " + std::string(kMutterName) + " yet");
    return std::chrono::milliseconds(m_last);
  }

 private:
  struct Pending {
    std::shared_ptr<bool> alive;
    MutterIdleSource* self;
  };
  void ask() {
    auto* pending = new Pending{m_alive, this};
    g_dbus_connection_call(m_bus, kMutterName, "/org/gnome/Mutter/IdleMonitor/Core", kMutterName,
                           "GetIdletime", nullptr, G_VARIANT_TYPE("(t)"), G_DBUS_CALL_FLAGS_NONE,
                           2000, nullptr, on_reply, pending);
  }
  static void on_reply(GObject* source, GAsyncResult* res, gpointer data) noexcept {
    std::unique_ptr<Pending> pending(static_cast<Pending*>(data));
    GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), res, nullptr);
    if (!reply) return;
    guint64 ms = 0;
    g_variant_get(reply, "(t)", &ms);
    g_variant_unref(reply);
    if (*pending->alive) pending->self->m_last = static_cast<long long>(ms);
  }

  GDBusConnection* m_bus;
  std::shared_ptr<bool> m_alive;
  long long m_last = -1;
};

core::Result<std::unique_ptr<core::IdleSource>> open_mutter() {
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, nullptr);
  if (!bus) return core::make_error(core::ErrorCode::Unreachable, "no D-Bus session bus");
  GVariant* reply = g_dbus_connection_call_sync(
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
      g_variant_new("(s)", kMutterName), G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000,
      nullptr, nullptr);
  gboolean has = FALSE;
  if (reply) {
    g_variant_get(reply, "(b)", &has);
    g_variant_unref(reply);
  }
  if (!has) {
    g_object_unref(bus);
    return core::make_error(core::ErrorCode::Unreachable,
                            std::string(kMutterName) + " is not on the session bus");
  }
  return std::unique_ptr<core::IdleSource>(new MutterIdleSource(bus));
}

core::Result<std::unique_ptr<core::IdleSource>> open_x11() {
  auto x = X11IdleSource::open();
  if (!x) return x.error();
  return std::unique_ptr<core::IdleSource>(std::move(*x));
}

}  // namespace

core::Result<std::unique_ptr<core::IdleSource>> open_idle_source(const std::string& spec) {
  if (spec == "none")
    return core::make_error(core::ErrorCode::InvalidArgument, "idle_source=none in the config");
  if (spec.rfind("file:", 0) == 0)
    return std::unique_ptr<core::IdleSource>(new FileIdleSource(spec.substr(5)));
  if (spec == "x11") return open_x11();
  if (spec == "mutter") return open_mutter();
  if (spec != "auto")
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "idle_source=" + spec + " is not auto, x11, mutter, file:PATH or none");
  // Under Wayland the X counter sees only XWayland clients' input, so prefer Mutter there.
  const char* session = std::getenv("XDG_SESSION_TYPE");
  const bool wayland = session && std::string(session) == "wayland";
  if (!wayland) {
    auto x = open_x11();
    if (x) return x;
    auto m = open_mutter();
    if (m) return m;
    return core::make_error(core::ErrorCode::Unreachable,
                            "no idle source: " + x.error().detail + "; " + m.error().detail);
  }
  auto m = open_mutter();
  if (m) return m;
  return core::make_error(core::ErrorCode::Unreachable,
                          "no idle source: Wayland session and " + m.error().detail);
}

}  // namespace telpanel::idle
