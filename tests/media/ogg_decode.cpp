// SPDX-License-Identifier: GPL-3.0-or-later
#include "ogg_decode.hpp"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include <cstring>

namespace telpanel::test {

std::optional<PcmWav> decode_ogg_opus(const std::string& path) {
  gchar* location = g_strescape(path.c_str(), nullptr);
  const std::string description =
      std::string("filesrc location=\"") + location +
      "\" ! oggdemux ! opusdec ! audioconvert ! audioresample ! "
      "audio/x-raw,format=S16LE,rate=48000,channels=1 ! appsink name=out sync=false";
  g_free(location);
  GError* error = nullptr;
  GstElement* pipeline = gst_parse_launch(description.c_str(), &error);
  if (pipeline == nullptr || error != nullptr) {
    g_clear_error(&error);
    if (pipeline != nullptr) gst_object_unref(pipeline);
    return std::nullopt;
  }
  GstElement* sink = gst_bin_get_by_name(GST_BIN(pipeline), "out");
  gst_element_set_state(pipeline, GST_STATE_PLAYING);
  PcmWav wav;
  wav.rate = 48000;
  wav.channels = 1;
  bool ok = false;
  while (true) {
    GstSample* sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 5 * GST_SECOND);
    if (sample == nullptr) {
      ok = gst_app_sink_is_eos(GST_APP_SINK(sink));
      break;
    }
    GstBuffer* buffer = gst_sample_get_buffer(sample);
    GstMapInfo map;
    if (gst_buffer_map(buffer, &map, GST_MAP_READ)) {
      const std::size_t n = map.size / 2;
      const std::size_t at = wav.samples.size();
      wav.samples.resize(at + n);
      std::memcpy(wav.samples.data() + at, map.data, n * 2);
      gst_buffer_unmap(buffer, &map);
    }
    gst_sample_unref(sample);
  }
  GstBus* bus = gst_element_get_bus(pipeline);
  GstMessage* failed = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
  if (failed != nullptr) {
    ok = false;
    gst_message_unref(failed);
  }
  gst_object_unref(bus);
  gst_element_set_state(pipeline, GST_STATE_NULL);
  gst_object_unref(sink);
  gst_object_unref(pipeline);
  if (!ok) return std::nullopt;
  return wav;
}

double tone_to_noise(const PcmWav& wav, double hz) {
  double noise = 0;
  const double off[] = {300, 700, 1300, 1700};
  for (double f : off) noise += goertzel_power(wav.samples, wav.rate, f);
  noise = noise / 4 + 1;
  return goertzel_power(wav.samples, wav.rate, hz) / noise;
}

}  // namespace telpanel::test
