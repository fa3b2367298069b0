// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/presence_controller.hpp"

namespace telpanel::core {

namespace {

std::string user_of(const std::string& aor) {
  auto start = aor.find(':');
  start = start == std::string::npos ? 0 : start + 1;
  const auto at = aor.find('@', start);
  return aor.substr(start, at == std::string::npos ? std::string::npos : at - start);
}

}  // namespace

PresenceController::PresenceController(std::vector<SipBackend*> sip, PresenceBackend* backend,
                                       IdleSource* idle, std::string no_idle_reason,
                                       PresenceStateStore* store, Scheduler& scheduler,
                                       std::vector<ColleagueEntry> colleagues,
                                       AutoAwaySettings auto_away, Now now)
    : m_sip(std::move(sip)),
      m_backend(backend),
      m_idle(idle),
      m_store(store),
      m_scheduler(scheduler),
      m_auto_away(auto_away),
      m_no_idle_reason(std::move(no_idle_reason)),
      m_now(std::move(now)) {
  update_auto_away_status();
  for (auto& c : colleagues) {
    if (m_watched.count(c.extension)) continue;
    m_order.push_back(c.extension);
    m_configured.insert(c.extension);
    Watched w;
    w.entry = std::move(c);
    w.last_view = view_of(w);
    m_watched.emplace(w.entry.extension, std::move(w));
  }
  if (m_backend) {
    m_connections.push_back(m_backend->signal_presence_received().connect(
        sigc::mem_fun(*this, &PresenceController::on_presence)));
    m_connections.push_back(m_backend->signal_dialog_received().connect(
        sigc::mem_fun(*this, &PresenceController::on_dialog)));
    m_connections.push_back(m_backend->signal_registration_received().connect(
        sigc::mem_fun(*this, &PresenceController::on_registration)));
    m_connections.push_back(m_backend->signal_watch_lost().connect(
        sigc::mem_fun(*this, &PresenceController::on_watch_lost)));
  }
  for (auto* s : m_sip) {
    // Reachability of our own view follows the default account's registration.
    if (s == m_sip.front())
      m_connections.push_back(s->signal_registration_changed().connect(
          [this](const RegistrationStatus&) { m_signal_own_changed.emit(own()); }));
  }
}

PresenceController::~PresenceController() {
  for (auto& c : m_connections) c.disconnect();
}

void PresenceController::start() {
  m_started = true;
  if (m_store) {
    auto stored = m_store->load();
    if (!stored) {
      m_signal_store_failed.emit(stored.error());
    } else if (*stored) {
      m_state = **stored;
    }
  }
  for (auto* s : m_sip) s->set_online(m_state.online);
  if (m_backend) {
    m_backend->publish(own_document());
    m_backend->watch(m_order);
  }
  if (m_auto_away_status.enabled)
    m_idle_timer = m_scheduler.every(m_auto_away.poll, [this] { poll_idle(); });
}

void PresenceController::update_auto_away_status() {
  if (m_auto_away.after.count() <= 0) {
    m_auto_away_status = {false, m_idle ? m_idle->name() : "", "auto-away is off in the config"};
  } else if (!m_idle) {
    m_auto_away_status = {false, "", m_no_idle_reason};
  } else {
    m_auto_away_status = {true, m_idle->name(), ""};
  }
}

void PresenceController::set_away_after(std::chrono::seconds after) {
  if (after == m_auto_away.after) return;
  m_auto_away.after = after;
  update_auto_away_status();
  m_idle_timer.reset();
  if (m_started && m_auto_away_status.enabled)
    m_idle_timer = m_scheduler.every(m_auto_away.poll, [this] { poll_idle(); });
  if (m_away_since && !m_auto_away_status.enabled) {
    m_away_since.reset();  // switched off while away: back to the chosen status
    if (m_backend) m_backend->publish(own_document());
  }
  m_signal_own_changed.emit(own());
  // A longer threshold may end an away that a shorter one began: the next poll decides.
  if (m_started && m_auto_away_status.enabled) poll_idle();
}

Result<void> PresenceController::set_online(bool online) {
  if (m_state.online == online) return {};
  m_state.online = online;
  if (!online) {
    // Say "closed" before the registration goes, so watchers of the server see it too.
    if (m_backend) m_backend->publish(own_document());
    for (auto* s : m_sip) s->set_online(false);
  } else {
    for (auto* s : m_sip) s->set_online(true);
    if (m_backend) m_backend->publish(own_document());
  }
  own_changed();
  return {};
}

Result<void> PresenceController::set_presence(Presence presence) {
  if (presence != Presence::Available && presence != Presence::Busy && presence != Presence::Dnd)
    return make_error(ErrorCode::InvalidArgument,
                      std::string("presence '") + presence_name(presence) +
                          "' cannot be chosen; use available, busy or dnd");
  if (m_state.presence == presence) return {};
  m_state.presence = presence;
  if (m_backend) m_backend->publish(own_document());
  own_changed();
  return {};
}

Result<void> PresenceController::set_text(std::string text) {
  for (char c : text) {
    if (c == '\n' || c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != '\t'))
      return make_error(ErrorCode::InvalidArgument,
                        "the status text must be one line without control characters");
  }
  if (text.size() > 200)
    return make_error(ErrorCode::InvalidArgument, "the status text is longer than 200 bytes");
  if (m_state.text == text) return {};
  m_state.text = std::move(text);
  if (m_backend) m_backend->publish(own_document());
  own_changed();
  return {};
}

