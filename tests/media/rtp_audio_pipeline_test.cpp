// SPDX-License-Identifier: GPL-3.0-or-later
// Two RtpAudioPipelines talking over 127.0.0.1 in one process: tones per codec checked in the
// WAV recordings, DTMF, hold, mute, WAV input and failures. Real GLib loop, no sound card.
#include "media/rtp_audio_pipeline.hpp"

#include <glib.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "media/gst_media_engine.hpp"
#include "media/wav_writer.hpp"
#include "tests/support/main_loop_fixture.hpp"
#include "tone_analysis.hpp"

namespace telpanel::media {
namespace {

using namespace std::chrono_literals;

struct Peer {
  std::unique_ptr<GstMediaEngine> engine;
  std::unique_ptr<core::MediaSession> session;
  std::vector<char> digits;
  std::vector<core::Error> failures;

  RtpAudioPipeline& pipeline() { return static_cast<RtpAudioPipeline&>(*session); }
};

core::MediaPlan plan_to(const core::MediaOffer& peer, const core::Codec& codec,
                        std::optional<int> telephone_event_pt = std::nullopt,
                        core::MediaDirection direction = core::MediaDirection::SendRecv) {
  core::MediaPlan plan;
  plan.remote_address = peer.address;
  plan.remote_rtp_port = peer.rtp_port;
  plan.remote_rtcp_port = peer.rtcp_port;
  plan.codec = codec;
  plan.telephone_event_pt = telephone_event_pt;
  plan.direction = direction;
  return plan;
}

const core::Codec k_pcmu{"PCMU", 8000, 1, 0, ""};

class RtpAudioPipelineTest : public test::MainLoopFixture {
 protected:
  void SetUp() override {
    gchar* dir = g_dir_make_tmp("telpanel-media-XXXXXX", nullptr);
    ASSERT_NE(dir, nullptr);
    m_dir = dir;
    g_free(dir);
  }
  void TearDown() override {
    for (Peer* peer : {&a, &b}) {
      if (peer->session) peer->session->stop();
      EXPECT_TRUE(peer->failures.empty()) << peer->failures.front().detail;
    }
    drain();
    std::filesystem::remove_all(m_dir);
  }

  std::string path(const std::string& name) const { return m_dir + "/" + name; }

  void open(Peer& peer, const std::string& input, const std::string& output) {
    peer.engine = std::make_unique<GstMediaEngine>(core::AudioDevices{input, output, "null"});
    auto session = peer.engine->create_session(core::next_call_id(), "127.0.0.1");
    ASSERT_TRUE(session) << session.error().detail;
    peer.session = std::move(session.value());
    peer.session->signal_dtmf_received().connect([&peer](char d) { peer.digits.push_back(d); });
    peer.session->signal_failed().connect(
        [&peer](const core::Error& e) { peer.failures.push_back(e); });
  }

  // A: 1000 Hz tone, B: 440 Hz tone, both record what they receive.
  void open_pair() {
    open(a, "tone:1000", "wav:" + path("a.wav"));
    open(b, "tone:440", "wav:" + path("b.wav"));
  }

  void connect(const core::Codec& codec, std::optional<int> te = std::nullopt) {
    ASSERT_TRUE(a.session->apply(plan_to(b.session->offer(), codec, te)));
    ASSERT_TRUE(b.session->apply(plan_to(a.session->offer(), codec, te)));
  }

  void expect_tone(const std::string& file, double hz) {
    auto wav = test::read_pcm_wav(file);
    ASSERT_TRUE(wav) << file << " is not a valid WAV file";
    EXPECT_EQ(wav->rate, WavWriter::k_rate);
    EXPECT_GT(wav->samples.size(), static_cast<std::size_t>(wav->rate) * 8 / 10)
        << "less than 0.8 s of audio in " << file;
    EXPECT_GT(test::rms(wav->samples), 3000) << file;
    EXPECT_NEAR(test::dominant_frequency(wav->samples, wav->rate), hz, 15) << file;
  }

