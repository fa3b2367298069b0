// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/panel.hpp"

#include <glib.h>
#include <glib/gstdio.h>
#include <strings.h>

#include "app/chat_wiring.hpp"
#include "app/dbus_calls.hpp"
#include "app/dbus_service.hpp"
#include "app/keyring.hpp"
#include "app/paths.hpp"
#include "core/chat/chat_service.hpp"
#include "mainloop/glib_scheduler.hpp"
#include "media/gst_media_engine.hpp"
#include "sip/sofia_root.hpp"
#include "sip/sofia_sip_backend.hpp"
#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"

namespace telpanel::app {

// Declared in the order of construction; destroyed in reverse.
struct Panel::Parts {
  mainloop::GlibScheduler scheduler;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<store::SqliteCallHistory> history;
  std::unique_ptr<media::GstMediaEngine> media;
  std::unique_ptr<sip::SofiaRoot> sofia;
  std::vector<std::unique_ptr<sip::SofiaSipBackend>> backends;
  std::unique_ptr<core::CallController> controller;
  std::unique_ptr<ChatParts> chat;  // only with [chat] url=
  std::unique_ptr<DbusService> dbus;
};

namespace {

core::Result<std::vector<core::Codec>> account_codecs(const AccountConfig& account,
                                                      const std::vector<core::Codec>& supported) {
  std::vector<core::Codec> out;
  for (const auto& name : account.codecs) {
    bool found = false;
    for (const auto& c : supported) {
      if (strcasecmp(c.name.c_str(), name.c_str()) == 0) {
        out.push_back(c);
        found = true;
      }
    }
    if (!found) {
      std::string list;
      for (const auto& c : supported) list += (list.empty() ? "" : ", ") + c.name;
      return core::make_error(core::ErrorCode::InvalidArgument,
                              "codec '" + name + "' is not available; this system has " + list);
    }
  }
  return out;
}

core::Result<void> open_journal(Panel::Parts& p) {
  const std::string dir = data_dir();
  if (g_mkdir_with_parents(dir.c_str(), 0700) != 0)
    return core::make_error(core::ErrorCode::Io, "cannot create " + dir + ": " + g_strerror(errno));
  auto db = store::Database::open(database_path());
  if (!db) return db.error();
  p.database = std::make_unique<store::Database>(std::move(*db));
  p.history = std::make_unique<store::SqliteCallHistory>(*p.database);
  auto recovered = p.history->recover_unfinished();
  if (!recovered) return recovered.error();
  if (*recovered > 0)
    g_message("closed %d journal entr%s left open by a previous run", *recovered,
              *recovered == 1 ? "y" : "ies");
  return {};
}

}  // namespace

core::Result<std::unique_ptr<Panel>> Panel::create(
    const AppConfig& config, std::function<void(const std::string&)> on_fatal) {
  auto p = std::make_unique<Parts>();
  if (auto r = open_journal(*p); !r) return r.error();

  if (auto r = media::GstMediaEngine::check_devices(config.audio); !r) return r.error();
  p->media = std::make_unique<media::GstMediaEngine>(config.audio);
  const auto supported = p->media->supported_codecs();

  std::vector<core::AccountEntry> accounts;
  if (!config.accounts.empty()) p->sofia = std::make_unique<sip::SofiaRoot>();
  for (const auto& account : config.accounts) {
    auto settings = account.sip;
    if (account.password_from_keyring) {
      auto password = lookup_account_password(settings.uri);
      if (!password) return password.error();
      settings.password = *password;
    }
    auto codecs = account_codecs(account, supported);
    if (!codecs) return codecs.error();
    try {
      p->backends.push_back(
          std::make_unique<sip::SofiaSipBackend>(*p->sofia, p->scheduler, std::move(settings)));
    } catch (const std::exception& e) {
      return core::make_error(
          core::ErrorCode::InvalidArgument,
          "account " + (account.name.empty() ? account.sip.uri : account.name) + ": " + e.what());
    }
    auto& backend = *p->backends.back();
    accounts.push_back(core::AccountEntry{account.name, backend.domain(), backend.local_address(),
                                          std::move(*codecs), &backend});
  }
  p->controller = std::make_unique<core::CallController>(std::move(accounts), *p->media,
                                                         p->history.get(), p->scheduler);
  p->controller->signal_journal_failed().connect(
      [](const core::Error& e) { g_warning("journal: %s", e.detail.c_str()); });
  p->controller->signal_registration_changed().connect(
      [](const std::string& account, const core::RegistrationStatus& st) {
        g_message("account %s: %s%s%s", account.empty() ? "default" : account.c_str(),
                  core::registration_state_name(st.state), st.reason.empty() ? "" : ": ",
                  st.reason.c_str());
      });
  if (config.chat) {
    auto chat = make_chat(*config.chat, p->scheduler, p->database.get());
    if (!chat) return chat.error();
    p->chat = std::move(*chat);
  }
  p->dbus = std::make_unique<DbusService>(std::move(on_fatal));
  export_calls(*p->dbus, *p->controller, p->history.get());
  // Each feature exports its interface here, before the name is owned.
  if (p->chat) export_chats(*p->dbus, *p->chat);
  p->dbus->start();
  return std::unique_ptr<Panel>(new Panel(std::move(p)));
}

Panel::Panel(std::unique_ptr<Parts> parts) : m_parts(std::move(parts)) {}

Panel::~Panel() {
  // The D-Bus service and the controller reference the backends: drop them first.
  m_parts->dbus.reset();
  m_parts->chat.reset();
  m_parts->controller.reset();
  m_parts->backends.clear();
  m_parts->sofia.reset();
}

core::CallController& Panel::controller() { return *m_parts->controller; }

void Panel::start() {
  for (auto& b : m_parts->backends) b->set_online(true);
  if (m_parts->chat) m_parts->chat->service->start();
}

void Panel::stop(std::function<void()> done) {
  m_parts->controller->end_all("telpanel quit");
  auto remaining = std::make_shared<std::size_t>(m_parts->backends.size());
  if (*remaining == 0) return done();
  auto shared_done = std::make_shared<std::function<void()>>(std::move(done));
  for (auto& b : m_parts->backends) {
    b->shutdown([remaining, shared_done] {
      if (--*remaining == 0) (*shared_done)();
    });
  }
}

}  // namespace telpanel::app