void PresenceController::set_on_call(bool on_call) {
  if (m_on_call == on_call) return;
  m_on_call = on_call;
  if (m_backend && m_state.online) m_backend->publish(own_document());
  m_signal_own_changed.emit(own());
}

void PresenceController::own_changed() {
  if (m_store) {
    if (auto r = m_store->save(m_state); !r) m_signal_store_failed.emit(r.error());
  }
  m_signal_own_changed.emit(own());
}

PresenceDocument PresenceController::own_document() const {
  PresenceDocument d;
  d.open = m_state.online;
  d.note = m_state.text;
  d.on_the_phone = m_on_call;
  if (m_away_since) {
    d.activity = Presence::Away;
    d.last_input = m_away_since;
  } else {
    d.activity = m_state.presence;
  }
  return d;
}

PresenceView PresenceController::own() const {
  PresenceView v;
  if (!m_sip.empty()) v.extension = user_of(m_sip.front()->aor());
  v.text = m_state.text;
  v.on_call = m_on_call;
  v.reachable = !m_sip.empty() && m_state.online &&
                m_sip.front()->registration().state == RegistrationState::Registered;
  if (!m_state.online) {
    v.presence = Presence::Offline;
  } else if (m_away_since) {
    v.presence = Presence::Away;
    v.last_seen = m_away_since;
  } else {
    v.presence = m_state.presence;
  }
  return v;
}

void PresenceController::poll_idle() {
  auto idle = m_idle->idle_time();
  if (!idle) return;  // a transient failure keeps the current state
  const bool idle_now = *idle >= m_auto_away.after;
  if (idle_now && !m_away_since && m_state.online) {
    m_away_since = m_now() - std::chrono::duration_cast<Clock::duration>(*idle);
  } else if (!idle_now && m_away_since) {
    m_away_since.reset();  // activity: back to the chosen status by itself
  } else {
    return;
  }
  if (m_backend) m_backend->publish(own_document());
  m_signal_own_changed.emit(own());
}