  Peer a, b;
  std::string m_dir;
};

TEST_F(RtpAudioPipelineTest, OfferHasBoundPortsAndInstalledCodecs) {
  open_pair();
  const auto& offer = a.session->offer();
  EXPECT_EQ(offer.address, "127.0.0.1");
  EXPECT_GT(offer.rtp_port, 0);
  EXPECT_GT(offer.rtcp_port, 0);
  EXPECT_NE(offer.rtp_port, offer.rtcp_port);
  EXPECT_NE(offer.rtp_port, b.session->offer().rtp_port);
  EXPECT_EQ(offer.telephone_event_pt, 101);
  EXPECT_EQ(offer.codecs.size(), a.engine->supported_codecs().size());
}

struct CodecCase {
  const char* label;
  core::Codec codec;
};

void PrintTo(const CodecCase& c, std::ostream* os) { *os << c.label; }

class CodecTest : public RtpAudioPipelineTest, public ::testing::WithParamInterface<CodecCase> {};

TEST_P(CodecTest, TonesCrossInBothDirections) {
  open_pair();
  connect(GetParam().codec, 101);
  run_for(1500ms);
  a.session->stop();
  b.session->stop();
  expect_tone(path("a.wav"), 440);
  expect_tone(path("b.wav"), 1000);
}

INSTANTIATE_TEST_SUITE_P(
    Codecs, CodecTest,
    ::testing::Values(CodecCase{"PCMU", {"PCMU", 8000, 1, 0, ""}},
                      CodecCase{"PCMA", {"PCMA", 8000, 1, 8, ""}},
                      CodecCase{"G722", {"G722", 8000, 1, 9, ""}},
                      // 97, not our 111: the negotiated number must be honoured both ways.
                      CodecCase{"opus_pt97", {"opus", 48000, 2, 97, ""}},
                      // A static codec under a dynamic number works too.
                      CodecCase{"PCMU_pt96", {"PCMU", 8000, 1, 96, ""}}),
    [](const ::testing::TestParamInfo<CodecCase>& info) { return info.param.label; });

TEST_F(RtpAudioPipelineTest, DtmfDigitsArriveInOrderOncePerPress) {
  open_pair();
  connect(k_pcmu, 101);
  ASSERT_TRUE(a.session->send_dtmf('1'));
  ASSERT_TRUE(a.session->send_dtmf('#'));
  ASSERT_TRUE(run_until([&] { return b.digits.size() >= 2; }, 5s));
  run_for(400ms);  // any duplicate (end packets, retransmitted events) would show up by now
  EXPECT_EQ(std::string(b.digits.begin(), b.digits.end()), "1#");
}

TEST_F(RtpAudioPipelineTest, DtmfNeedsNegotiatedTelephoneEvent) {
  open_pair();
  EXPECT_EQ(a.session->send_dtmf('1').error().code, core::ErrorCode::InvalidState);
  connect(k_pcmu);  // no telephone-event
  EXPECT_EQ(a.session->send_dtmf('1').error().code, core::ErrorCode::InvalidState);
  ASSERT_TRUE(a.session->apply(plan_to(b.session->offer(), k_pcmu, 101)));
  EXPECT_EQ(a.session->send_dtmf('x').error().code, core::ErrorCode::InvalidArgument);
  EXPECT_TRUE(a.session->send_dtmf('5'));
}

TEST_F(RtpAudioPipelineTest, InactiveStopsSendingAndResumeRestartsIt) {
  open_pair();
  connect(k_pcmu, 101);
  ASSERT_TRUE(run_until([&] { return b.pipeline().received_buffers() > 20; }, 5s));

  ASSERT_TRUE(
      a.session->apply(plan_to(b.session->offer(), k_pcmu, 101, core::MediaDirection::Inactive)));
  run_for(300ms);  // what was in flight and in B's jitter buffer drains
  const auto on_hold = b.pipeline().received_buffers();
  run_for(700ms);
  EXPECT_EQ(b.pipeline().received_buffers(), on_hold) << "B still receives audio from A";
  EXPECT_GT(a.pipeline().received_buffers(), 0u) << "A must still receive B";

  ASSERT_TRUE(a.session->apply(plan_to(b.session->offer(), k_pcmu, 101)));
  EXPECT_TRUE(run_until([&] { return b.pipeline().received_buffers() > on_hold + 20; }, 5s));
  a.session->stop();
  b.session->stop();
  expect_tone(path("b.wav"), 1000);  // one file across hold and resume, still valid
}

TEST_F(RtpAudioPipelineTest, ReapplyWithNewRemotePortRedirectsAudio) {
  open_pair();
  Peer c;
  open(c, "null", "null");
  connect(k_pcmu, 101);
  ASSERT_TRUE(run_until([&] { return b.pipeline().received_buffers() > 10; }, 5s));
  // Same codec, new peer address (a re-INVITE after transfer): no rebuild, audio moves to C.
  ASSERT_TRUE(c.session->apply(plan_to(a.session->offer(), k_pcmu, 101)));
  ASSERT_TRUE(a.session->apply(plan_to(c.session->offer(), k_pcmu, 101)));
  run_for(300ms);
  const auto b_before = b.pipeline().received_buffers();
  EXPECT_TRUE(run_until([&] { return c.pipeline().received_buffers() > 10; }, 5s));
  run_for(300ms);
  EXPECT_EQ(b.pipeline().received_buffers(), b_before) << "A still sends to B";
  c.session->stop();
  EXPECT_TRUE(c.failures.empty());
}

TEST_F(RtpAudioPipelineTest, SendOnlyAndRecvOnlyDoNotSend) {
  open_pair();
  connect(k_pcmu);
  ASSERT_TRUE(run_until([&] { return b.pipeline().received_buffers() > 10; }, 5s));
  for (auto direction : {core::MediaDirection::SendOnly, core::MediaDirection::RecvOnly}) {
    ASSERT_TRUE(a.session->apply(plan_to(b.session->offer(), k_pcmu, std::nullopt, direction)));
    run_for(300ms);
    const auto held = b.pipeline().received_buffers();
    run_for(500ms);
    EXPECT_EQ(b.pipeline().received_buffers(), held) << core::media_direction_name(direction);
  }
}

TEST_F(RtpAudioPipelineTest, MutedSideSendsSilence) {
  open_pair();
  a.session->set_muted(true);
  connect(k_pcmu);
  run_for(1500ms);
  a.session->stop();
  b.session->stop();
  auto wav = test::read_pcm_wav(path("b.wav"));
  ASSERT_TRUE(wav);
  EXPECT_GT(wav->samples.size(), static_cast<std::size_t>(wav->rate) * 8 / 10)
      << "packets must keep flowing while muted";
  EXPECT_LT(test::rms(wav->samples), 50);
  expect_tone(path("a.wav"), 440);  // the other direction is untouched
}

TEST_F(RtpAudioPipelineTest, CodecChangeMidCallKeepsOneRecording) {
  open_pair();
  connect(k_pcmu, 101);
  run_for(700ms);
  connect({"opus", 48000, 2, 98, ""}, 101);
  run_for(1000ms);
  a.session->stop();
  b.session->stop();
  expect_tone(path("b.wav"), 1000);
}

TEST_F(RtpAudioPipelineTest, WavInputIsPlayedInALoop) {
  const std::string clip = path("clip.wav");
  {
    auto writer = WavWriter::open(clip);
    ASSERT_TRUE(writer);
    std::vector<std::uint8_t> bytes;
    for (int i = 0; i < WavWriter::k_rate / 4; ++i) {  // 250 ms, looped by the source
      const auto v = static_cast<std::int16_t>(12000 * std::sin(2 * M_PI * 600.0 * i / 48000));
      bytes.push_back(static_cast<std::uint8_t>(v));
      bytes.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    (*writer)->append(bytes);
  }
  open(a, "wav:" + clip, "null");
  open(b, "null", "wav:" + path("b.wav"));
  connect(k_pcmu);
  run_for(1500ms);
  a.session->stop();
  b.session->stop();
  expect_tone(path("b.wav"), 600);
}

TEST_F(RtpAudioPipelineTest, LaterCallsRecordToNumberedFiles) {
  open(a, "tone:440", "wav:" + path("rec.wav"));
  auto second = a.engine->create_session(core::next_call_id(), "127.0.0.1");
  ASSERT_TRUE(second);
  EXPECT_EQ(a.pipeline().recording_path(), path("rec.wav"));
  EXPECT_EQ(static_cast<RtpAudioPipeline&>(**second).recording_path(), path("rec-2.wav"));
  (*second)->stop();
  (*second)->stop();  // idempotent
  EXPECT_TRUE(test::read_pcm_wav(path("rec-2.wav"))) << "an empty call still leaves a valid WAV";
}

TEST_F(RtpAudioPipelineTest, UnwritableRecordingFailsCreateSessionNamingThePath) {
  GstMediaEngine engine({"tone:440", "wav:/nonexistent-dir/x.wav", "null"});
  auto session = engine.create_session(core::next_call_id(), "127.0.0.1");
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code, core::ErrorCode::Io);
  EXPECT_NE(session.error().detail.find("/nonexistent-dir/x.wav"), std::string::npos)
      << session.error().detail;
}

TEST_F(RtpAudioPipelineTest, BadDeviceOrAddressFailsCreateSession) {
  GstMediaEngine bad_tone({"tone:abc", "null", "null"});
  auto session = bad_tone.create_session(core::next_call_id(), "127.0.0.1");
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code, core::ErrorCode::InvalidArgument);
  GstMediaEngine missing_clip({"wav:" + path("missing.wav"), "null", "null"});
  EXPECT_FALSE(missing_clip.create_session(core::next_call_id(), "127.0.0.1"));
  GstMediaEngine fine({"null", "null", "null"});
  auto bad_address = fine.create_session(core::next_call_id(), "not-an-ip");
  ASSERT_FALSE(bad_address);
  EXPECT_EQ(bad_address.error().code, core::ErrorCode::InvalidArgument);
}

TEST_F(RtpAudioPipelineTest, BrokenOutputDeviceIsReportedNotFatal) {
  // Either no PulseAudio runs here ("Connection refused") or it has no such sink: both fail.
  open(a, "tone:440", "telpanel-no-such-sink");
  open(b, "tone:1000", "null");
  connect(k_pcmu);
  ASSERT_TRUE(run_until([&] { return !a.failures.empty(); }, 8s));
  EXPECT_EQ(a.failures.front().code, core::ErrorCode::Io);
  EXPECT_NE(a.failures.front().detail.find("audio output 'telpanel-no-such-sink'"),
            std::string::npos)
      << a.failures.front().detail;
  a.failures.clear();
  a.session->stop();
  a.session->stop();
}

TEST_F(RtpAudioPipelineTest, PlanWithUnknownCodecIsRefused) {
  open_pair();
  auto result = a.session->apply(plan_to(b.session->offer(), {"GSM", 8000, 1, 3, ""}));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::NoCommonCodec);
  a.session->stop();
  EXPECT_EQ(a.session->apply(plan_to(b.session->offer(), k_pcmu)).error().code,
            core::ErrorCode::InvalidState);
}

}  // namespace
}  // namespace telpanel::media
