// SPDX-License-Identifier: GPL-3.0-or-later
// core::MediaSession on GStreamer: one call's RTP audio. Holds the bound sockets from creation
// on, (re)builds its PipelineGraph per negotiated codec, watches the bus on the main loop and
// reports DTMF and failures there. Main thread.
#pragma once

#include <gst/gst.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/media_engine.hpp"
#include "media/device_spec.hpp"
#include "media/dtmf_sender.hpp"
#include "media/ogg_opus_part_writer.hpp"
#include "media/recording_tap.hpp"
#include "media/rtp_sockets.hpp"
#include "media/wav_clip.hpp"
#include "media/wav_writer.hpp"

namespace telpanel::media {

class PipelineGraph;

/// Everything a session needs, already validated by GstMediaEngine::create_session.
struct SessionSetup {
  core::CallId call_id;
  std::string local_address;
  std::string input_name;  // the config strings, for error messages
  std::string output_name;
  DeviceSpec input;
  DeviceSpec output;
  std::shared_ptr<const WavClip> input_clip;  // set for a wav: input
  std::unique_ptr<WavWriter> recording;       // set for a wav: output
  std::vector<core::Codec> codecs;
};

class RtpAudioPipeline final : public core::MediaSession {
 public:
  static constexpr int k_telephone_event_pt = 101;

  /// Binds the RTP/RTCP sockets; fails if `local_address` is not a usable IP literal.
  static core::Result<std::unique_ptr<RtpAudioPipeline>> create(SessionSetup setup);
  ~RtpAudioPipeline() override;

  const core::MediaOffer& offer() const override { return m_offer; }
  core::Result<void> apply(const core::MediaPlan& plan) override;
  void set_muted(bool muted) override;
  core::Result<void> send_dtmf(char digit) override;
  void stop() override;
  core::Result<void> start_recording(const std::string& path) override;
  void stop_recording() override;

  /// Buffers that reached the output device so far (tests, diagnostics). Any thread.
  std::uint64_t received_buffers() const { return m_received->load(); }
  /// The WAV file this call records to ("" unless the output is wav:).
  std::string recording_path() const;

 private:
  explicit RtpAudioPipeline(SessionSetup setup);
  core::Result<void> rebuild(const core::MediaPlan& plan);
  void teardown();
  static gboolean on_bus_message(GstBus* bus, GstMessage* message, gpointer self) noexcept;
  void handle_bus_message(GstMessage* message);
  void report_failure(GstMessage* message);
  void on_part_failed(const std::string& path, const core::Error& error);

  SessionSetup m_setup;
  std::shared_ptr<WavWriter> m_recording;
  RtpSockets m_sockets;
  core::MediaOffer m_offer;
  std::optional<core::MediaPlan> m_plan;
  std::unique_ptr<PipelineGraph> m_graph;
  unsigned m_bus_watch = 0;
  DtmfSender m_dtmf;
  bool m_muted = false;
  bool m_stopped = false;
  bool m_failed = false;  // signal_failed already emitted for the current graph
  std::shared_ptr<RecordingTap> m_tap = std::make_shared<RecordingTap>();
  std::shared_ptr<OggOpusPartWriter> m_part;  // the recording part being written, if any
  std::shared_ptr<RtpAudioPipeline*> m_alive = std::make_shared<RtpAudioPipeline*>(this);
  std::shared_ptr<std::atomic<std::uint64_t>> m_received =
      std::make_shared<std::atomic<std::uint64_t>>(0);
};

}  // namespace telpanel::media
