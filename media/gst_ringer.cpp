// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/gst_ringer.hpp"

#include <glib.h>
#include <gst/gst.h>

#include <chrono>
#include <exception>

namespace telpanel::media {

namespace {

using namespace std::chrono_literals;

constexpr double k_waiting_hz = 440;  // a short, quiet beep: the conversation stays audible
constexpr double k_waiting_volume = 0.25;
constexpr int k_waiting_buffers = 30;  // 10 ms each
constexpr double k_fallback_hz = 425;  // the European ring tone when the theme has no sound
constexpr int k_fallback_buffers = 100;

GstElement* make(const char* factory) {
  GstElement* e = gst_element_factory_make(factory, nullptr);
  if (e == nullptr) g_warning("ringer: GStreamer element %s is missing", factory);
  return e;
}

// audioconvert ! audioresample ! <device>, as a bin with a "sink" ghost pad.
GstElement* make_device_bin(const DeviceSpec& spec) {
  GstElement* bin = gst_bin_new("ringer-out");
  GstElement* convert = make("audioconvert");
  GstElement* resample = make("audioresample");
  GstElement* last = nullptr;
  GstElement* sink = nullptr;
  if (convert == nullptr || resample == nullptr) return nullptr;
  gst_bin_add_many(GST_BIN(bin), convert, resample, nullptr);
  gst_element_link(convert, resample);
  last = resample;
  switch (spec.kind) {
    case DeviceSpec::Kind::Wav: {
      GstElement* enc = make("wavenc");
      sink = make("filesink");
      if (enc == nullptr || sink == nullptr) return nullptr;
      g_object_set(sink, "location", spec.wav_path.c_str(), nullptr);
      gst_bin_add(GST_BIN(bin), enc);
      gst_element_link(last, enc);
      last = enc;
      break;
    }
    case DeviceSpec::Kind::Tone:
    case DeviceSpec::Kind::Null:
      sink = make("fakesink");
      if (sink == nullptr) return nullptr;
      g_object_set(sink, "sync", TRUE, nullptr);  // real time, so the pause pattern holds
      break;
    case DeviceSpec::Kind::Pulse: {
      sink = make("pulsesink");
      if (sink == nullptr) return nullptr;
      GstStructure* props =
          gst_structure_new("props", "media.role", G_TYPE_STRING, "event", nullptr);
      g_object_set(sink, "client-name", "telpanel", "stream-properties", props, nullptr);
      gst_structure_free(props);
      if (!spec.pulse_device.empty())
        g_object_set(sink, "device", spec.pulse_device.c_str(), nullptr);
      break;
    }
  }
  gst_bin_add(GST_BIN(bin), sink);
  gst_element_link(last, sink);
  GstPad* pad = gst_element_get_static_pad(convert, "sink");
  gst_element_add_pad(bin, gst_ghost_pad_new("sink", pad));
  gst_object_unref(pad);
  return bin;
}

GstElement* make_tone_pipeline(GstElement* out, double hz, double volume, int buffers) {
  GstElement* pipeline = gst_pipeline_new("ringer");
  GstElement* src = make("audiotestsrc");
  if (src == nullptr) return nullptr;
  g_object_set(src, "freq", hz, "volume", volume, "num-buffers", buffers, "samplesperbuffer", 441,
               "is-live", TRUE, nullptr);
  gst_bin_add_many(GST_BIN(pipeline), src, out, nullptr);
  gst_element_link(src, out);
  return pipeline;
}

gboolean bus_trampoline(GstBus*, GstMessage* message, gpointer self) noexcept {
  try {
    std::string error;
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
      GError* e = nullptr;
      gst_message_parse_error(message, &e, nullptr);
      error = e ? e->message : "unknown error";
      if (e) g_error_free(e);
    }
    static_cast<GstRinger*>(self)->on_bus_message(GST_MESSAGE_TYPE(message), error);
  } catch (const std::exception& e) {
    g_critical("ringer bus: %s", e.what());
  }
  return G_SOURCE_CONTINUE;
}

}  // namespace

GstRinger::GstRinger(const std::string& device, core::Scheduler& scheduler)
    : m_scheduler(scheduler) {
  auto spec = parse_device_spec(device, "ringer");
  if (spec) m_spec = *spec;
}

GstRinger::~GstRinger() { teardown(); }

std::string GstRinger::theme_sound(const std::string& event) {
  for (const gchar* const* dir = g_get_system_data_dirs(); *dir; ++dir) {
    for (const char* ext : {".oga", ".ogg", ".wav"}) {
      gchar* path =
          g_build_filename(*dir, "sounds", "freedesktop", "stereo", (event + ext).c_str(), nullptr);
      std::string out = path;
      g_free(path);
      if (g_file_test(out.c_str(), G_FILE_TEST_IS_REGULAR)) return out;
    }
  }
  return {};
}

void GstRinger::start(core::RingKind kind) {
  if (m_kind == kind) return;
  teardown();
  m_kind = kind;
  play_once();
}

void GstRinger::stop() {
  m_kind.reset();
  teardown();
}

void GstRinger::teardown() {
  m_pause.reset();
  drop_pipeline();
}

void GstRinger::drop_pipeline() {
  if (m_pipeline == nullptr) return;
  gst_element_set_state(m_pipeline, GST_STATE_NULL);
  if (m_bus_watch != 0) g_source_remove(m_bus_watch);
  m_bus_watch = 0;
  gst_object_unref(m_pipeline);
  m_pipeline = nullptr;
}

void GstRinger::play_once() {
  if (!m_kind || m_broken) return;
  GstElement* out = make_device_bin(m_spec);
  if (out == nullptr) {
    m_broken = true;
    return;
  }
  if (*m_kind == core::RingKind::CallWaiting) {
    m_pipeline = make_tone_pipeline(out, k_waiting_hz, k_waiting_volume, k_waiting_buffers);
  } else if (const std::string file = theme_sound("phone-incoming-call"); !file.empty()) {
    m_pipeline = make("playbin");
    if (m_pipeline) {
      gchar* uri = g_filename_to_uri(file.c_str(), nullptr, nullptr);
      g_object_set(m_pipeline, "uri", uri, "audio-sink", out, nullptr);
      g_free(uri);
    }
  } else {
    m_pipeline = make_tone_pipeline(out, k_fallback_hz, 0.5, k_fallback_buffers);
  }
  if (m_pipeline == nullptr) {
    m_broken = true;
    return;
  }
  gst_object_ref_sink(m_pipeline);
  GstBus* bus = gst_element_get_bus(m_pipeline);
  m_bus_watch = gst_bus_add_watch(bus, bus_trampoline, this);
  gst_object_unref(bus);
  gst_element_set_state(m_pipeline, GST_STATE_PLAYING);
}

void GstRinger::on_bus_message(int type, const std::string& error) {
  if (type == GST_MESSAGE_ERROR) {
    g_warning("ringer: %s; incoming calls will ring silently", error.c_str());
    m_broken = true;
    // Not from inside the pipeline's own bus watch: drop it from the loop.
    m_pause = m_scheduler.after(0ms, [this] { drop_pipeline(); });
  } else if (type == GST_MESSAGE_EOS) {
    // One ring (or beep) is done: pause, then the next one from a fresh pipeline.
    const auto pause = m_kind == core::RingKind::CallWaiting ? 2700ms : 1500ms;
    m_pause = m_scheduler.after(pause, [this] {
      drop_pipeline();
      play_once();
    });
  }
}

}  // namespace telpanel::media
