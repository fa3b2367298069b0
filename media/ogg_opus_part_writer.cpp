// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/ogg_opus_part_writer.hpp"

#include <gst/app/gstappsrc.h>

#include <exception>
#include <vector>

#include "mainloop/post_to_main.hpp"

namespace telpanel::media {

namespace {

// Wideband: of the call codecs only Opus carries more than 8 kHz of audio. At 16 kHz and
// 24 kbit/s the files are a quarter smaller than at 48 kHz and 32 kbit/s for the same CPU
// (bench/README.md, "Recording").
constexpr int k_rate = 16000;
constexpr guint k_mixer_latency = 80;  // ms the mixer waits for a late side before mixing
constexpr guint k_finish_deadline_s = 5;

std::size_t g_finishing = 0;
std::vector<std::function<void()>>& waiters() {
  static std::vector<std::function<void()>> all;  // main thread only
  return all;
}

void notify_waiters() {
  if (g_finishing != 0) return;
  auto pending = std::move(waiters());
  waiters().clear();
  for (auto& done : pending) done();
}

core::Error io_error(const std::string& path, const std::string& what) {
  return core::make_error(core::ErrorCode::Io, "recording '" + path + "': " + what);
}

std::string take_error(GstElement* pipeline) {
  GstBus* bus = gst_element_get_bus(pipeline);
  GstMessage* message = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
  gst_object_unref(bus);
  if (message == nullptr) return "the recording pipeline did not start";
  GError* error = nullptr;
  gst_message_parse_error(message, &error, nullptr);
  std::string text = error != nullptr ? error->message : "unknown error";
  g_clear_error(&error);
  gst_message_unref(message);
  return text;
}

}  // namespace

OggOpusPartWriter::OggOpusPartWriter(std::string path, OnError on_error)
    : m_path(std::move(path)), m_on_error(std::move(on_error)) {}

OggOpusPartWriter::~OggOpusPartWriter() { stop_pipeline(); }

core::Result<std::shared_ptr<OggOpusPartWriter>> OggOpusPartWriter::start(const std::string& path,
                                                                          OnError on_error) {
  gchar* dir = g_path_get_dirname(path.c_str());
  const int made = g_mkdir_with_parents(dir, 0700);
  const int saved = errno;
  const std::string dir_text = dir;
  g_free(dir);
  if (made != 0)
    return io_error(path, "cannot create directory " + dir_text + ": " + g_strerror(saved));
  std::shared_ptr<OggOpusPartWriter> writer(new OggOpusPartWriter(path, std::move(on_error)));
  if (auto built = writer->build(); !built) return built.error();
  if (gst_element_set_state(writer->m_pipeline.get(), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    const std::string reason = take_error(writer->m_pipeline.get());
    writer->stop_pipeline();
    return io_error(path, reason);
  }
  return writer;
}

core::Result<void> OggOpusPartWriter::build() {
  GstElement* pipeline = gst_pipeline_new("recording-part");
  m_pipeline.reset(GST_ELEMENT(gst_object_ref_sink(pipeline)));
  auto make = [&](const char* factory) {
    GstElement* e = gst_element_factory_make(factory, nullptr);
    if (e != nullptr) gst_bin_add(GST_BIN(pipeline), e);
    return e;
  };
  GstElement* mixer = make("audiomixer");
  GstElement* convert = make("audioconvert");
  GstElement* encoder = make("opusenc");
  GstElement* mux = make("oggmux");
  GstElement* file = make("filesink");
  if (!mixer || !convert || !encoder || !mux || !file)
    return core::make_error(core::ErrorCode::Internal,
                            "recording needs audiomixer, opusenc, oggmux and filesink "
                            "(gstreamer1.0-plugins-base/-good)");
  // 100 ms output buffers: ten aggregations a second instead of the default hundred.
  g_object_set(mixer, "latency", static_cast<guint64>(k_mixer_latency * GST_MSECOND),
               "output-buffer-duration", static_cast<guint64>(100 * GST_MSECOND), nullptr);
  g_object_set(encoder, "bitrate", 24000, nullptr);  // plenty for wideband speech
  gst_util_set_object_arg(G_OBJECT(encoder), "audio-type", "voice");
  g_object_set(file, "location", m_path.c_str(), "async", FALSE, nullptr);
  // Unbuffered: a full disk shows up within a page (about a second), not 64 KB later.
  gst_util_set_object_arg(G_OBJECT(file), "buffer-mode", "unbuffered");
  GstCaps* mixed = gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "rate",
                                       G_TYPE_INT, k_rate, "channels", G_TYPE_INT, 1, nullptr);
  for (GstElement** slot : {&m_capture_src, &m_remote_src}) {
    GstElement* src = make("appsrc");
    GstElement* conv = make("audioconvert");
    GstElement* resample = make("audioresample");
    GstElement* caps = make("capsfilter");
    if (!src || !conv || !resample || !caps)
      return core::make_error(core::ErrorCode::Internal, "recording: appsrc/audioconvert missing");
    // Live, stamped on arrival; a writer stalled for more than ~2 s (of 48 kHz S16 input, the
    // most a tap delivers) drops the oldest audio rather than growing.
    g_object_set(src, "is-live", TRUE, "do-timestamp", TRUE, "format", GST_FORMAT_TIME, "max-bytes",
                 static_cast<guint64>(48000 * 2 * 2), "block", FALSE, nullptr);
    gst_util_set_object_arg(G_OBJECT(src), "leaky-type", "downstream");
    g_object_set(caps, "caps", mixed, nullptr);
    if (!gst_element_link_many(src, conv, resample, caps, nullptr) ||
        !gst_element_link_pads(caps, "src", mixer, "sink_%u"))
      return core::make_error(core::ErrorCode::Internal, "recording: cannot link an input");
    *slot = src;
  }
  gst_caps_unref(mixed);
  if (!gst_element_link_many(mixer, convert, encoder, mux, file, nullptr))
    return core::make_error(core::ErrorCode::Internal, "recording: cannot link the encoder");
  GstBus* bus = gst_element_get_bus(pipeline);
  m_bus_watch = gst_bus_add_watch(bus, on_bus_message, this);
  gst_object_unref(bus);
  return {};
}

void OggOpusPartWriter::finish() {
  TELPANEL_ASSERT_MAIN_THREAD();
  if (m_finishing || m_stopped) return;
  m_finishing = true;
  m_self = shared_from_this();
  ++g_finishing;
  gst_app_src_end_of_stream(GST_APP_SRC(m_capture_src));
  gst_app_src_end_of_stream(GST_APP_SRC(m_remote_src));
  m_deadline.reset(g_timeout_add_seconds(
      k_finish_deadline_s,
      [](gpointer self) -> gboolean {
        auto* writer = static_cast<OggOpusPartWriter*>(self);
        writer->m_deadline.forget();
        g_warning("recording '%s': not finished after %u s; stopped as is", writer->m_path.c_str(),
                  k_finish_deadline_s);
        writer->stop_pipeline();
        return G_SOURCE_REMOVE;
      },
      this));
}

void OggOpusPartWriter::stop_pipeline() {
  m_deadline.reset();
  if (m_bus_watch != 0 && m_pipeline) {
    GstBus* bus = gst_element_get_bus(m_pipeline.get());
    gst_bus_remove_watch(bus);
    gst_object_unref(bus);
    m_bus_watch = 0;
  }
  if (m_pipeline && !m_stopped) gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
  m_stopped = true;
  if (m_finishing) {
    m_finishing = false;
    --g_finishing;
    // Release ourselves and tell waiters from a fresh main-loop turn, never from inside our
    // own methods.
    auto self = std::move(m_self);
    g_idle_add(
        [](gpointer holder) -> gboolean {
          delete static_cast<std::shared_ptr<OggOpusPartWriter>*>(holder);
          notify_waiters();
          return G_SOURCE_REMOVE;
        },
        new std::shared_ptr<OggOpusPartWriter>(std::move(self)));
  }
}

gboolean OggOpusPartWriter::on_bus_message(GstBus*, GstMessage* message, gpointer self) noexcept {
  try {
    static_cast<OggOpusPartWriter*>(self)->handle_bus_message(message);
  } catch (const std::exception& e) {
    g_critical("recording bus handler: %s", e.what());
  }
  return G_SOURCE_CONTINUE;  // removed by stop_pipeline()
}

void OggOpusPartWriter::handle_bus_message(GstMessage* message) {
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_EOS:
      g_debug("recording '%s' finished", m_path.c_str());
      stop_pipeline();
      return;
    case GST_MESSAGE_ERROR: {
      GError* error = nullptr;
      gst_message_parse_error(message, &error, nullptr);
      const std::string text = error != nullptr ? error->message : "unknown error";
      g_clear_error(&error);
      g_warning("recording '%s' failed: %s", m_path.c_str(), text.c_str());
      stop_pipeline();
      if (m_on_error) m_on_error(io_error(m_path, text));  // may drop the last owner: return
      return;
    }
    default:
      return;
  }
}

std::size_t OggOpusPartWriter::finishing_count() { return g_finishing; }

void OggOpusPartWriter::when_all_finished(std::function<void()> done) {
  if (g_finishing == 0) return done();
  waiters().push_back(std::move(done));
}

}  // namespace telpanel::media
