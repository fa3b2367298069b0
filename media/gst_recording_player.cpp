// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/gst_recording_player.hpp"

#include <glib/gstdio.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <vector>

#include "mainloop/post_to_main.hpp"

namespace telpanel::media {

namespace {

using std::chrono::milliseconds;

constexpr guint k_http_timeout_s = 10;  // souphttpsrc gives up on a silent server after this

GstClockTime to_clock(milliseconds ms) {
  return static_cast<GstClockTime>(ms.count()) * GST_MSECOND;
}

milliseconds from_clock(gint64 t) { return milliseconds(t / static_cast<gint64>(GST_MSECOND)); }

void on_source_setup(GstElement*, GstElement* source, gpointer) noexcept {
  if (g_object_class_find_property(G_OBJECT_GET_CLASS(source), "timeout") != nullptr)
    g_object_set(source, "timeout", k_http_timeout_s, nullptr);
}

// One running "save a copy": the part's bytes from its URI source straight into a file.
struct CopyJob {
  GstElement* pipeline = nullptr;
  std::function<void(core::Result<void>)> done;
  guint deadline = 0;
  std::string what;  // "cannot <what>: <reason>"
};

std::string describe_error(GstMessage* first, GstBus* bus);

void finish_copy(CopyJob* job, core::Result<void> result, bool from_bus) {
  if (!from_bus) {
    GstBus* bus = gst_element_get_bus(job->pipeline);
    gst_bus_remove_watch(bus);
    gst_object_unref(bus);
  } else if (job->deadline != 0) {
    g_source_remove(job->deadline);
  }
  gst_element_set_state(job->pipeline, GST_STATE_NULL);
  gst_object_unref(job->pipeline);
  auto done = std::move(job->done);
  delete job;
  done(std::move(result));
}

gboolean on_copy_bus(GstBus*, GstMessage* message, gpointer data) noexcept {
  auto* job = static_cast<CopyJob*>(data);
  try {
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS) {
      finish_copy(job, {}, true);
      return G_SOURCE_REMOVE;
    }
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
      GstBus* bus = gst_element_get_bus(job->pipeline);
      const std::string text = describe_error(message, bus);
      gst_object_unref(bus);
      finish_copy(job, core::make_error(core::ErrorCode::Io, "cannot " + job->what + ": " + text),
                  true);
      return G_SOURCE_REMOVE;
    }
  } catch (const std::exception& e) {
    g_critical("save copy: %s", e.what());
  }
  return G_SOURCE_CONTINUE;
}

// Copies the bytes behind `uri` (file://, http(s)://) to `destination`; `done` on the main loop.
void start_copy(const std::string& uri, const std::string& destination, const std::string& what,
                milliseconds deadline, std::function<void(core::Result<void>)> done) {
  GError* error = nullptr;
  GstElement* src = gst_element_make_from_uri(GST_URI_SRC, uri.c_str(), nullptr, &error);
  GstElement* file = gst_element_factory_make("filesink", nullptr);
  if (src == nullptr || file == nullptr) {
    std::string text = error != nullptr ? error->message : "no source or filesink element";
    g_clear_error(&error);
    for (GstElement* e : {src, file}) {
      if (e != nullptr) gst_object_unref(gst_object_ref_sink(e));
    }
    return done(core::make_error(core::ErrorCode::Io, "cannot " + what + ": " + text));
  }
  on_source_setup(nullptr, src, nullptr);
  g_object_set(file, "location", destination.c_str(), nullptr);
  auto* job = new CopyJob{gst_pipeline_new("copy"), std::move(done), 0, what};
  gst_object_ref_sink(job->pipeline);
  gst_bin_add_many(GST_BIN(job->pipeline), src, file, nullptr);
  gst_element_link(src, file);
  GstBus* bus = gst_element_get_bus(job->pipeline);
  gst_bus_add_watch(bus, on_copy_bus, job);
  gst_object_unref(bus);
  job->deadline = g_timeout_add(
      static_cast<guint>(deadline.count()),
      [](gpointer data) -> gboolean {
        auto* j = static_cast<CopyJob*>(data);
        j->deadline = 0;
        finish_copy(j,
                    core::make_error(core::ErrorCode::Timeout, "cannot " + j->what + ": timed out"),
                    false);
        return G_SOURCE_REMOVE;
      },
      job);
  gst_element_set_state(job->pipeline, GST_STATE_PLAYING);
}

