// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/panel.hpp"

#include <glib.h>
#include <glib/gstdio.h>
#include <strings.h>

#include "app/call_action_launcher.hpp"
#include "app/chat_wiring.hpp"
#include "app/colleague_url_source.hpp"
#include "app/dbus_calls.hpp"
#include "app/dbus_clients.hpp"
#include "app/dbus_journal.hpp"
#include "app/dbus_presence.hpp"
#include "app/dbus_recordings.hpp"
#include "app/dbus_service.hpp"
#include "app/keyring.hpp"
#include "app/paths.hpp"
#include "app/presence_state_file.hpp"
#include "core/call_actions.hpp"
#include "core/call_recorder.hpp"
#include "core/chat/chat_service.hpp"
#include "core/local_calendar.hpp"
#include "core/missed_calls.hpp"
#include "core/ring_control.hpp"
#include "idle/idle_sources.hpp"
#include "mainloop/glib_scheduler.hpp"
#include "media/gst_media_engine.hpp"
#include "media/gst_ringer.hpp"
#include "numbers/phone_number_normalizer.hpp"
#include "sip/presence_settings.hpp"
#include "sip/sofia_root.hpp"
#include "sip/sofia_sip_backend.hpp"
#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "store/sqlite_call_journal.hpp"
#include "store/sqlite_client_directory.hpp"
#include "store/sqlite_recording_catalog.hpp"
#include "store/sqlite_settings_store.hpp"

