// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/pipeline_graph.hpp"

#include <cstdio>
#include <map>

#include "media/wav_writer.hpp"

namespace telpanel::media {

// Read by rtpbin signal handlers on streaming threads; written only before the pipeline starts.
struct PipelineGraph::Dispatch {
  std::map<guint, GstCaps*> caps_by_pt;
  guint audio_pt = 0;
  std::optional<guint> dtmf_pt;
  GstElement* audio_funnel = nullptr;  // borrowed; lives in the pipeline
  GstElement* dtmf_funnel = nullptr;

  ~Dispatch() {
    for (auto& [pt, caps] : caps_by_pt) gst_caps_unref(caps);
  }
};

namespace {

bool is_tee(GstElement* element) {
  GstElementFactory* factory = gst_element_get_factory(element);
  return factory != nullptr && g_strcmp0(GST_OBJECT_NAME(factory), "tee") == 0;
}

class Builder {
 public:
  explicit Builder(GstElement* pipeline) : m_bin(GST_BIN(pipeline)) {}

  GstElement* add(const char* factory, const char* name = nullptr) {
    GstElement* element = gst_element_factory_make(factory, name);
    if (element == nullptr) {
      if (m_error.empty()) m_error = std::string("GStreamer element '") + factory + "' is missing";
      return nullptr;
    }
    gst_bin_add(m_bin, element);
    return element;
  }
  void link(GstElement* a, const char* a_pad, GstElement* b, const char* b_pad) {
    if (a == nullptr || b == nullptr) return;
    if (!gst_element_link_pads(a, a_pad, b, b_pad) && m_error.empty()) {
      m_error = std::string("cannot link ") + GST_ELEMENT_NAME(a) + " to " + GST_ELEMENT_NAME(b);
    }
  }
  void chain(std::initializer_list<GstElement*> elements) {
    GstElement* previous = nullptr;
    for (GstElement* element : elements) {
      if (previous != nullptr) link(previous, is_tee(previous) ? "src_%u" : "src", element, "sink");
      previous = element;
    }
  }
  const std::string& error() const { return m_error; }