// One sentence for an ERROR message. A source's resource error (404, refused connection, no
// such file) is what people need; the "internal data stream error" that a downstream element
// posts right after it is not, so errors already queued on `bus` are searched for a resource
// error first.
std::string describe_error(GstMessage* first, GstBus* bus) {
  std::vector<GstMessage*> errors{gst_message_ref(first)};
  while (GstMessage* more = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR)) errors.push_back(more);
  std::string text;
  bool resource = false;
  for (GstMessage* m : errors) {
    GError* error = nullptr;
    gchar* debug = nullptr;
    gst_message_parse_error(m, &error, &debug);
    if (error != nullptr && !resource && (text.empty() || error->domain == GST_RESOURCE_ERROR)) {
      text = error->message;
      resource = error->domain == GST_RESOURCE_ERROR;
      // souphttpsrc puts the HTTP status on the debug text's last line: "Not Found (404), ...".
      const std::string detail = debug != nullptr ? debug : "";
      const auto line = detail.rfind('\n');
      if (resource && line != std::string::npos) text += " (" + detail.substr(line + 1) + ")";
    }
    g_clear_error(&error);
    g_free(debug);
    gst_message_unref(m);
  }
  return text.empty() ? "unknown error" : text;
}

}  // namespace

GstRecordingPlayer::GstRecordingPlayer(std::string audio_sink, milliseconds load_timeout,
                                       std::string cache_dir)
    : m_audio_sink(std::move(audio_sink)),
      m_load_timeout(load_timeout),
      m_cache_dir(cache_dir.empty() ? std::string(g_get_user_cache_dir()) + "/telpanel/player-" +
                                          std::to_string(getpid())
                                    : std::move(cache_dir)) {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);
  GstElement* playbin = gst_element_factory_make("playbin", "recording-player");
  if (playbin == nullptr) return;  // every operation then fails with "not available"
  m_playbin.reset(GST_ELEMENT(gst_object_ref_sink(playbin)));
  gst_util_set_object_arg(G_OBJECT(playbin), "flags", "audio");
  if (GstElement* tempo = gst_element_factory_make("scaletempo", nullptr))
    g_object_set(playbin, "audio-filter", tempo, nullptr);
  GstElement* sink = nullptr;
  if (m_audio_sink.find('!') != std::string::npos) {
    // A pipeline description (tests: "... ! wavenc ! filesink location=... sync=true").
    sink = gst_parse_bin_from_description(m_audio_sink.c_str(), TRUE, nullptr);
  } else {
    sink = gst_element_factory_make(m_audio_sink.empty() ? "autoaudiosink" : m_audio_sink.c_str(),
                                    nullptr);
  }
  if (sink != nullptr) {
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(sink), "sync") != nullptr)
      g_object_set(sink, "sync", TRUE, nullptr);  // real time, also for fakesink
    g_object_set(playbin, "audio-sink", sink, nullptr);
  }
  g_signal_connect(playbin, "source-setup", G_CALLBACK(on_source_setup), nullptr);
  GstBus* bus = gst_element_get_bus(playbin);
  m_bus_watch = gst_bus_add_watch(bus, on_bus_message, this);
  gst_object_unref(bus);
}

GstRecordingPlayer::~GstRecordingPlayer() {
  for (const auto& f : m_cached_files) g_remove(f.c_str());
  if (!m_cached_files.empty()) g_rmdir(m_cache_dir.c_str());  // only if nothing else is there
  m_load_deadline.reset();
  if (!m_playbin) return;
  GstBus* bus = gst_element_get_bus(m_playbin.get());
  gst_bus_remove_watch(bus);
  gst_object_unref(bus);
  gst_element_set_state(m_playbin.get(), GST_STATE_NULL);
}

core::Result<std::string> GstRecordingPlayer::location_to_uri(const std::string& location) {
  if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0) {
    if (!gst_uri_is_valid(location.c_str()) || location.find(' ') != std::string::npos)
      return core::make_error(core::ErrorCode::InvalidArgument, "bad URL '" + location + "'");
    return location;
  }
  if (!location.empty() && location.front() == '/') {
    gchar* uri = g_filename_to_uri(location.c_str(), nullptr, nullptr);
    if (uri == nullptr)
      return core::make_error(core::ErrorCode::InvalidArgument, "bad path '" + location + "'");
    std::string out = uri;
    g_free(uri);
    return out;
  }
  return core::make_error(core::ErrorCode::InvalidArgument,
                          "'" + location + "' is neither an absolute path nor an http(s) URL");
}

