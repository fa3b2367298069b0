// SPDX-License-Identifier: GPL-3.0-or-later
// CallRecorder (REC-1): decides when a call is recorded and cuts it into parts. A part is open
// while the call is active and not held by either side; holding ends it, resuming starts the
// next one, and so does new_part() (a transfer). A call that takes over another (REFER from
// the far end, INVITE with Replaces) is recorded if the one it replaces was. Each part is one
// file under the recordings root, `YYYY/MM/DD/<call>-<part>.opus` (local date), listed in the
// RecordingCatalog with its journal entry. The mode (always / on demand / never) is read at
// each decision. Main thread.
#pragma once

#include <sigc++/connection.h>
#include <sigc++/signal.h>
#include <sigc++/trackable.h>

#include <functional>
#include <map>
#include <string>

#include "core/call_controller.hpp"
#include "core/personal_settings.hpp"
#include "core/recording_catalog.hpp"

namespace telpanel::core {

/// What the recorder reports: a part started, finished or failed (the call goes on).
struct RecordingEvent {
  enum class Kind { Started, Finished, Failed };
  Kind kind = Kind::Started;
  CallId call;
  int part = 0;
  std::string location;
  std::string error;  // Failed: why
};

const char* recording_event_name(RecordingEvent::Kind kind);  // "started" | "finished" | "failed"

class CallRecorder : public sigc::trackable {
 public:
  using Now = std::function<TimePoint()>;
  using Mode = std::function<RecordingMode()>;

  /// `catalog` may be null (no journal: files are still written). `root` is the recordings
  /// directory (absolute).
  CallRecorder(
      CallController& controller, RecordingCatalog* catalog, std::string root, Mode mode,
      Now now = [] { return Clock::now(); });
  ~CallRecorder();

  /// On demand: records (or stops recording) a live call from now on. Refused when the mode is
  /// "never"; allowed with "always" too (turning one call off).
  Result<void> set_recording(const CallId& id, bool on);
  /// Ends the open part and starts the next one (a transfer); no-op when not recording.
  void new_part(const CallId& id);
  bool is_recording(const CallId& id) const;
  /// Whether the call is to be recorded whenever it can be (the mode's default at its start,
  /// then set_recording); true also while it is held and no part is open.
  bool is_wanted(const CallId& id) const;

  sigc::signal<void(const RecordingEvent&)>& signal_recording() { return m_signal_recording; }
  /// set_recording() changed what is wanted for the call (a held call starts no part yet, so
  /// signal_recording says nothing then).
  sigc::signal<void(const CallId&)>& signal_wanted_changed() { return m_signal_wanted_changed; }

  /// `root/YYYY/MM/DD/<call>-<part>.opus`, with characters other than [A-Za-z0-9_-] in the call
  /// id replaced by '_'.
  static std::string part_path(const std::string& root, const CallId& call, int part, TimePoint at);

 private:
  struct State {
    bool wanted = false;
    bool continuation_checked = false;  // looked for the call this one takes over from
    int parts = 0;
    bool open = false;
    std::int64_t row = 0;
    JournalId journal = 0;
    TimePoint started{};
    std::string location;
    sigc::connection failed;
  };

  void on_call_changed(const Call& call);
  void sync(const Call& call, State& state);
  void open_part(const Call& call, State& state);
  void close_part(const CallId& id, State& state, const std::string& error);

  CallController& m_controller;
  RecordingCatalog* m_catalog;
  std::string m_root;
  Mode m_mode;
  Now m_now;
  std::map<CallId, State> m_states;
  sigc::connection m_changed;
  sigc::signal<void(const RecordingEvent&)> m_signal_recording;
  sigc::signal<void(const CallId&)> m_signal_wanted_changed;
};

}  // namespace telpanel::core
