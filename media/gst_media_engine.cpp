// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/gst_media_engine.hpp"

#include <gst/gst.h>

#include "mainloop/post_to_main.hpp"
#include "media/codec_table.hpp"
#include "media/device_spec.hpp"
#include "media/ogg_opus_part_writer.hpp"
#include "media/rtp_audio_pipeline.hpp"

namespace telpanel::media {

GstMediaEngine::GstMediaEngine(core::AudioDevices devices) : m_devices(std::move(devices)) {
  if (!gst_is_initialized()) {
    GError* error = nullptr;
    if (!gst_init_check(nullptr, nullptr, &error)) {
      g_warning("GStreamer failed to initialise: %s", error != nullptr ? error->message : "?");
      g_clear_error(&error);
      return;  // no codecs: every call is refused with NoCommonCodec by signalling
    }
  }
  m_codecs = installed_codecs();
}

void GstMediaEngine::when_recordings_finished(std::function<void()> done) {
  OggOpusPartWriter::when_all_finished(std::move(done));
}

core::Result<void> GstMediaEngine::check_devices(const core::AudioDevices& devices) {
  for (auto [text, role] :
       {std::pair{&devices.input, "audio input"}, std::pair{&devices.output, "audio output"},
        std::pair{&devices.ringer, "ringer"}}) {
    auto spec = parse_device_spec(*text, role);
    if (!spec) return spec.error();
  }
  return {};
}

core::Result<std::unique_ptr<core::MediaSession>> GstMediaEngine::create_session(
    const core::CallId& id, const std::string& local_address) {
  TELPANEL_ASSERT_MAIN_THREAD();
  if (m_codecs.empty())
    return core::make_error(core::ErrorCode::Internal, "no GStreamer audio codec is available");
  auto input = parse_device_spec(m_devices.input, "audio input");
  if (!input) return input.error();
  auto output = parse_device_spec(m_devices.output, "audio output");
  if (!output) return output.error();

  SessionSetup setup;
  setup.call_id = id;
  setup.local_address = local_address;
  setup.input_name = m_devices.input;
  setup.output_name = m_devices.output;
  setup.input = input.value();
  setup.output = output.value();
  setup.codecs = m_codecs;
  if (setup.input.kind == DeviceSpec::Kind::Wav) {
    auto clip = load_wav_clip(setup.input.wav_path);
    if (!clip) return clip.error();
    setup.input_clip = clip.value();
  }
  if (setup.output.kind == DeviceSpec::Kind::Wav) {
    auto writer = WavWriter::open(claim_recording_path(setup.output.wav_path));
    if (!writer) {
      return core::make_error(writer.error().code,
                              "audio output '" + m_devices.output + "': " + writer.error().detail);
    }
    setup.recording = std::move(writer.value());
  }
  auto session = RtpAudioPipeline::create(std::move(setup));
  if (!session) return session.error();
  return std::unique_ptr<core::MediaSession>(std::move(session.value()));
}

}  // namespace telpanel::media
