// SPDX-License-Identifier: GPL-3.0-or-later
// SDP writing and reading, and the plan negotiated from a pair of bodies.
#include "sip/sdp_codec.hpp"

#include <gtest/gtest.h>

using namespace telpanel;

namespace {

const char* kBaresipOffer =
    "v=0\r\n"
    "o=- 1 2 IN IP4 127.0.0.1\r\n"
    "s=-\r\n"
    "c=IN IP4 127.0.0.1\r\n"
    "t=0 0\r\n"
    "m=audio 30002 RTP/AVP 96 0 8 101\r\n"
    "a=rtpmap:96 opus/48000/2\r\n"
    "a=fmtp:96 stereo=1;sprop-stereo=1\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=rtcp-rsize\r\n"
    "a=ptime:20\r\n";

}  // namespace

TEST(SdpCodec, OfferListsEveryCodecTelephoneEventAndRtcpPort) {
  core::MediaOffer offer{"127.0.0.1",
                         40000,
                         40003,
                         {{"PCMU", 8000, 1, 0, ""}, {"opus", 48000, 2, 111, "useinbandfec=1"}},
                         101};
  const std::string sdp = sip::build_offer_sdp(offer);
  EXPECT_NE(sdp.find("m=audio 40000 RTP/AVP 0 111 101\r\n"), std::string::npos) << sdp;
  EXPECT_NE(sdp.find("a=rtpmap:111 opus/48000/2\r\n"), std::string::npos);
  EXPECT_NE(sdp.find("a=fmtp:111 useinbandfec=1\r\n"), std::string::npos);
  EXPECT_NE(sdp.find("a=rtpmap:101 telephone-event/8000\r\n"), std::string::npos);
  EXPECT_NE(sdp.find("a=rtcp:40003\r\n"), std::string::npos);

  auto parsed = sip::parse_sdp(sdp);
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->port, 40000);
  EXPECT_EQ(parsed->rtcp_port, 40003);
  ASSERT_EQ(parsed->codecs.size(), 2u);
  EXPECT_EQ(parsed->codecs[1].channels, 2);
  EXPECT_EQ(parsed->telephone_event_pt, 101);
}

TEST(SdpCodec, ParsesStaticAndDynamicPayloadsOfARealPeer) {
  auto parsed = sip::parse_sdp(kBaresipOffer);
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->address, "127.0.0.1");
  EXPECT_EQ(parsed->rtcp_port, 30003);  // no a=rtcp: RTP port + 1
  ASSERT_EQ(parsed->codecs.size(), 3u);
  EXPECT_EQ(parsed->codecs[0].name, "opus");
  EXPECT_EQ(parsed->codecs[0].payload_type, 96);
  EXPECT_EQ(parsed->codecs[1].name, "PCMU");  // static: no rtpmap line, still named
  EXPECT_EQ(parsed->codecs[2].name, "PCMA");
}

TEST(SdpCodec, MalformedOrAudiolessBodiesAreProtocolErrors) {
  for (const char* bad : {"this is not sdp", "v=0\r\nm=video 9 RTP/AVP 96\r\n", ""}) {
    auto r = sip::parse_sdp(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::Protocol);
    EXPECT_FALSE(r.error().detail.empty());
  }
}

TEST(SdpCodec, PlanUsesOurFirstCommonCodecWithTheRemotePayloadNumber) {
  auto local = sip::parse_sdp(
      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 111 0 101\r\na=rtpmap:111 opus/48000/2\r\n"
      "a=rtpmap:101 telephone-event/8000\r\n");
  auto remote = sip::parse_sdp(kBaresipOffer);
  ASSERT_TRUE(local && remote);
  auto plan = sip::negotiate_plan(*local, *remote, sip::Answerer::Local);
  EXPECT_EQ(plan.codec.name, "opus");
  EXPECT_EQ(plan.codec.payload_type, 96);
  EXPECT_EQ(plan.remote_rtp_port, 30002);
  EXPECT_EQ(plan.telephone_event_pt, 101);
  EXPECT_EQ(plan.direction, core::MediaDirection::SendRecv);
}

TEST(SdpCodec, TheAnswerersOrderDecidesTheCodec) {
  auto ours = sip::parse_sdp(
      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 0 8\r\n");
  auto theirs = sip::parse_sdp(
      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      "m=audio 30000 RTP/AVP 8 0\r\n");
  ASSERT_TRUE(ours && theirs);
  EXPECT_EQ(sip::negotiate_plan(*ours, *theirs, sip::Answerer::Remote).codec.name, "PCMA");
  EXPECT_EQ(sip::negotiate_plan(*ours, *theirs, sip::Answerer::Local).codec.name, "PCMU");
}

TEST(SdpCodec, HoldDirectionsAreSeenFromOurSide) {
  const std::string base =
      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 0\r\n";
  auto sendrecv = sip::parse_sdp(base);
  auto sendonly = sip::parse_sdp(base + "a=sendonly\r\n");
  auto recvonly = sip::parse_sdp(base + "a=recvonly\r\n");
  auto inactive = sip::parse_sdp(base + "a=inactive\r\n");
  ASSERT_TRUE(sendrecv && sendonly && recvonly && inactive);
  // The peer holds us: it says sendonly, so we only receive.
  EXPECT_EQ(sip::negotiate_plan(*recvonly, *sendonly, sip::Answerer::Local).direction,
            core::MediaDirection::RecvOnly);
  // We hold: we said sendonly.
  EXPECT_EQ(sip::negotiate_plan(*sendonly, *recvonly, sip::Answerer::Remote).direction,
            core::MediaDirection::SendOnly);
  EXPECT_EQ(sip::negotiate_plan(*inactive, *sendrecv, sip::Answerer::Local).direction,
            core::MediaDirection::Inactive);
}

TEST(SdpCodec, NoCommonCodecOrRejectedStreamLeavesTheCodecEmpty) {
  auto local = sip::parse_sdp(
      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 3\r\n");
  auto remote = sip::parse_sdp(kBaresipOffer);
  ASSERT_TRUE(local && remote);
  EXPECT_TRUE(sip::negotiate_plan(*local, *remote, sip::Answerer::Remote).codec.name.empty());
}
