// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/rtp_audio_pipeline.hpp"

#include <exception>

#include "mainloop/post_to_main.hpp"
#include "media/audio_endpoints.hpp"
#include "media/codec_table.hpp"
#include "media/pipeline_graph.hpp"

namespace telpanel::media {

namespace {

bool same_graph(const core::MediaPlan& a, const core::MediaPlan& b) {
  return core::same_codec(a.codec, b.codec) && a.codec.payload_type == b.codec.payload_type &&
         a.telephone_event_pt == b.telephone_event_pt;
}

bool sends(core::MediaDirection direction) { return direction == core::MediaDirection::SendRecv; }

int rtcp_port_of(const core::MediaPlan& plan) {
  return plan.remote_rtcp_port > 0 ? plan.remote_rtcp_port : plan.remote_rtp_port + 1;
}

// Runs on the output's streaming thread; counts what reaches the speaker/recording.
GstPadProbeReturn count_buffer(GstPad*, GstPadProbeInfo*, gpointer counter) noexcept {
  ++*static_cast<std::shared_ptr<std::atomic<std::uint64_t>>*>(counter)->get();
  return GST_PAD_PROBE_OK;
}

void free_counter(gpointer counter) noexcept {
  delete static_cast<std::shared_ptr<std::atomic<std::uint64_t>>*>(counter);
}

std::string device_label(const std::string& name) { return name.empty() ? "default" : name; }

}  // namespace

core::Result<std::unique_ptr<RtpAudioPipeline>> RtpAudioPipeline::create(SessionSetup setup) {
  std::unique_ptr<RtpAudioPipeline> session(new RtpAudioPipeline(std::move(setup)));
  auto bound = session->m_sockets.bind(session->m_setup.local_address);
  if (!bound) return bound.error();
  session->m_offer.address = session->m_setup.local_address;
  session->m_offer.rtp_port = session->m_sockets.rtp_port();
  session->m_offer.rtcp_port = session->m_sockets.rtcp_port();
  session->m_offer.codecs = session->m_setup.codecs;
  session->m_offer.telephone_event_pt = k_telephone_event_pt;
  g_debug("call %s: RTP %s:%d, RTCP port %d", session->m_setup.call_id.c_str(),
          session->m_offer.address.c_str(), session->m_offer.rtp_port, session->m_offer.rtcp_port);
  return session;
}

RtpAudioPipeline::RtpAudioPipeline(SessionSetup setup)
    : m_setup(std::move(setup)), m_recording(std::move(m_setup.recording)) {}

RtpAudioPipeline::~RtpAudioPipeline() { stop(); }

std::string RtpAudioPipeline::recording_path() const {
  return m_recording ? m_recording->path() : std::string();
}

core::Result<void> RtpAudioPipeline::apply(const core::MediaPlan& plan) {
  TELPANEL_ASSERT_MAIN_THREAD();
  if (m_stopped) return core::make_error(core::ErrorCode::InvalidState, "media session stopped");
  if (!find_codec_entry(plan.codec)) {
    return core::make_error(core::ErrorCode::NoCommonCodec,
                            "codec " + plan.codec.name + "/" +
                                std::to_string(plan.codec.clock_rate) + " is not supported");
  }
  if (plan.codec.payload_type < 0 || plan.codec.payload_type > 127 ||
      (plan.telephone_event_pt && (*plan.telephone_event_pt < 0 || *plan.telephone_event_pt > 127 ||
                                   *plan.telephone_event_pt == plan.codec.payload_type))) {
    return core::make_error(core::ErrorCode::InvalidArgument, "bad RTP payload number in plan");
  }
  if (plan.remote_address.empty() || plan.remote_rtp_port <= 0 || plan.remote_rtp_port > 65535 ||
      rtcp_port_of(plan) > 65535) {
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "bad remote media address '" + plan.remote_address + ":" +
                                std::to_string(plan.remote_rtp_port) + "'");
  }
  if (!m_graph || m_failed || !m_plan || !same_graph(*m_plan, plan)) {
    auto built = rebuild(plan);
    if (!built) return built;
  } else {
    // Same codec: hold/resume and a moved peer are property changes on the running graph.
    m_graph->set_remote(plan.remote_address, plan.remote_rtp_port, rtcp_port_of(plan));
    m_graph->set_sending(sends(plan.direction));
  }
  g_debug("call %s: %s %s/%d pt %d -> %s:%d", m_setup.call_id.c_str(),
          core::media_direction_name(plan.direction), plan.codec.name.c_str(),
          plan.codec.clock_rate, plan.codec.payload_type, plan.remote_address.c_str(),
          plan.remote_rtp_port);
  m_plan = plan;
  return {};
}