void PresenceController::set_provisioned(std::vector<ColleagueEntry> entries) {
  std::set<std::string> listed;
  bool set_changed = false;
  for (auto& c : entries) {
    if (m_configured.count(c.extension) || !listed.insert(c.extension).second) continue;
    if (auto it = m_watched.find(c.extension); it != m_watched.end()) {
      it->second.entry = std::move(c);  // a new name or position
      refresh(it->second);
      continue;
    }
    m_order.push_back(c.extension);
    Watched w;
    w.entry = std::move(c);
    w.last_view = view_of(w);
    const std::string ext = w.entry.extension;
    auto& added = m_watched.emplace(ext, std::move(w)).first->second;
    m_signal_colleague_changed.emit(added.last_view);
    set_changed = true;
  }
  for (auto it = m_order.begin(); it != m_order.end();) {
    if (m_configured.count(*it) || listed.count(*it)) {
      ++it;
      continue;
    }
    const std::string gone = *it;
    it = m_order.erase(it);
    m_watched.erase(gone);
    m_signal_colleague_removed.emit(gone);
    set_changed = true;
  }
  // Before start() the first watch() covers them.
  if (set_changed && m_started && m_backend) m_backend->watch(m_order);
}

std::vector<PresenceView> PresenceController::colleagues() const {
  std::vector<PresenceView> out;
  out.reserve(m_order.size());
  for (const auto& ext : m_order) out.push_back(m_watched.at(ext).last_view);
  return out;
}

const PresenceView* PresenceController::colleague(const std::string& extension) const {
  auto it = m_watched.find(extension);
  return it == m_watched.end() ? nullptr : &it->second.last_view;
}

PresenceView PresenceController::view_of(const Watched& w) const {
  PresenceView v;
  v.extension = w.entry.extension;
  v.name = w.entry.name;
  v.position = w.entry.position;
  v.groups = w.entry.groups;
  v.on_call = w.on_call;
  // The reg event is the truth about reachability; without it (server lacks the package or
  // peer-to-peer) an open presence document is the best evidence.
  if (w.registered) {
    v.reachable = *w.registered;
  } else {
    v.reachable = w.document && w.document->open;
  }
  if (w.document) v.text = w.document->note;
  if (!v.reachable || (w.document && !w.document->open)) {
    v.presence = Presence::Offline;
    v.last_seen = w.lost_at;
  } else if (!w.document) {
    v.presence = Presence::Available;  // PRES-5: registered but never published
  } else {
    v.presence = w.document->activity;
    if (v.presence == Presence::Away) v.last_seen = w.document->last_input;
    if (w.document->on_the_phone) v.on_call = true;
  }
  return v;
}

void PresenceController::refresh(Watched& w) {
  const bool was_offline = w.last_view.presence == Presence::Offline;
  PresenceView v = view_of(w);
  // Seen going: unregistered, or a closed document (they chose Offline) while registered.
  if (!was_offline && v.presence == Presence::Offline) {
    w.lost_at = m_now();
    v = view_of(w);
  }
  if (v == w.last_view) return;
  w.last_view = std::move(v);
  m_signal_colleague_changed.emit(w.last_view);
}

void PresenceController::on_presence(const std::string& ext,
                                     const std::optional<PresenceDocument>& doc) {
  auto it = m_watched.find(ext);
  if (it == m_watched.end()) return;
  it->second.document = doc;
  refresh(it->second);
}

void PresenceController::on_dialog(const std::string& ext, bool on_call) {
  auto it = m_watched.find(ext);
  if (it == m_watched.end()) return;
  it->second.on_call = on_call;
  refresh(it->second);
}

void PresenceController::on_registration(const std::string& ext, bool registered) {
  auto it = m_watched.find(ext);
  if (it == m_watched.end()) return;
  it->second.registered = registered;
  refresh(it->second);
}

void PresenceController::on_watch_lost(const std::string& ext) {
  auto it = m_watched.find(ext);
  if (it == m_watched.end()) return;
  Watched& w = it->second;
  w.document.reset();
  w.registered.reset();
  w.on_call = false;
  refresh(w);
}

}  // namespace telpanel::core
