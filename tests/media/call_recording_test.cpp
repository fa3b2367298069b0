// SPDX-License-Identifier: GPL-3.0-or-later
// Call recording (REC-1) on two RtpAudioPipelines over 127.0.0.1: the Ogg/Opus part holds both
// tones, parts end as valid files without stopping the call, and a file that cannot be written
// is reported while the call goes on. Real GLib loop, no sound card.
#include <glib.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "media/gst_media_engine.hpp"
#include "media/ogg_opus_part_writer.hpp"
#include "media/rtp_audio_pipeline.hpp"
#include "ogg_decode.hpp"
#include "tests/support/main_loop_fixture.hpp"

namespace telpanel::media {
namespace {

using namespace std::chrono_literals;

const core::Codec k_pcmu{"PCMU", 8000, 1, 0, ""};

core::MediaPlan plan_to(const core::MediaOffer& peer) {
  core::MediaPlan plan;
  plan.remote_address = peer.address;
  plan.remote_rtp_port = peer.rtp_port;
  plan.remote_rtcp_port = peer.rtcp_port;
  plan.codec = k_pcmu;
  plan.telephone_event_pt = 101;
  return plan;
}

class CallRecordingTest : public test::MainLoopFixture {
 protected:
  void SetUp() override {
    gchar* dir = g_dir_make_tmp("telpanel-rec-XXXXXX", nullptr);
    ASSERT_NE(dir, nullptr);
    m_dir = dir;
    g_free(dir);
    m_engine_a = std::make_unique<GstMediaEngine>(core::AudioDevices{"tone:1000", "null", "null"});
    m_engine_b = std::make_unique<GstMediaEngine>(core::AudioDevices{"tone:440", "null", "null"});
    auto a = m_engine_a->create_session(core::next_call_id(), "127.0.0.1");
    auto b = m_engine_b->create_session(core::next_call_id(), "127.0.0.1");
    ASSERT_TRUE(a && b);
    m_a = std::move(a.value());
    m_b = std::move(b.value());
    m_a->signal_recording_failed().connect(
        [this](const core::Error& e) { m_failures.push_back(e); });
    ASSERT_TRUE(m_a->apply(plan_to(m_b->offer())));
    ASSERT_TRUE(m_b->apply(plan_to(m_a->offer())));
  }
  void TearDown() override {
    if (m_a) m_a->stop();
    if (m_b) m_b->stop();
    wait_parts_finished();
    drain();
    std::filesystem::remove_all(m_dir);
  }

  void wait_parts_finished() {
    EXPECT_TRUE(run_until([] { return OggOpusPartWriter::finishing_count() == 0; }, 8s));
  }
  std::uint64_t received() { return static_cast<RtpAudioPipeline&>(*m_a).received_buffers(); }

  void expect_both_tones(const std::string& file, double min_seconds) {
    auto wav = test::decode_ogg_opus(file);
    ASSERT_TRUE(wav) << file << " does not decode as a complete Ogg/Opus file";
    EXPECT_GT(wav->samples.size(), static_cast<std::size_t>(48000 * min_seconds))
        << "too little audio in " << file;
    EXPECT_GT(test::tone_to_noise(*wav, 1000), 50) << "A's own (sent) tone missing in " << file;
    EXPECT_GT(test::tone_to_noise(*wav, 440), 50) << "B's (received) tone missing in " << file;
  }

  std::string m_dir;
  std::unique_ptr<GstMediaEngine> m_engine_a, m_engine_b;
  std::unique_ptr<core::MediaSession> m_a, m_b;
  std::vector<core::Error> m_failures;
};

TEST_F(CallRecordingTest, PartHoldsBothDirectionsMixed) {
  ASSERT_TRUE(run_until([&] { return received() > 10; }, 5s));
  const std::string file = m_dir + "/2026/11/21/c-1.opus";  // directories are created
  ASSERT_TRUE(m_a->start_recording(file));
  run_for(1500ms);
  m_a->stop_recording();
  wait_parts_finished();
  expect_both_tones(file, 1.0);
  EXPECT_TRUE(m_failures.empty());
}

TEST_F(CallRecordingTest, SecondPartEndsTheFirstWhileTheCallGoesOn) {
  ASSERT_TRUE(run_until([&] { return received() > 10; }, 5s));
  ASSERT_TRUE(m_a->start_recording(m_dir + "/p-1.opus"));
  run_for(1000ms);
  ASSERT_TRUE(m_a->start_recording(m_dir + "/p-2.opus"));
  const auto at_switch = received();
  run_for(1000ms);
  EXPECT_GT(received(), at_switch + 20) << "the call's audio stalled when a part ended";
  m_a->stop();  // ending the call finishes the open part too
  wait_parts_finished();
  expect_both_tones(m_dir + "/p-1.opus", 0.6);
  expect_both_tones(m_dir + "/p-2.opus", 0.6);
}

TEST_F(CallRecordingTest, UncreatableDirectoryIsAnErrorAndTheCallGoesOn) {
  // A regular file where a directory must go: refused even for root (unlike a mode-0500 dir).
  const std::string blocker = m_dir + "/recordings";
  ASSERT_TRUE(g_file_set_contents(blocker.c_str(), "x", 1, nullptr));
  auto r = m_a->start_recording(blocker + "/2026/x-1.opus");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::Io);
  EXPECT_NE(r.error().detail.find("cannot create directory"), std::string::npos)
      << r.error().detail;
  const auto before = received();
  EXPECT_TRUE(run_until([&] { return received() > before + 20; }, 5s));
}

TEST_F(CallRecordingTest, UnopenableFileIsAnError) {
  auto r = m_a->start_recording(m_dir);  // a directory cannot be opened for writing
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find(m_dir), std::string::npos) << r.error().detail;
}

TEST_F(CallRecordingTest, DiskFullIsReportedAndTheCallGoesOn) {
  ASSERT_TRUE(run_until([&] { return received() > 10; }, 5s));
  // /dev/full opens fine and fails every write with ENOSPC, as a full disk does.
  ASSERT_TRUE(m_a->start_recording("/dev/full"));
  ASSERT_TRUE(run_until([&] { return !m_failures.empty(); }, 5s));
  EXPECT_EQ(m_failures.front().code, core::ErrorCode::Io);
  EXPECT_NE(m_failures.front().detail.find("/dev/full"), std::string::npos)
      << m_failures.front().detail;
  const auto before = received();
  EXPECT_TRUE(run_until([&] { return received() > before + 20; }, 5s));
  EXPECT_EQ(m_failures.size(), 1u);
}

}  // namespace
}  // namespace telpanel::media
