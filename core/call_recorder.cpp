// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_recorder.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace telpanel::core {

namespace {

bool recordable(const Call& call) { return call.state == CallState::Active && !call.remote_held; }

}  // namespace

const char* recording_event_name(RecordingEvent::Kind kind) {
  switch (kind) {
    case RecordingEvent::Kind::Started:
      return "started";
    case RecordingEvent::Kind::Finished:
      return "finished";
    case RecordingEvent::Kind::Failed:
      return "failed";
  }
  return "?";
}

CallRecorder::CallRecorder(CallController& controller, RecordingCatalog* catalog, std::string root,
                           Mode mode, Now now)
    : m_controller(controller),
      m_catalog(catalog),
      m_root(std::move(root)),
      m_mode(std::move(mode)),
      m_now(std::move(now)) {
  m_changed = m_controller.signal_call_changed().connect(
      sigc::mem_fun(*this, &CallRecorder::on_call_changed));
}

CallRecorder::~CallRecorder() {
  m_changed.disconnect();
  for (auto& [id, state] : m_states) state.failed.disconnect();
}

std::string CallRecorder::part_path(const std::string& root, const CallId& call, int part,
                                    TimePoint at) {
  const std::time_t t = Clock::to_time_t(at);
  const std::tm* local = std::localtime(&t);  // main thread only, like every caller
  char date[40];
  std::snprintf(date, sizeof date, "%04d/%02d/%02d", local->tm_year + 1900, local->tm_mon + 1,
                local->tm_mday);
  std::string name;
  for (char c : call)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return root + "/" + date + "/" + name + "-" + std::to_string(part) + ".opus";
}

bool CallRecorder::is_recording(const CallId& id) const {
  auto it = m_states.find(id);
  return it != m_states.end() && it->second.open;
}

bool CallRecorder::is_wanted(const CallId& id) const {
  auto it = m_states.find(id);
  return it != m_states.end() && it->second.wanted;
}

Result<void> CallRecorder::set_recording(const CallId& id, bool on) {
  const Call* call = m_controller.find(id);
  if (!call) return make_error(ErrorCode::NotFound, "no call " + id);
  if (on && m_mode() == RecordingMode::Never)
    return make_error(ErrorCode::InvalidState,
                      "recording is switched off in the settings (recording=never)");
  State& state = m_states[id];
  const bool changed = state.wanted != on;
  state.wanted = on;
  sync(*call, state);
  if (changed) m_signal_wanted_changed.emit(id);
  return {};
}

void CallRecorder::new_part(const CallId& id) {
  auto it = m_states.find(id);
  const Call* call = m_controller.find(id);
  if (it == m_states.end() || !call || !it->second.open) return;
  close_part(id, it->second, "");
  sync(*call, it->second);
}

void CallRecorder::on_call_changed(const Call& call) {
  auto it = m_states.find(call.id);
  if (it == m_states.end()) {
    if (call.state == CallState::Ended) return;
    it = m_states.emplace(call.id, State{}).first;
    it->second.wanted = m_mode() == RecordingMode::Always;
  }
  // A call placed for the far end's REFER, or an INVITE with Replaces, carries the same
  // conversation on: recording asked for on the old call goes on in the new one.
  if (!it->second.continuation_checked && call.transfer &&
      (call.transfer->kind == TransferKind::ReferredCall ||
       call.transfer->kind == TransferKind::Replacing)) {
    it->second.continuation_checked = true;
    if (auto old = m_states.find(call.transfer->linked);
        old != m_states.end() && old->second.wanted)
      it->second.wanted = true;
  }
  if (call.state == CallState::Ended) {
    if (it->second.open) close_part(call.id, it->second, "");
    it->second.failed.disconnect();
    m_states.erase(it);
    return;
  }
  sync(call, it->second);
}

void CallRecorder::sync(const Call& call, State& state) {
  const bool want = state.wanted && recordable(call);
  if (want && !state.open) open_part(call, state);
  if (!want && state.open) close_part(call.id, state, "");
}

void CallRecorder::open_part(const Call& call, State& state) {
  MediaSession* media = m_controller.media_session(call.id);
  if (!media) return;
  const int part = state.parts + 1;
  const TimePoint started = m_now();
  const std::string location = part_path(m_root, call.id, part, started);
  if (auto r = media->start_recording(location); !r) {
    // Not retried until the next boundary: one report per part, the call goes on.
    state.parts = part;
    m_signal_recording.emit(
        RecordingEvent{RecordingEvent::Kind::Failed, call.id, part, location, r.error().detail});
    return;
  }
  state.parts = part;
  state.open = true;
  state.started = started;
  state.location = location;
  state.row = 0;
  if (!state.journal) state.journal = m_controller.journal_id(call.id);
  if (m_catalog && state.journal) {
    auto row = m_catalog->add(RecordingPart{0, state.journal, part, location, started, {}, ""});
    if (row) state.row = *row;
  }
  if (!state.failed.connected()) {
    const CallId id = call.id;
    state.failed = media->signal_recording_failed().connect([this, id](const Error& e) {
      auto it = m_states.find(id);
      if (it != m_states.end() && it->second.open) close_part(id, it->second, e.detail);
    });
  }
  m_signal_recording.emit(
      RecordingEvent{RecordingEvent::Kind::Started, call.id, part, location, ""});
}

void CallRecorder::close_part(const CallId& id, State& state, const std::string& error) {
  state.open = false;
  if (error.empty()) {
    if (MediaSession* media = m_controller.media_session(id)) media->stop_recording();
  }
  const auto duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(m_now() - state.started);
  if (m_catalog && state.row) m_catalog->finish(state.row, duration, error);
  m_signal_recording.emit(
      RecordingEvent{error.empty() ? RecordingEvent::Kind::Finished : RecordingEvent::Kind::Failed,
                     id, state.parts, state.location, error});
}

}  // namespace telpanel::core