namespace telpanel::app {

// Declared in the order of construction; destroyed in reverse.
struct Panel::Parts {
  mainloop::GlibScheduler scheduler;
  std::unique_ptr<numbers::PhoneNumberNormalizer> numbers;
  core::SystemLocalCalendar calendar;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<store::SqliteCallHistory> history;
  std::unique_ptr<store::SqliteCallJournal> journal;
  std::unique_ptr<store::SqliteClientDirectory> directory;
  std::unique_ptr<store::SqliteRecordingCatalog> recordings;
  std::unique_ptr<store::SqliteSettingsStore> settings_store;
  std::unique_ptr<core::PersonalSettingsKeeper> settings;
  std::unique_ptr<media::GstMediaEngine> media;
  std::unique_ptr<sip::SofiaRoot> sofia;
  std::vector<std::unique_ptr<sip::SofiaSipBackend>> backends;
  std::unique_ptr<core::CallController> controller;
  std::unique_ptr<media::GstRinger> ringer;
  std::unique_ptr<core::RingControl> ring_control;
  std::unique_ptr<core::MissedCalls> missed;
  std::unique_ptr<core::IdleSource> idle;
  std::unique_ptr<PresenceStateFile> presence_store;
  std::unique_ptr<core::PresenceController> presence;
  sigc::connection presence_calls;  // controller → presence; cut before presence goes
  std::unique_ptr<ColleagueUrlSource> colleague_url;  // feeds presence; goes before it
  std::unique_ptr<ChatParts> chat;                    // only with [chat] url=
  std::unique_ptr<core::CallRecorder> recorder;
  std::unique_ptr<CallActionLauncher> launcher;
  std::unique_ptr<core::CallActions> actions;
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

core::Result<void> open_journal(Panel::Parts& p, const AppConfig& config) {
  const std::string dir = data_dir();
  if (g_mkdir_with_parents(dir.c_str(), 0700) != 0)
    return core::make_error(core::ErrorCode::Io, "cannot create " + dir + ": " + g_strerror(errno));
  auto db = store::Database::open(database_path());
  if (!db) return db.error();
  p.database = std::make_unique<store::Database>(std::move(*db));
  auto numbers = numbers::PhoneNumberNormalizer::create(config.region, config.extensions);
  if (!numbers)
    return core::make_error(numbers.error().code,
                            config.path + ": [general] " + numbers.error().detail);
  p.numbers = std::make_unique<numbers::PhoneNumberNormalizer>(std::move(*numbers));
  p.history = std::make_unique<store::SqliteCallHistory>(*p.database, p.calendar);
  p.journal = std::make_unique<store::SqliteCallJournal>(*p.database, *p.numbers, p.calendar);
  // Rows written before schema v3 (or keyed by another normaliser) get their number key and
  // status once.
  // The normaliser's identity: region and extension rule change the keys it produces.
  const std::string numbers_id = "libphonenumber:" + config.region + ":" +
                                 std::to_string(config.extensions.min_digits) + "-" +
                                 std::to_string(config.extensions.max_digits);
  auto normalised = p.journal->backfill(numbers_id);
  if (!normalised) return normalised.error();
  if (*normalised > 0) g_message("journal: derived statuses of %d older calls", *normalised);
  p.recordings = std::make_unique<store::SqliteRecordingCatalog>(*p.database);
  p.settings_store = std::make_unique<store::SqliteSettingsStore>(*p.database);
  std::vector<std::string> problems;
  p.settings = std::make_unique<core::PersonalSettingsKeeper>(
      p.settings_store.get(), core::load_personal_settings(*p.settings_store, &problems));
  for (const auto& problem : problems)
    g_warning("personal settings: %s (ignored)", problem.c_str());
  auto recovered = p.history->recover_unfinished();
  if (!recovered) return recovered.error();
  if (*recovered > 0)
    g_message("closed %d journal entr%s left open by a previous run", *recovered,
              *recovered == 1 ? "y" : "ies");
  return {};
}

void make_presence(const AppConfig& config, Panel::Parts& p) {
  std::vector<core::SipBackend*> sip;
  for (auto& b : p.backends) sip.push_back(b.get());
  core::PresenceBackend* backend = nullptr;
  if (!p.backends.empty() && config.presence.enabled)
    backend = &p.backends.front()->enable_presence(config.presence.sip);
  std::string no_idle_reason;
  // Opened even with away_after=0: Settings can switch auto-away on while the panel runs.
  if (auto idle = idle::open_idle_source(config.presence.idle_source); idle) {
    p.idle = std::move(*idle);
  } else {
    no_idle_reason = idle.error().detail;
    if (config.presence.away_after > 0) g_message("auto-away is off: %s", no_idle_reason.c_str());
  }
  p.presence_store = std::make_unique<PresenceStateFile>(presence_state_path());
  core::AutoAwaySettings away;
  away.after = std::chrono::seconds(config.presence.away_after);
  p.presence = std::make_unique<core::PresenceController>(
      std::move(sip), backend, p.idle.get(), no_idle_reason, p.presence_store.get(), p.scheduler,
      config.presence.colleagues, away);
  auto* presence = p.presence.get();
  auto* calls = p.controller.get();
  p.presence_calls = calls->signal_call_changed().connect([presence, calls](const core::Call&) {
    bool on_call = false;
    for (const auto& c : calls->calls()) {
      if (c.state == core::CallState::Active || c.state == core::CallState::Held) on_call = true;
    }
    presence->set_on_call(on_call);
  });
  p.presence->signal_store_failed().connect(
      [](const core::Error& e) { g_warning("presence: %s", e.detail.c_str()); });
  if (!config.presence.colleagues_url.empty())
    p.colleague_url = std::make_unique<ColleagueUrlSource>(
        config.presence.colleagues_url, std::chrono::seconds(config.presence.colleagues_refresh),
        p.scheduler, *p.presence);
}

// REC-1 and ACT-1..3: the recorder, the call actions and the "calls enabled" switch follow the
// personal settings as they change.
void wire_recordings_and_actions(Panel::Parts& p) {
  core::PersonalSettingsKeeper& settings = *p.settings;
  p.controller->set_calls_enabled(settings.get().calls_enabled);
  settings.signal_changed().connect([controller = p.controller.get()](const auto& s) {
    controller->set_calls_enabled(s.calls_enabled);
  });
  p.recorder =
      std::make_unique<core::CallRecorder>(*p.controller, p.recordings.get(), recordings_dir(),
                                           [&settings] { return settings.get().recording; });
  p.launcher = std::make_unique<CallActionLauncher>([&p](const nlohmann::json& event) {
    if (p.dbus) p.dbus->emit_event("action", event);
  });
  // {client_id}: the directory's client with the caller's number, "" when none (DIR-3).
  auto client_of = [directory = p.directory.get()](const std::string& number) -> std::string {
    auto match = directory->lookup(number);
    return match && *match ? std::to_string((*match)->client) : std::string();
  };
  p.actions = std::make_unique<core::CallActions>(
      *p.controller, [&settings]() -> const core::PersonalSettings& { return settings.get(); },
      *p.launcher, client_of);
}

}  // namespace

core::Result<std::unique_ptr<Panel>> Panel::create(
    const AppConfig& config, std::function<void(const std::string&)> on_fatal) {
  auto p = std::make_unique<Parts>();
  if (auto r = open_journal(*p, config); !r) return r.error();
  p->directory = std::make_unique<store::SqliteClientDirectory>(*p->database, *p->numbers);

  if (auto r = media::GstMediaEngine::check_devices(config.audio); !r) return r.error();
  p->media = std::make_unique<media::GstMediaEngine>(config.audio);
  const auto supported = p->media->supported_codecs();

  std::vector<core::AccountEntry> accounts;
  if (!config.accounts.empty()) p->sofia = std::make_unique<sip::SofiaRoot>();
  for (const auto& account : config.accounts) {
    auto settings = account.sip;
    if (account.password_from_keyring) {
      // Without it the panel still starts (the password can be typed in Settings); the
      // account shows why it does not register.
      if (auto password = lookup_account_password(settings.uri)) {
        settings.password = *password;
      } else {
        settings.password_problem =
            password.error().detail + "; type it in Settings, Account, and restart";
        g_warning("account %s: %s", settings.uri.c_str(), settings.password_problem.c_str());
      }
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
  p->controller->set_number_normalizer(*p->numbers);
  p->controller->signal_journal_failed().connect(
      [](const core::Error& e) { g_warning("journal: %s", e.detail.c_str()); });
  p->controller->signal_registration_changed().connect(
      [](const std::string& account, const core::RegistrationStatus& st) {
        g_message("account %s: %s%s%s", account.empty() ? "default" : account.c_str(),
                  core::registration_state_name(st.state), st.reason.empty() ? "" : ": ",
                  st.reason.c_str());
      });
  p->ringer = std::make_unique<media::GstRinger>(config.audio.ringer, p->scheduler);
  p->ring_control = std::make_unique<core::RingControl>(*p->controller, *p->ringer);
  p->missed = std::make_unique<core::MissedCalls>(*p->controller);
  make_presence(config, *p);
  if (config.chat) {
    auto chat = make_chat(*config.chat, p->scheduler, p->database.get(), p->numbers.get());
    if (!chat) return chat.error();
    p->chat = std::move(*chat);
    p->chat->directory = p->directory.get();
  }
  wire_recordings_and_actions(*p);
  p->dbus = std::make_unique<DbusService>(std::move(on_fatal));
  export_calls(*p->dbus, *p->controller, p->history.get());
  export_presence(*p->dbus, *p->presence);
  // Each feature exports its interface here, before the name is owned.
  export_clients(*p->dbus, *p->directory, *p->history);
  export_journal(*p->dbus, *p->journal, g_get_user_name());
  if (p->chat) export_chats(*p->dbus, *p->chat);
  export_recordings(*p->dbus, *p->recorder, p->recordings.get(), *p->settings);
  p->dbus->start();
  return std::unique_ptr<Panel>(new Panel(std::move(p)));
}

Panel::Panel(std::unique_ptr<Parts> parts) : m_parts(std::move(parts)) {}

Panel::~Panel() {
  // The D-Bus service and the controller reference the backends: drop them first.
  m_parts->dbus.reset();
  m_parts->actions.reset();
  m_parts->recorder.reset();
  m_parts->chat.reset();
  m_parts->presence_calls.disconnect();
  m_parts->presence.reset();
  m_parts->missed.reset();
  m_parts->ring_control.reset();
  m_parts->controller.reset();
  m_parts->backends.clear();
  m_parts->sofia.reset();
}

core::CallController& Panel::controller() { return *m_parts->controller; }
core::PresenceController& Panel::presence() { return *m_parts->presence; }
core::PersonalSettingsKeeper& Panel::personal_settings() { return *m_parts->settings; }

core::CallHistory* Panel::history() { return m_parts->history.get(); }
core::CallJournal* Panel::journal() { return m_parts->journal.get(); }
core::ClientDirectory* Panel::directory() { return m_parts->directory.get(); }

core::MissedCalls& Panel::missed_calls() { return *m_parts->missed; }

core::CallRecorder& Panel::recorder() { return *m_parts->recorder; }

core::ChatService* Panel::chats() { return m_parts->chat ? m_parts->chat->service.get() : nullptr; }

std::string Panel::chat_download_dir() const {
  return m_parts->chat ? m_parts->chat->cache_dir : std::string();
}

void Panel::start() {
  // Registers every account unless the stored own status is Offline (PRES-1).
  m_parts->presence->start();
  if (m_parts->colleague_url) m_parts->colleague_url->start();
  if (m_parts->chat) m_parts->chat->service->start();
}

void Panel::stop(std::function<void()> done) {
  m_parts->controller->end_all("telpanel quit");
  // SIP shut down and every recording part written to its end (EOS), whichever comes last.
  auto remaining = std::make_shared<std::size_t>(m_parts->backends.size() + 1);
  auto shared_done = std::make_shared<std::function<void()>>(std::move(done));
  auto one_done = [remaining, shared_done] {
    if (--*remaining == 0) (*shared_done)();
  };
  for (auto& b : m_parts->backends) b->shutdown(one_done);
  media::GstMediaEngine::when_recordings_finished(one_done);
}

}  // namespace telpanel::app
