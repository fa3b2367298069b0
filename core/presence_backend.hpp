// SPDX-License-Identifier: GPL-3.0-or-later
// Port: presence signalling for the default account — PUBLISH (or peer-to-peer NOTIFY) of our
// own document, and SUBSCRIBE to each colleague's presence, dialog (RFC 4235) and registration
// (RFC 3680) state. Implemented by sip::SofiaPresence; driven by core::PresenceController.
// Main thread; every signal is emitted on the main loop.
#pragma once

#include <sigc++/signal.h>

#include <optional>
#include <string>
#include <vector>

#include "core/presence.hpp"
#include "core/result.hpp"

namespace telpanel::core {

class PresenceBackend {
 public:
  virtual ~PresenceBackend() = default;

  /// Makes `document` our published state: PUBLISH to the presence server (kept refreshed and
  /// sent again after every re-registration), or NOTIFY to every peer-to-peer watcher.
  virtual void publish(const PresenceDocument& document) = 0;
  /// Subscribes to every extension's presence, dialog and reg events, keeps the subscriptions
  /// refreshed and re-creates them after a failure or a re-registration. Replaces any earlier
  /// list: subscriptions of extensions in both lists keep running, only the difference is
  /// subscribed or dropped.
  virtual void watch(const std::vector<std::string>& extensions) = 0;

  /// (extension, document); nullopt when the server has no document (never published, expired).
  sigc::signal<void(const std::string&, const std::optional<PresenceDocument>&)>&
  signal_presence_received() {
    return m_signal_presence_received;
  }
  /// (extension, on a call): a dialog of theirs is confirmed.
  sigc::signal<void(const std::string&, bool)>& signal_dialog_received() {
    return m_signal_dialog_received;
  }
  /// (extension, registered): at least one active contact in their reg-info.
  sigc::signal<void(const std::string&, bool)>& signal_registration_received() {
    return m_signal_registration_received;
  }
  /// (extension): every subscription of theirs is gone (server lost); state is unknown.
  sigc::signal<void(const std::string&)>& signal_watch_lost() { return m_signal_watch_lost; }

 protected:
  sigc::signal<void(const std::string&, const std::optional<PresenceDocument>&)>
      m_signal_presence_received;
  sigc::signal<void(const std::string&, bool)> m_signal_dialog_received;
  sigc::signal<void(const std::string&, bool)> m_signal_registration_received;
  sigc::signal<void(const std::string&)> m_signal_watch_lost;
};

/// Port: how long the person at this computer has not touched keyboard or mouse (PRES-4).
class IdleSource {
 public:
  virtual ~IdleSource() = default;
  /// "x11", "mutter", "file:PATH": shown in the status JSON.
  virtual std::string name() const = 0;
  /// The idle time now, or an error when it cannot be read at the moment.
  virtual Result<std::chrono::milliseconds> idle_time() = 0;
};

/// Port: where the own status survives a restart.
struct StoredPresence {
  bool online = true;
  Presence presence = Presence::Available;  // Available, Busy or Dnd
  std::string text;
};
class PresenceStateStore {
 public:
  virtual ~PresenceStateStore() = default;
  /// nullopt when nothing was stored yet.
  virtual Result<std::optional<StoredPresence>> load() = 0;
  virtual Result<void> save(const StoredPresence& state) = 0;
};

}  // namespace telpanel::core