core::Result<void> GstRecordingPlayer::open(const std::vector<std::string>& locations) {
  TELPANEL_ASSERT_MAIN_THREAD();
  if (!m_playbin)
    return core::make_error(core::ErrorCode::Internal, "GStreamer's playbin is not installed");
  if (locations.empty())
    return core::make_error(core::ErrorCode::InvalidArgument, "no recording to play");
  std::vector<std::string> uris;
  for (const auto& l : locations) {
    auto uri = location_to_uri(l);
    if (!uri) return uri.error();
    uris.push_back(*uri);
  }
  m_uris = std::move(uris);
  m_local.assign(m_uris.size(), "");
  for (std::size_t i = 0; i < m_uris.size(); ++i) {
    if (m_uris[i].rfind("file://", 0) == 0) m_local[i] = m_uris[i];
  }
  ++m_generation;
  m_error.clear();
  m_pending_position.reset();
  load(0, false);
  return {};
}

void GstRecordingPlayer::load(int part, bool play_after) {
  m_part = part;
  m_play_after_load = play_after;
  gst_element_set_state(m_playbin.get(), GST_STATE_NULL);
  set_state(State::Loading);
  const auto index = static_cast<std::size_t>(part);
  if (m_local[index].empty()) {
    // A URL is fetched whole into the cache first (souphttpsrc): recordings are small, and
    // seeking, skips, speed and the duration then work the same for every server.
    const std::string cached = m_cache_dir + "/part-" + std::to_string(++m_fetches) + ".opus";
    g_mkdir_with_parents(m_cache_dir.c_str(), 0700);
    const unsigned generation = m_generation;
    start_copy(m_uris[index], cached, "download", m_load_timeout,
               [this, alive = std::weak_ptr<int>(m_alive), generation, index,
                cached](core::Result<void> r) {
                 if (alive.expired() || generation != m_generation || m_state != State::Loading)
                   return;
                 if (!r) return fail(r.error().detail);
                 gchar* uri = g_filename_to_uri(cached.c_str(), nullptr, nullptr);
                 m_local[index] = uri;
                 g_free(uri);
                 m_cached_files.push_back(cached);
                 load(m_part, m_play_after_load);
               });
    return;
  }
  g_object_set(m_playbin.get(), "uri", m_local[index].c_str(), nullptr);
  m_load_deadline.reset(g_timeout_add(
      static_cast<guint>(m_load_timeout.count()),
      [](gpointer self) -> gboolean {
        auto* player = static_cast<GstRecordingPlayer*>(self);
        player->m_load_deadline.forget();
        player->fail("did not start within " +
                     std::to_string(player->m_load_timeout.count() / 1000) + " s");
        return G_SOURCE_REMOVE;
      },
      this));
  // A failure (missing file, refused connection) arrives as an ERROR on the bus.
  gst_element_set_state(m_playbin.get(), GST_STATE_PAUSED);
}

core::Result<void> GstRecordingPlayer::ready_for(const char* what) const {
  if (m_state == State::Idle || m_state == State::Failed)
    return core::make_error(core::ErrorCode::InvalidState,
                            std::string("cannot ") + what + ": " +
                                (m_state == State::Idle ? "no recording is open" : m_error));
  return {};
}

core::Result<void> GstRecordingPlayer::play() {
  if (auto r = ready_for("play"); !r) return r;
  if (m_state == State::Loading) {
    m_play_after_load = true;
    return {};
  }
  if (m_state == State::Ended) apply_position(milliseconds(0));
  gst_element_set_state(m_playbin.get(), GST_STATE_PLAYING);
  set_state(State::Playing);
  return {};
}

core::Result<void> GstRecordingPlayer::pause() {
  if (auto r = ready_for("pause"); !r) return r;
  if (m_state == State::Loading) {
    m_play_after_load = false;
    return {};
  }
  gst_element_set_state(m_playbin.get(), GST_STATE_PAUSED);
  if (m_state == State::Playing) set_state(State::Paused);
  return {};
}

void GstRecordingPlayer::apply_position(milliseconds position) {
  const auto duration = query_duration();
  position = std::max(milliseconds(0), position);
  if (duration) position = std::min(position, *duration);
  gst_element_seek(m_playbin.get(), m_speed, GST_FORMAT_TIME,
                   static_cast<GstSeekFlags>(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE),
                   GST_SEEK_TYPE_SET, static_cast<gint64>(to_clock(position)), GST_SEEK_TYPE_NONE,
                   GST_CLOCK_TIME_NONE);
}

core::Result<void> GstRecordingPlayer::seek(milliseconds position) {
  if (auto r = ready_for("seek"); !r) return r;
  if (m_state == State::Loading) {
    m_pending_position = position;
    return {};
  }
  apply_position(position);
  if (m_state == State::Ended) set_state(State::Playing);  // the flushing seek restarts it
  return {};
}

