// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/audio_endpoints.hpp"

#include <gst/app/gstappsink.h>

#include <exception>
#include <vector>

#include "mainloop/post_to_main.hpp"

namespace telpanel::media {

namespace {

GstElement* make(const char* factory, const char* name = nullptr) {
  GstElement* element = gst_element_factory_make(factory, name);
  if (element == nullptr) g_warning("GStreamer element '%s' is not installed", factory);
  return element;
}

GstStructure* pulse_stream_properties() {
  return gst_structure_new("props", "media.role", G_TYPE_STRING, "phone", "application.name",
                           G_TYPE_STRING, "telpanel", nullptr);
}

// Wraps a chain of already-linked elements in a bin with one ghost pad on `edge`.
// nullptr (and nothing leaked) when an element is missing.
GstElement* bin_with_ghost(std::vector<GstElement*> chain, GstElement* edge, const char* pad) {
  for (GstElement* element : chain) {
    if (element != nullptr) continue;
    for (GstElement* other : chain) {
      if (other != nullptr) gst_object_unref(gst_object_ref_sink(other));
    }
    return nullptr;
  }
  GstElement* bin = gst_bin_new(nullptr);
  for (GstElement* element : chain) gst_bin_add(GST_BIN(bin), element);
  for (std::size_t i = 1; i < chain.size(); ++i) gst_element_link(chain[i - 1], chain[i]);
  GstPad* target = gst_element_get_static_pad(edge, pad);
  gst_element_add_pad(bin, gst_ghost_pad_new(pad, target));
  gst_object_unref(target);
  return bin;
}

GstElement* generated_source(int rate, const char* wave, double hz) {
  GstElement* src = make("audiotestsrc", "input");
  GstElement* caps = make("capsfilter");
  if (src == nullptr || caps == nullptr) return bin_with_ghost({src, caps}, caps, "src");
  g_object_set(src, "is-live", TRUE, "samplesperbuffer", rate / 50, nullptr);
  gst_util_set_object_arg(G_OBJECT(src), "wave", wave);
  if (hz > 0) g_object_set(src, "freq", hz, "volume", 0.5, nullptr);
  GstCaps* raw = gst_caps_new_simple("audio/x-raw", "rate", G_TYPE_INT, rate, "channels",
                                     G_TYPE_INT, 1, nullptr);
  g_object_set(caps, "caps", raw, nullptr);
  gst_caps_unref(raw);
  return bin_with_ghost({src, caps}, caps, "src");
}

// Runs on the appsink's streaming thread: copy the samples, hand them to the main loop.
GstFlowReturn on_new_sample(GstAppSink* sink, gpointer user_data) noexcept {
  GstSample* sample = gst_app_sink_pull_sample(sink);
  if (sample == nullptr) return GST_FLOW_EOS;
  try {
    GstBuffer* buffer = gst_sample_get_buffer(sample);
    GstMapInfo map;
    if (buffer != nullptr && gst_buffer_map(buffer, &map, GST_MAP_READ)) {
      std::vector<std::uint8_t> bytes(map.data, map.data + map.size);
      gst_buffer_unmap(buffer, &map);
      auto writer = *static_cast<std::weak_ptr<WavWriter>*>(user_data);
      mainloop::post_to_main([writer, bytes = std::move(bytes)] {
        if (auto alive = writer.lock()) alive->append(bytes);
      });
    }
  } catch (const std::exception& e) {
    g_critical("recording sink: %s", e.what());
  }
  gst_sample_unref(sample);
  return GST_FLOW_OK;
}

void free_writer_ref(gpointer user_data) noexcept {
  delete static_cast<std::weak_ptr<WavWriter>*>(user_data);
}

}  // namespace

GstElement* make_input_bin(const DeviceSpec& spec, int rate, std::shared_ptr<const WavClip> clip) {
  switch (spec.kind) {
    case DeviceSpec::Kind::Tone:
      return generated_source(rate, "sine", spec.tone_hz);
    case DeviceSpec::Kind::Null:
      return generated_source(rate, "silence", 0);
    case DeviceSpec::Kind::Wav:
      return make_wav_clip_source(std::move(clip));
    case DeviceSpec::Kind::Pulse:
      break;
  }
  GstElement* src = make("pulsesrc", "input");
  if (src == nullptr) return nullptr;
  GstStructure* props = pulse_stream_properties();
  // 20 ms reads, 40 ms device buffer: what GNOME Calls uses for a phone stream.
  g_object_set(src, "buffer-time", static_cast<gint64>(40000), "latency-time",
               static_cast<gint64>(20000), "client-name", "telpanel", "stream-properties", props,
               nullptr);
  gst_structure_free(props);
  if (!spec.pulse_device.empty()) g_object_set(src, "device", spec.pulse_device.c_str(), nullptr);
  return bin_with_ghost({src}, src, "src");
}

GstElement* make_output_bin(const DeviceSpec& spec, std::weak_ptr<WavWriter> writer) {
  GstElement* sink = nullptr;
  switch (spec.kind) {
    case DeviceSpec::Kind::Wav: {
      sink = make("appsink", "output");
      if (sink == nullptr) return nullptr;
      GstCaps* caps = gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "rate",
                                          G_TYPE_INT, WavWriter::k_rate, "channels", G_TYPE_INT,
                                          WavWriter::k_channels, nullptr);
      g_object_set(sink, "caps", caps, "sync", FALSE, "async", FALSE, nullptr);
      gst_caps_unref(caps);
      GstAppSinkCallbacks callbacks{};
      callbacks.new_sample = on_new_sample;
      gst_app_sink_set_callbacks(GST_APP_SINK(sink), &callbacks,
                                 new std::weak_ptr<WavWriter>(std::move(writer)), free_writer_ref);
      break;
    }
    case DeviceSpec::Kind::Tone:  // a tone is not a speaker; treat it like null
    case DeviceSpec::Kind::Null:
      sink = make("fakesink", "output");
      if (sink == nullptr) return nullptr;
      g_object_set(sink, "sync", FALSE, "async", FALSE, nullptr);
      break;
    case DeviceSpec::Kind::Pulse: {
      sink = make("pulsesink", "output");
      if (sink == nullptr) return nullptr;
      GstStructure* props = pulse_stream_properties();
      g_object_set(sink, "buffer-time", static_cast<gint64>(40000), "latency-time",
                   static_cast<gint64>(20000), "client-name", "telpanel", "stream-properties",
                   props, nullptr);
      gst_structure_free(props);
      if (!spec.pulse_device.empty())
        g_object_set(sink, "device", spec.pulse_device.c_str(), nullptr);
      break;
    }
  }
  return bin_with_ghost({sink}, sink, "sink");
}

}  // namespace telpanel::media