 private:
  GstBin* m_bin;
  std::string m_error;
};

GstCaps* rtp_caps(const char* encoding, int clock_rate, int pt) {
  return gst_caps_new_simple("application/x-rtp", "media", G_TYPE_STRING, "audio", "clock-rate",
                             G_TYPE_INT, clock_rate, "encoding-name", G_TYPE_STRING, encoding,
                             "payload", G_TYPE_INT, pt, nullptr);
}

// Where the chain continues after `element`: `element` itself, or a tee whose second branch
// goes to the recording tap `tap` (when there is one).
GstElement* tap_point(Builder& b, GstElement* element, GstElement* tap) {
  if (tap == nullptr) return element;
  GstElement* tee = b.add("tee");
  if (tee == nullptr) return element;
  b.chain({element, tee});
  b.link(tee, "src_%u", tap, "sink");
  return tee;
}

void set_caps(GstElement* filter, GstCaps* caps) {
  if (filter != nullptr) g_object_set(filter, "caps", caps, nullptr);
  gst_caps_unref(caps);
}

}  // namespace

// rtpbin asks which caps a payload number has (streaming thread).
static GstCaps* on_request_pt_map(GstElement*, guint, guint pt, gpointer user_data) noexcept {
  const auto* dispatch = static_cast<const PipelineGraph::Dispatch*>(user_data);
  const auto found = dispatch->caps_by_pt.find(pt);
  return found == dispatch->caps_by_pt.end() ? nullptr : gst_caps_ref(found->second);
}

// rtpbin made a pad for a new SSRC/payload pair (streaming thread): route it by payload number.
static void on_pad_added(GstElement*, GstPad* pad, gpointer user_data) noexcept {
  const auto* dispatch = static_cast<const PipelineGraph::Dispatch*>(user_data);
  guint session = 0, ssrc = 0, pt = 0;
  if (std::sscanf(GST_PAD_NAME(pad), "recv_rtp_src_%u_%u_%u", &session, &ssrc, &pt) != 3) return;
  GstElement* funnel = pt == dispatch->audio_pt                        ? dispatch->audio_funnel
                       : dispatch->dtmf_pt && pt == *dispatch->dtmf_pt ? dispatch->dtmf_funnel
                                                                       : nullptr;
  if (funnel == nullptr) return;
  GstPad* sink = gst_element_request_pad_simple(funnel, "sink_%u");
  if (gst_pad_link(pad, sink) != GST_PAD_LINK_OK)
    g_warning("cannot link RTP stream ssrc=%u pt=%u", ssrc, pt);
  gst_object_unref(sink);
}

// An SSRC timed out or said BYE (streaming thread): give the funnel its pad back.
static void on_pad_removed(GstElement*, GstPad* pad, gpointer) noexcept {
  GstPad* peer = gst_pad_get_peer(pad);
  if (peer == nullptr) return;
  GstElement* funnel = gst_pad_get_parent_element(peer);
  gst_pad_unlink(pad, peer);
  if (funnel != nullptr) {
    gst_element_release_request_pad(funnel, peer);
    gst_object_unref(funnel);
  }
  gst_object_unref(peer);
}

PipelineGraph::PipelineGraph() : m_dispatch(std::make_unique<Dispatch>()) {}

PipelineGraph::~PipelineGraph() {
  if (m_pipeline) gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
}

core::Result<std::unique_ptr<PipelineGraph>> PipelineGraph::build(const GraphSpec& spec,
                                                                  const std::string& name) {
  std::unique_ptr<PipelineGraph> graph(new PipelineGraph());
  GstElement* pipeline = gst_pipeline_new(name.c_str());
  graph->m_pipeline.reset(GST_ELEMENT(gst_object_ref_sink(pipeline)));
  graph->m_input = spec.input;
  graph->m_output = spec.output;
  gst_bin_add_many(GST_BIN(pipeline), spec.input, spec.output, nullptr);
  for (GstElement* tap : {spec.capture_tap, spec.remote_tap}) {
    if (tap != nullptr) gst_bin_add(GST_BIN(pipeline), tap);
  }
  Builder b(pipeline);
  const CodecEntry& codec = spec.codec;

  GstElement* rtpbin = b.add("rtpbin");
  if (rtpbin != nullptr) g_object_set(rtpbin, "latency", 60u, nullptr);

  // Send: microphone -> encoder -> payloader -> dtmf mux -> valve -> rtpbin -> udpsink.
  GstElement* convert = b.add("audioconvert");
  GstElement* resample = b.add("audioresample");
  graph->m_volume = b.add("volume");
  GstElement* raw_caps = b.add("capsfilter");
  set_caps(raw_caps, gst_caps_new_simple("audio/x-raw", "rate", G_TYPE_INT, codec.raw_rate,
                                         "channels", G_TYPE_INT, 1, nullptr));
  GstElement* encoder = b.add(codec.encoder);
  GstElement* payloader = b.add(codec.payloader);
  if (payloader != nullptr) {
    g_object_set(payloader, "pt", static_cast<guint>(spec.audio_pt), nullptr);
    g_object_set(payloader, "max-ptime", static_cast<gint64>(20 * GST_MSECOND), nullptr);
  }
  GstElement* mux = b.add("rtpdtmfmux");
  graph->m_valve = b.add("valve");
  if (graph->m_valve != nullptr)
    gst_util_set_object_arg(G_OBJECT(graph->m_valve), "drop-mode", "forward-sticky-events");
  b.chain({spec.input, convert, resample, graph->m_volume, raw_caps});
  b.chain({tap_point(b, raw_caps, spec.capture_tap), encoder, payloader});
  b.link(payloader, "src", mux, "sink_%u");
  if (spec.dtmf_pt) {
    graph->m_dtmf_src = b.add("rtpdtmfsrc");
    if (graph->m_dtmf_src != nullptr)
      g_object_set(graph->m_dtmf_src, "pt", static_cast<guint>(*spec.dtmf_pt), nullptr);
    b.link(graph->m_dtmf_src, "src", mux, "priority_sink_%u");
  }
  b.chain({mux, graph->m_valve});
  b.link(graph->m_valve, "src", rtpbin, "send_rtp_sink_0");
  graph->m_rtp_sink = b.add("udpsink");
  graph->m_rtcp_sink = b.add("udpsink");
  b.link(rtpbin, "send_rtp_src_0", graph->m_rtp_sink, "sink");
  b.link(rtpbin, "send_rtcp_src_0", graph->m_rtcp_sink, "sink");
  for (auto [sink, socket] : {std::pair{graph->m_rtp_sink, spec.rtp_socket},
                              std::pair{graph->m_rtcp_sink, spec.rtcp_socket}}) {
    if (sink != nullptr)
      g_object_set(sink, "socket", socket, "close-socket", FALSE, "sync", FALSE, "async", FALSE,
                   nullptr);
  }

  // Receive: udpsrc -> rtpbin; rtpbin's per-SSRC/PT pads are dispatched by on_pad_added.
  GstElement* rtp_src = b.add("udpsrc");
  GstElement* rtcp_src = b.add("udpsrc");
  GstCaps* rtp_any = gst_caps_new_empty_simple("application/x-rtp");
  GstCaps* rtcp_any = gst_caps_new_empty_simple("application/x-rtcp");
  for (auto [src, socket, caps] : {std::tuple{rtp_src, spec.rtp_socket, rtp_any},
                                   std::tuple{rtcp_src, spec.rtcp_socket, rtcp_any}}) {
    if (src != nullptr)
      g_object_set(src, "socket", socket, "close-socket", FALSE, "caps", caps, nullptr);
  }
  gst_caps_unref(rtp_any);
  gst_caps_unref(rtcp_any);
  b.link(rtp_src, "src", rtpbin, "recv_rtp_sink_0");
  b.link(rtcp_src, "src", rtpbin, "recv_rtcp_sink_0");

  Dispatch& dispatch = *graph->m_dispatch;
  dispatch.audio_pt = static_cast<guint>(spec.audio_pt);
  dispatch.caps_by_pt[dispatch.audio_pt] =
      rtp_caps(codec.caps_encoding_name, codec.clock_rate, spec.audio_pt);
  dispatch.audio_funnel = b.add("funnel");
  GstElement* out_caps = b.add("capsfilter");
  set_caps(out_caps, gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "rate",
                                         G_TYPE_INT, WavWriter::k_rate, "channels", G_TYPE_INT,
                                         WavWriter::k_channels, nullptr));
  b.chain({dispatch.audio_funnel, b.add(codec.depayloader), b.add(codec.decoder),
           b.add("audioconvert"), b.add("audioresample"), out_caps});
  b.chain({tap_point(b, out_caps, spec.remote_tap), spec.output});
  if (spec.dtmf_pt) {
    dispatch.dtmf_pt = static_cast<guint>(*spec.dtmf_pt);
    dispatch.caps_by_pt[*dispatch.dtmf_pt] = rtp_caps("TELEPHONE-EVENT", 8000, *spec.dtmf_pt);
    dispatch.dtmf_funnel = b.add("funnel");
    GstElement* tones = b.add("fakesink");
    if (tones != nullptr) g_object_set(tones, "sync", FALSE, "async", FALSE, nullptr);
    b.chain({dispatch.dtmf_funnel, b.add("rtpdtmfdepay"), tones});
  }
  if (!b.error().empty()) return core::make_error(core::ErrorCode::Internal, b.error());

  g_signal_connect(rtpbin, "request-pt-map", G_CALLBACK(on_request_pt_map), &dispatch);
  g_signal_connect(rtpbin, "pad-added", G_CALLBACK(on_pad_added), &dispatch);
  g_signal_connect(rtpbin, "pad-removed", G_CALLBACK(on_pad_removed), &dispatch);
  return graph;
}

void PipelineGraph::set_remote(const std::string& host, int rtp_port, int rtcp_port) {
  g_object_set(m_rtp_sink, "host", host.c_str(), "port", rtp_port, nullptr);
  g_object_set(m_rtcp_sink, "host", host.c_str(), "port", rtcp_port, nullptr);
}

void PipelineGraph::set_sending(bool sending) {
  g_object_set(m_valve, "drop", sending ? FALSE : TRUE, nullptr);
}

void PipelineGraph::set_muted(bool muted) {
  g_object_set(m_volume, "mute", muted ? TRUE : FALSE, nullptr);
}

}  // namespace telpanel::media