core::Result<void> GstRecordingPlayer::skip(milliseconds delta) {
  if (auto r = ready_for("skip"); !r) return r;
  if (m_state == State::Loading) {
    m_pending_position = m_pending_position.value_or(milliseconds(0)) + delta;
    return {};
  }
  return seek(query_position() + delta);
}

core::Result<void> GstRecordingPlayer::next_part() {
  if (auto r = ready_for("switch parts"); !r) return r;
  if (m_part + 1 >= static_cast<int>(m_uris.size()))
    return core::make_error(core::ErrorCode::InvalidState, "this is the last part");
  load(m_part + 1, m_state == State::Playing || m_play_after_load);
  return {};
}

core::Result<void> GstRecordingPlayer::previous_part() {
  if (auto r = ready_for("switch parts"); !r) return r;
  if (m_part == 0) return core::make_error(core::ErrorCode::InvalidState, "this is the first part");
  load(m_part - 1, m_state == State::Playing || m_play_after_load);
  return {};
}

core::Result<void> GstRecordingPlayer::set_speed(double speed) {
  if (!(speed >= k_min_speed && speed <= k_max_speed))
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "speed must be from 0.5 to 2 (got " + std::to_string(speed) + ")");
  m_speed = speed;
  if (m_state == State::Paused || m_state == State::Playing) apply_position(query_position());
  changed();
  return {};
}

void GstRecordingPlayer::save_copy(const std::string& destination,
                                   std::function<void(core::Result<void>)> done) {
  if (m_uris.empty())
    return done(core::make_error(core::ErrorCode::InvalidState, "no recording is open"));
  start_copy(m_uris[static_cast<std::size_t>(m_part)], destination,
             "save a copy to '" + destination + "'", m_load_timeout * 4, std::move(done));
}

milliseconds GstRecordingPlayer::query_position() const {
  gint64 position = 0;
  if (m_playbin && gst_element_query_position(m_playbin.get(), GST_FORMAT_TIME, &position))
    return from_clock(position);
  return milliseconds(0);
}

std::optional<milliseconds> GstRecordingPlayer::query_duration() const {
  gint64 duration = 0;
  if (m_playbin && gst_element_query_duration(m_playbin.get(), GST_FORMAT_TIME, &duration) &&
      duration >= 0)
    return from_clock(duration);
  return std::nullopt;
}

core::RecordingPlayer::Status GstRecordingPlayer::status() const {
  Status s;
  s.state = m_state;
  s.part = m_part;
  s.parts = static_cast<int>(m_uris.size());
  s.speed = m_speed;
  s.error = m_error;
  if (m_state == State::Paused || m_state == State::Playing || m_state == State::Ended) {
    s.position = query_position();
    s.duration = query_duration();
  }
  return s;
}

void GstRecordingPlayer::set_state(State state) {
  if (m_state == state) return;
  m_state = state;
  changed();
}

void GstRecordingPlayer::fail(const std::string& error) {
  m_load_deadline.reset();
  gst_element_set_state(m_playbin.get(), GST_STATE_NULL);
  m_error = "part " + std::to_string(m_part + 1) + " (" + m_uris[static_cast<std::size_t>(m_part)] +
            "): " + error;
  g_warning("player: %s", m_error.c_str());
  m_state = State::Failed;
  changed();
}

gboolean GstRecordingPlayer::on_bus_message(GstBus*, GstMessage* message, gpointer self) noexcept {
  try {
    static_cast<GstRecordingPlayer*>(self)->handle_bus_message(message);
  } catch (const std::exception& e) {
    g_critical("player bus handler: %s", e.what());
  }
  return G_SOURCE_CONTINUE;
}

void GstRecordingPlayer::handle_bus_message(GstMessage* message) {
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ERROR: {
      if (m_state == State::Failed) return;  // one report per failure
      GstBus* bus = gst_element_get_bus(m_playbin.get());
      const std::string text = describe_error(message, bus);
      gst_object_unref(bus);
      fail(text);
      return;
    }
    case GST_MESSAGE_ASYNC_DONE: {
      if (m_state != State::Loading) return;
      m_load_deadline.reset();
      if (m_pending_position || m_speed != 1.0) {
        apply_position(m_pending_position.value_or(milliseconds(0)));
        m_pending_position.reset();
      }
      if (m_play_after_load) {
        gst_element_set_state(m_playbin.get(), GST_STATE_PLAYING);
        set_state(State::Playing);
      } else {
        set_state(State::Paused);
      }
      return;
    }
    case GST_MESSAGE_EOS:
      if (m_part + 1 < static_cast<int>(m_uris.size())) {
        load(m_part + 1, true);  // a call's parts play as one
      } else {
        set_state(State::Ended);
      }
      return;
    default:
      return;
  }
}

}  // namespace telpanel::media
