// SPDX-License-Identifier: GPL-3.0-or-later
// Per-call signalling work: building our SDP offer, parsing a peer's, negotiating the plan,
// and normalising a typed number. Each runs once or twice per call; these show the cost.
#include <benchmark/benchmark.h>

#include "core/dial_target.hpp"
#include "sip/sdp_codec.hpp"

using namespace telpanel;

namespace {

const char* kPeerOffer =
    "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 30002 RTP/AVP 96 0 8 101\r\na=rtpmap:96 opus/48000/2\r\n"
    "a=fmtp:96 stereo=1;sprop-stereo=1\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\na=rtcp-rsize\r\na=ptime:20\r\n";

core::MediaOffer offer() {
  return {"127.0.0.1",
          40000,
          40001,
          {{"PCMU", 8000, 1, 0, ""},
           {"PCMA", 8000, 1, 8, ""},
           {"G722", 8000, 1, 9, ""},
           {"opus", 48000, 2, 111, "useinbandfec=1"}},
          101};
}

void BM_BuildOffer(benchmark::State& state) {
  const auto o = offer();
  for (auto _ : state) benchmark::DoNotOptimize(sip::build_offer_sdp(o));
}
BENCHMARK(BM_BuildOffer);

void BM_ParsePeerSdp(benchmark::State& state) {
  const std::string text = kPeerOffer;
  for (auto _ : state) benchmark::DoNotOptimize(sip::parse_sdp(text));
}
BENCHMARK(BM_ParsePeerSdp);

void BM_NegotiatePlan(benchmark::State& state) {
  const auto local = *sip::parse_sdp(sip::build_offer_sdp(offer()));
  const auto remote = *sip::parse_sdp(kPeerOffer);
  for (auto _ : state)
    benchmark::DoNotOptimize(sip::negotiate_plan(local, remote, sip::Answerer::Remote));
}
BENCHMARK(BM_NegotiatePlan);

void BM_DialTarget(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(core::dial_target_to_uri("+7 (912) 345-67-89", "pbx.example.com"));
}
BENCHMARK(BM_DialTarget);

}  // namespace

BENCHMARK_MAIN();
