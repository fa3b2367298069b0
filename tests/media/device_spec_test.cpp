// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parts of media/: device strings, recording path numbering, codec table, DTMF digits.
#include "media/device_spec.hpp"

#include <gst/gst.h>
#include <gtest/gtest.h>

#include "media/codec_table.hpp"
#include "media/dtmf_sender.hpp"
#include "media/gst_media_engine.hpp"
#include "media/wav_writer.hpp"

namespace telpanel::media {
namespace {

using Kind = DeviceSpec::Kind;

TEST(DeviceSpecTest, ParsesEveryKind) {
  auto pulse_default = parse_device_spec("", "audio input");
  ASSERT_TRUE(pulse_default);
  EXPECT_EQ(pulse_default->kind, Kind::Pulse);
  EXPECT_EQ(pulse_default->pulse_device, "");

  auto pulse = parse_device_spec("alsa_output.pci-0000_00_1f.3.analog-stereo", "audio output");
  ASSERT_TRUE(pulse);
  EXPECT_EQ(pulse->kind, Kind::Pulse);
  EXPECT_EQ(pulse->pulse_device, "alsa_output.pci-0000_00_1f.3.analog-stereo");

  auto tone = parse_device_spec("tone:440", "audio input");
  ASSERT_TRUE(tone);
  EXPECT_EQ(tone->kind, Kind::Tone);
  EXPECT_DOUBLE_EQ(tone->tone_hz, 440);
  auto fractional = parse_device_spec("tone:697.5", "audio input");
  ASSERT_TRUE(fractional);
  EXPECT_DOUBLE_EQ(fractional->tone_hz, 697.5);

  auto wav = parse_device_spec("wav:/tmp/a b/c.wav", "audio output");
  ASSERT_TRUE(wav);
  EXPECT_EQ(wav->kind, Kind::Wav);
  EXPECT_EQ(wav->wav_path, "/tmp/a b/c.wav");

  auto null = parse_device_spec("null", "ringer");
  ASSERT_TRUE(null);
  EXPECT_EQ(null->kind, Kind::Null);
}

TEST(DeviceSpecTest, RejectsBadStringsWithTheRoleAndText) {
  for (const char* bad : {"tone:", "tone:abc", "tone:440x", "tone:-5", "tone:0", "tone:nan",
                          "tone:99999", "wav:", "tones:440", "mic:1", "two words"}) {
    auto spec = parse_device_spec(bad, "audio input");
    ASSERT_FALSE(spec) << bad;
    EXPECT_EQ(spec.error().code, core::ErrorCode::InvalidArgument) << bad;
    EXPECT_NE(spec.error().detail.find(std::string("audio input '") + bad + "'"), std::string::npos)
        << spec.error().detail;
  }
}

TEST(DeviceSpecTest, EngineChecksAllThreeDevices) {
  EXPECT_TRUE(GstMediaEngine::check_devices({"tone:440", "wav:/tmp/x.wav", "null"}));
  auto bad = GstMediaEngine::check_devices({"", "", "tone:abc"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("ringer 'tone:abc'"), std::string::npos);
}

TEST(RecordingPathTest, LaterCallsGetANumberBeforeTheExtension) {
  EXPECT_EQ(claim_recording_path("/tmp/rp-test/call.wav"), "/tmp/rp-test/call.wav");
  EXPECT_EQ(claim_recording_path("/tmp/rp-test/call.wav"), "/tmp/rp-test/call-2.wav");
  EXPECT_EQ(claim_recording_path("/tmp/rp-test/call.wav"), "/tmp/rp-test/call-3.wav");
  EXPECT_EQ(claim_recording_path("/tmp/rp-test/raw"), "/tmp/rp-test/raw");
  EXPECT_EQ(claim_recording_path("/tmp/rp-test/raw"), "/tmp/rp-test/raw-2");
}

TEST(CodecTableTest, InstalledCodecsComeInPreferenceOrderWithOurNumbers) {
  gst_init(nullptr, nullptr);
  const auto codecs = installed_codecs();
  ASSERT_EQ(codecs.size(), 4u) << "this machine has plugins-good, plugins-base and libav";
  EXPECT_EQ(codecs[0].name, "PCMU");
  EXPECT_EQ(codecs[0].payload_type, 0);
  EXPECT_EQ(codecs[1].name, "PCMA");
  EXPECT_EQ(codecs[1].payload_type, 8);
  EXPECT_EQ(codecs[2].name, "G722");
  EXPECT_EQ(codecs[2].clock_rate, 8000);
  EXPECT_EQ(codecs[3].name, "opus");
  EXPECT_EQ(codecs[3].clock_rate, 48000);
  EXPECT_EQ(codecs[3].channels, 2);
  EXPECT_EQ(codecs[3].payload_type, 111);
}

TEST(CodecTableTest, MatchesByNameAndRateNeverByNumber) {
  core::Codec opus{"OPUS", 48000, 2, 97, ""};
  auto entry = find_codec_entry(opus);
  ASSERT_TRUE(entry);
  EXPECT_STREQ(entry->encoder, "opusenc");
  EXPECT_FALSE(find_codec_entry(core::Codec{"PCMU", 16000, 1, 0, ""}));
  EXPECT_FALSE(find_codec_entry(core::Codec{"GSM", 8000, 1, 3, ""}));
}

TEST(DtmfDigitTest, MapsDigitsToRfc4733EventsAndBack) {
  EXPECT_EQ(DtmfSender::event_number('0'), 0);
  EXPECT_EQ(DtmfSender::event_number('9'), 9);
  EXPECT_EQ(DtmfSender::event_number('*'), 10);
  EXPECT_EQ(DtmfSender::event_number('#'), 11);
  EXPECT_EQ(DtmfSender::event_number('A'), 12);
  EXPECT_EQ(DtmfSender::event_number('d'), 15);
  EXPECT_EQ(DtmfSender::event_number('x'), -1);
  EXPECT_EQ(DtmfSender::event_number('\0'), -1);
  EXPECT_EQ(DtmfSender::digit_for(11), '#');
  EXPECT_EQ(DtmfSender::digit_for(16), '\0');
}

}  // namespace
}  // namespace telpanel::media