core::Result<void> RtpAudioPipeline::rebuild(const core::MediaPlan& plan) {
  teardown();
  const CodecEntry codec = *find_codec_entry(plan.codec);
  GraphSpec spec;
  spec.codec = codec;
  spec.audio_pt = plan.codec.payload_type;
  spec.dtmf_pt = plan.telephone_event_pt;
  spec.rtp_socket = m_sockets.rtp();
  spec.rtcp_socket = m_sockets.rtcp();
  spec.input = make_input_bin(m_setup.input, codec.raw_rate, m_setup.input_clip);
  spec.output = make_output_bin(m_setup.output, m_recording);
  spec.capture_tap = RecordingTap::make_sink(m_tap, RecordingTap::Side::Capture);
  spec.remote_tap = RecordingTap::make_sink(m_tap, RecordingTap::Side::Remote);
  if (spec.input == nullptr || spec.output == nullptr) {
    for (GstElement* bin : {spec.input, spec.output, spec.capture_tap, spec.remote_tap}) {
      if (bin != nullptr) gst_object_unref(gst_object_ref_sink(bin));
    }
    return core::make_error(
        core::ErrorCode::Io,
        std::string(spec.input == nullptr ? "audio input '" + device_label(m_setup.input_name)
                                          : "audio output '" + device_label(m_setup.output_name)) +
            "': its GStreamer element is not installed");
  }
  auto graph = PipelineGraph::build(spec, "call-" + m_setup.call_id);
  if (!graph) return graph.error();
  m_graph = std::move(graph.value());
  m_failed = false;

  GstPad* sink = gst_element_get_static_pad(m_graph->output(), "sink");
  gst_pad_add_probe(sink, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
                    new std::shared_ptr<std::atomic<std::uint64_t>>(m_received), free_counter);
  gst_object_unref(sink);

  m_graph->set_remote(plan.remote_address, plan.remote_rtp_port, rtcp_port_of(plan));
  m_graph->set_sending(sends(plan.direction));
  m_graph->set_muted(m_muted);
  m_dtmf.attach(m_graph->dtmf_source());
  GstBus* bus = gst_element_get_bus(m_graph->pipeline());
  m_bus_watch = gst_bus_add_watch(bus, on_bus_message, this);
  gst_object_unref(bus);
  // A failure here (no PulseAudio, busy device) is also posted on the bus; the watch reports
  // it through signal_failed from the main loop, so apply() itself still succeeds.
  if (gst_element_set_state(m_graph->pipeline(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    g_debug("call %s: pipeline did not start", m_setup.call_id.c_str());
  return {};
}

void RtpAudioPipeline::teardown() {
  m_dtmf.attach(nullptr);
  if (m_graph) {
    GstBus* bus = gst_element_get_bus(m_graph->pipeline());
    gst_bus_remove_watch(bus);
    gst_object_unref(bus);
    m_bus_watch = 0;
    m_graph.reset();  // NULL state: streaming threads joined, sockets stay open
  }
}

void RtpAudioPipeline::set_muted(bool muted) {
  TELPANEL_ASSERT_MAIN_THREAD();
  m_muted = muted;
  if (m_graph) m_graph->set_muted(muted);
}

core::Result<void> RtpAudioPipeline::send_dtmf(char digit) {
  TELPANEL_ASSERT_MAIN_THREAD();
  const int number = DtmfSender::event_number(digit);
  if (number < 0) {
    return core::make_error(core::ErrorCode::InvalidArgument,
                            std::string("not a DTMF digit: '") + digit + "'");
  }
  if (m_stopped || !m_plan || !m_plan->telephone_event_pt || !m_dtmf.attached()) {
    return core::make_error(core::ErrorCode::InvalidState,
                            "no RFC 4733 telephone-event negotiated for this call");
  }
  m_dtmf.enqueue(number);
  return {};
}

core::Result<void> RtpAudioPipeline::start_recording(const std::string& path) {
  TELPANEL_ASSERT_MAIN_THREAD();
  if (m_stopped) return core::make_error(core::ErrorCode::InvalidState, "media session stopped");
  stop_recording();
  std::weak_ptr<RtpAudioPipeline*> alive = m_alive;
  auto part = OggOpusPartWriter::start(path, [alive, path](const core::Error& error) {
    if (auto self = alive.lock()) (*self)->on_part_failed(path, error);
  });
  if (!part) return part.error();
  m_part = std::move(part.value());
  m_tap->attach(m_part->capture_src(), m_part->remote_src());
  g_debug("call %s: recording to %s", m_setup.call_id.c_str(), path.c_str());
  return {};
}

void RtpAudioPipeline::stop_recording() {
  m_tap->detach();
  if (m_part) m_part->finish();
  m_part.reset();
}

void RtpAudioPipeline::on_part_failed(const std::string& path, const core::Error& error) {
  if (!m_part || m_part->path() != path) return;  // an older part; already reported as ended
  m_tap->detach();
  m_part.reset();
  m_signal_recording_failed.emit(error);
}

void RtpAudioPipeline::stop() {
  if (m_stopped) return;
  stop_recording();
  m_stopped = true;
  teardown();
  // Samples still queued on the main loop are dropped: the writer is gone when they run.
  if (m_recording) m_recording->finish();
  m_recording.reset();
  m_sockets.close();
}

gboolean RtpAudioPipeline::on_bus_message(GstBus*, GstMessage* message, gpointer self) noexcept {
  try {
    static_cast<RtpAudioPipeline*>(self)->handle_bus_message(message);
  } catch (const std::exception& e) {
    g_critical("media bus handler: %s", e.what());
  }
  return G_SOURCE_CONTINUE;  // the watch is removed by teardown(), never by returning FALSE
}

void RtpAudioPipeline::handle_bus_message(GstMessage* message) {
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ERROR:
      report_failure(message);
      return;
    case GST_MESSAGE_WARNING: {
      GError* error = nullptr;
      gst_message_parse_warning(message, &error, nullptr);
      g_warning("call %s: %s", m_setup.call_id.c_str(), error->message);
      g_clear_error(&error);
      return;
    }
    case GST_MESSAGE_ELEMENT: {
      const GstStructure* s = gst_message_get_structure(message);
      if (s == nullptr || !gst_structure_has_name(s, "dtmf-event")) return;
      // rtpdtmfdepay posts once per event (new RTP timestamp); skip any explicit end notice.
      gboolean start = TRUE;
      if (gst_structure_get_boolean(s, "start", &start) && !start) return;
      int number = -1;
      if (!gst_structure_get_int(s, "number", &number)) return;
      const char digit = DtmfSender::digit_for(number);
      if (digit != '\0') m_signal_dtmf_received.emit(digit);  // may destroy this; return now
      return;
    }
    default:
      return;
  }
}

void RtpAudioPipeline::report_failure(GstMessage* message) {
  GError* error = nullptr;
  gchar* debug = nullptr;
  gst_message_parse_error(message, &error, &debug);
  const std::string text = error != nullptr ? error->message : "unknown error";
  g_debug("call %s: pipeline error: %s (%s)", m_setup.call_id.c_str(), text.c_str(),
          debug != nullptr ? debug : "");
  g_clear_error(&error);
  g_free(debug);
  if (m_failed || !m_graph) return;
  m_failed = true;
  GstObject* src = GST_MESSAGE_SRC(message);
  std::string what = "audio stream";
  if (src == GST_OBJECT(m_graph->input()) ||
      gst_object_has_as_ancestor(src, GST_OBJECT(m_graph->input()))) {
    what = "audio input '" + device_label(m_setup.input_name) + "'";
  } else if (src == GST_OBJECT(m_graph->output()) ||
             gst_object_has_as_ancestor(src, GST_OBJECT(m_graph->output()))) {
    what = "audio output '" + device_label(m_setup.output_name) + "'";
  }
  // The call goes on without audio: stop the graph but keep sockets and plan for a later apply.
  gst_element_set_state(m_graph->pipeline(), GST_STATE_NULL);
  g_warning("call %s: %s: %s", m_setup.call_id.c_str(), what.c_str(), text.c_str());
  m_signal_failed.emit(core::make_error(core::ErrorCode::Io, what + ": " + text));
}

}  // namespace telpanel::media
