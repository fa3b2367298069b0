// SPDX-License-Identifier: GPL-3.0-or-later
// Own status and the colleague list (PRES-1..6): Online/Offline drives registration, the
// presence and free text are published, auto-away follows the idle source, and every
// colleague's presence, dialog and reg events are merged into one view. Main thread.
#pragma once

#include <sigc++/connection.h>
#include <sigc++/signal.h>
#include <sigc++/trackable.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/presence.hpp"
#include "core/presence_backend.hpp"
#include "core/scheduler.hpp"
#include "core/sip_backend.hpp"

namespace telpanel::core {

struct AutoAwaySettings {
  std::chrono::seconds after{300};  // idle this long → away; 0 = auto-away off
  std::chrono::milliseconds poll{2000};
};

/// Whether auto-away works and, when not, why (shown in `presence show --json`).
struct AutoAwayStatus {
  bool enabled = false;
  std::string source;  // the idle source's name, "" when none
  std::string reason;  // why it is off; "" when enabled
};

class PresenceController : public sigc::trackable {
 public:
  using Now = std::function<TimePoint()>;

  /// `sip`: every account (Offline un-registers them all). `backend`, `idle` and `store` may be
  /// null (no presence signalling, no idle source — `no_idle_reason` says why — no storage).
  PresenceController(
      std::vector<SipBackend*> sip, PresenceBackend* backend, IdleSource* idle,
      std::string no_idle_reason, PresenceStateStore* store, Scheduler& scheduler,
      std::vector<ColleagueEntry> colleagues, AutoAwaySettings auto_away,
      Now now = [] { return Clock::now(); });
  ~PresenceController();
  PresenceController(const PresenceController&) = delete;
  PresenceController& operator=(const PresenceController&) = delete;

  /// Restores the stored status, registers (unless it was Offline), publishes and subscribes.
  void start();

  /// Online re-registers; Offline un-registers (everything else keeps running).
  Result<void> set_online(bool online);
  /// Available, Busy or Dnd (Away and Offline are not chosen this way).
  Result<void> set_presence(Presence presence);
  Result<void> set_text(std::string text);
  /// Whether we are on a call (fed from CallController by the app): shown in our own view and
  /// published as <rpid:on-the-phone/>, which is all a peer-to-peer watcher gets.
  void set_on_call(bool on_call);

  /// Colleagues from a list that arrives after start-up and may change (an http(s)
  /// provisioning URL): replaces the previous such list. A configured colleague wins over an
  /// entry with the same extension; colleagues that left the list are removed; the others'
  /// subscriptions keep running.
  void set_provisioned(std::vector<ColleagueEntry> entries);

  PresenceView own() const;
  bool online() const { return m_state.online; }
  const AutoAwayStatus& auto_away() const { return m_auto_away_status; }
  /// Changes the auto-away threshold while running (0 = off); takes effect at once.
  void set_away_after(std::chrono::seconds after);
  std::vector<PresenceView> colleagues() const;
  const PresenceView* colleague(const std::string& extension) const;

  sigc::signal<void(const PresenceView&)>& signal_own_changed() { return m_signal_own_changed; }
  sigc::signal<void(const PresenceView&)>& signal_colleague_changed() {
    return m_signal_colleague_changed;
  }
  /// A provisioned colleague left the list (by extension).
  sigc::signal<void(const std::string&)>& signal_colleague_removed() {
    return m_signal_colleague_removed;
  }
  /// The status could not be stored; it still applies until the panel quits.
  sigc::signal<void(const Error&)>& signal_store_failed() { return m_signal_store_failed; }

 private:
  struct Watched {
    ColleagueEntry entry;
    std::optional<PresenceDocument> document;
    std::optional<bool> registered;
    bool on_call = false;
    std::optional<TimePoint> lost_at;  // when we last saw them become unreachable
    PresenceView last_view;
  };

  void on_presence(const std::string& ext, const std::optional<PresenceDocument>& doc);
  void on_dialog(const std::string& ext, bool on_call);
  void on_registration(const std::string& ext, bool registered);
  void on_watch_lost(const std::string& ext);
  void poll_idle();
  void update_auto_away_status();
  void own_changed();
  void refresh(Watched& w);
  PresenceView view_of(const Watched& w) const;
  PresenceDocument own_document() const;

  std::vector<SipBackend*> m_sip;
  PresenceBackend* m_backend;
  IdleSource* m_idle;
  PresenceStateStore* m_store;
  Scheduler& m_scheduler;
  AutoAwaySettings m_auto_away;
  AutoAwayStatus m_auto_away_status;
  std::string m_no_idle_reason;
  Now m_now;
  StoredPresence m_state;
  bool m_on_call = false;
  std::optional<TimePoint> m_away_since;  // set while auto-away holds: the last input time
  std::map<std::string, Watched> m_watched;
  std::vector<std::string> m_order;    // configured order of extensions, then provisioned ones
  std::set<std::string> m_configured;  // given at construction: never removed
  bool m_started = false;
  TimerHandle m_idle_timer;
  std::vector<sigc::connection> m_connections;

  sigc::signal<void(const PresenceView&)> m_signal_own_changed;
  sigc::signal<void(const PresenceView&)> m_signal_colleague_changed;
  sigc::signal<void(const std::string&)> m_signal_colleague_removed;
  sigc::signal<void(const Error&)> m_signal_store_failed;
};

}  // namespace telpanel::core
