// SPDX-License-Identifier: GPL-3.0-or-later
// One call's GStreamer graph for one negotiated codec: microphone -> encoder -> RTP (+ RFC 4733
// DTMF) -> udpsink, and udpsrc -> rtpbin (jitter buffer) -> per-payload-type dispatch ->
// decoder -> speaker. Built and driven on the main thread; the rtpbin callbacks inside run on
// streaming threads and only read data fixed at build time.
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "media/codec_table.hpp"
#include "media/gst_handles.hpp"

namespace telpanel::media {

struct GraphSpec {
  CodecEntry codec;
  int audio_pt = 0;               // negotiated payload number, sent and expected
  std::optional<int> dtmf_pt;     // telephone-event payload number, if negotiated
  GSocket* rtp_socket = nullptr;  // shared, never closed by the graph
  GSocket* rtcp_socket = nullptr;
  GstElement* input = nullptr;   // floating; adopted by the graph even on failure
  GstElement* output = nullptr;  // floating; adopted by the graph even on failure
  // Optional recording taps (floating sinks, adopted): a tee hands them what the microphone
  // sends (after mute) and what the far end's decoded audio is.
  GstElement* capture_tap = nullptr;
  GstElement* remote_tap = nullptr;
};

class PipelineGraph {
 public:
  static core::Result<std::unique_ptr<PipelineGraph>> build(const GraphSpec& spec,
                                                            const std::string& name);
  ~PipelineGraph();  // sets the pipeline to NULL (joins its streaming threads) first
  PipelineGraph(const PipelineGraph&) = delete;
  PipelineGraph& operator=(const PipelineGraph&) = delete;

  GstElement* pipeline() const { return m_pipeline.get(); }
  GstElement* input() const { return m_input; }
  GstElement* output() const { return m_output; }
  GstElement* dtmf_source() const { return m_dtmf_src; }  // nullptr without telephone-event

  void set_remote(const std::string& host, int rtp_port, int rtcp_port);
  /// false: no RTP leaves the socket at all (hold, inactive); RTCP continues (RFC 3264 §5.1).
  void set_sending(bool sending);
  void set_muted(bool muted);

  struct Dispatch;  // defined in the .cpp; public only for the C callbacks there

 private:
  PipelineGraph();

  std::unique_ptr<Dispatch> m_dispatch;  // outlives m_pipeline (declared first)
  GstPtr<GstElement> m_pipeline;
  GstElement* m_input = nullptr;  // borrowed from m_pipeline from here on
  GstElement* m_output = nullptr;
  GstElement* m_volume = nullptr;
  GstElement* m_valve = nullptr;
  GstElement* m_rtp_sink = nullptr;
  GstElement* m_rtcp_sink = nullptr;
  GstElement* m_dtmf_src = nullptr;
};

}  // namespace telpanel::media
