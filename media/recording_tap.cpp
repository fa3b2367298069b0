// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/recording_tap.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

namespace telpanel::media {

namespace {

struct SinkContext {
  std::weak_ptr<RecordingTap> tap;
  RecordingTap::Side side;
};

// Streaming thread of the call pipeline: never blocks (appsrc queues or drops, see the writer).
GstFlowReturn on_new_sample(GstAppSink* sink, gpointer user_data) noexcept {
  GstSample* sample = gst_app_sink_pull_sample(sink);
  if (sample == nullptr) return GST_FLOW_EOS;
  const auto* context = static_cast<SinkContext*>(user_data);
  if (auto tap = context->tap.lock()) tap->push(context->side, sample);
  gst_sample_unref(sample);
  return GST_FLOW_OK;
}

void free_context(gpointer user_data) noexcept { delete static_cast<SinkContext*>(user_data); }

}  // namespace

RecordingTap::~RecordingTap() { detach(); }

GstElement* RecordingTap::make_sink(const std::shared_ptr<RecordingTap>& tap, Side side) {
  GstElement* sink = gst_element_factory_make("appsink", nullptr);
  if (sink == nullptr) return nullptr;
  // Not synchronised and never prerolling: the tap must not hold the call's audio back.
  g_object_set(sink, "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, "max-buffers", 4u,
               "drop", TRUE, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks(GST_APP_SINK(sink), &callbacks, new SinkContext{tap, side},
                             free_context);
  return sink;
}

void RecordingTap::attach(GstElement* capture_src, GstElement* remote_src) {
  GstElement* old[2];
  {
    std::lock_guard lock(m_mutex);
    old[0] = m_srcs[0];
    old[1] = m_srcs[1];
    m_srcs[0] = capture_src != nullptr ? GST_ELEMENT(gst_object_ref(capture_src)) : nullptr;
    m_srcs[1] = remote_src != nullptr ? GST_ELEMENT(gst_object_ref(remote_src)) : nullptr;
  }
  for (GstElement* e : old) {
    if (e != nullptr) gst_object_unref(e);
  }
}

void RecordingTap::push(Side side, GstSample* sample) {
  GstBuffer* buffer = gst_sample_get_buffer(sample);
  if (buffer == nullptr) return;
  std::lock_guard lock(m_mutex);
  GstElement* src = m_srcs[static_cast<int>(side)];
  if (src == nullptr) return;
  // Shares the memory; only the metadata is new. Cleared timestamps make the appsrc
  // (do-timestamp) stamp the arrival time in the recording pipeline's own clock.
  GstBuffer* copy = gst_buffer_copy(buffer);
  GST_BUFFER_PTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_OFFSET(copy) = GST_BUFFER_OFFSET_NONE;
  GstCaps* caps = gst_sample_get_caps(sample);
  if (caps != nullptr) {
    GstCaps* current = gst_app_src_get_caps(GST_APP_SRC(src));
    if (current == nullptr || !gst_caps_is_equal(current, caps))
      gst_app_src_set_caps(GST_APP_SRC(src), caps);
    if (current != nullptr) gst_caps_unref(current);
  }
  gst_app_src_push_buffer(GST_APP_SRC(src), copy);  // takes the copy
}

}  // namespace telpanel::media
