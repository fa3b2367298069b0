// SPDX-License-Identifier: GPL-3.0-or-later
// Presence micro-benchmarks: what one colleague's NOTIFY costs the panel — parsing the PIDF,
// dialog-info and reginfo bodies Kamailio sends, and applying the result to a 500-colleague
// PresenceController (the view merge and change signal). See bench/README.md.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/presence_controller.hpp"
#include "sip/dialog_info.hpp"
#include "sip/pidf.hpp"

using namespace telpanel;

namespace {

// As Kamailio re-formats our PUBLISH for watchers (captured from a test run).
const char* kPidf = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:1001@127.0.0.1:23440">
  <tuple id="telpanel">
    <status>
      <basic>open</basic>
    </status>
    <contact>sip:1001@127.0.0.1:23440</contact>
    <note>In a meeting until 15:00</note>
  </tuple>
  <dm:person id="p1">
    <rpid:activities>
      <rpid:busy/>
    </rpid:activities>
    <dm:note>In a meeting until 15:00</dm:note>
  </dm:person>
</presence>
)";

const char* kDialog = R"(<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="3" state="full" entity="sip:1002@127.0.0.1">
  <dialog id="padi-6b01ca93-71fd-1" call-id="6fafba21aae14678" direction="recipient">
    <state>confirmed</state>
    <remote><identity>sip:1001@127.0.0.1:15060</identity><target uri="sip:1001@127.0.0.1:25061"/></remote>
    <local><identity>sip:1002@127.0.0.1:15060</identity><target uri="sip:1002@127.0.0.1:25071"/></local>
  </dialog>
</dialog-info>
)";

const char* kReginfo = R"(<?xml version="1.0"?>
<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="1" state="full">
  <registration aor="sip:1002@127.0.0.1" id="0x7f" state="active">
    <contact id="0x7e" state="active" event="registered" expires="300">
      <uri>sip:1002@127.0.0.1:25071</uri>
    </contact>
  </registration>
</reginfo>
)";

void BM_ParsePidf(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sip::parse_pidf(kPidf));
}
BENCHMARK(BM_ParsePidf);

void BM_BuildPidf(benchmark::State& state) {
  core::PresenceDocument d;
  d.activity = core::Presence::Busy;
  d.note = "In a meeting until 15:00";
  for (auto _ : state) benchmark::DoNotOptimize(sip::build_pidf("sip:1001@127.0.0.1", d));
}
BENCHMARK(BM_BuildPidf);

void BM_ParseDialogInfo(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sip::parse_dialog_info_on_call(kDialog));
}
BENCHMARK(BM_ParseDialogInfo);

void BM_ParseReginfo(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sip::parse_reginfo_registered(kReginfo));
}
BENCHMARK(BM_ParseReginfo);

class StormBackend final : public core::PresenceBackend {
 public:
  void publish(const core::PresenceDocument&) override {}
  void watch(const std::vector<std::string>&) override {}
  void presence(const std::string& e, const core::PresenceDocument& d) {
    m_signal_presence_received.emit(e, d);
  }
  void dialog(const std::string& e, bool on) { m_signal_dialog_received.emit(e, on); }
};

class NoTime final : public core::Scheduler {
 public:
  core::TimerHandle after(std::chrono::milliseconds, std::function<void()>) override { return {}; }
  core::TimerHandle every(std::chrono::milliseconds, std::function<void()>) override { return {}; }
};

// One "second" of the storm: every one of N colleagues changes once (a PIDF NOTIFY parsed and
// applied, alternating busy/available, plus a dialog-info NOTIFY toggling on_call).
void BM_NotifyStormSecond(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<core::ColleagueEntry> colleagues;
  std::vector<std::string> exts;
  for (int i = 0; i < n; ++i) {
    exts.push_back(std::to_string(2000 + i));
    colleagues.push_back({exts.back(), "Colleague " + exts.back(), "agent", {"support"}});
  }
  StormBackend backend;
  NoTime scheduler;
  core::PresenceController controller({}, &backend, nullptr, "bench", nullptr, scheduler,
                                      colleagues, {});
  std::size_t changes = 0;
  controller.signal_colleague_changed().connect([&](const core::PresenceView&) { ++changes; });
  const std::string busy = kPidf;
  std::string available = busy;
  available.replace(available.find("<rpid:busy/>"), 12, "");
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    for (const auto& e : exts) {
      auto doc = sip::parse_pidf(flip ? busy : available);
      backend.presence(e, *doc);
      backend.dialog(e, *sip::parse_dialog_info_on_call(kDialog) && flip);
    }
  }
  state.counters["changes"] = benchmark::Counter(static_cast<double>(changes));
  state.SetItemsProcessed(state.iterations() * n * 2);
}
BENCHMARK(BM_NotifyStormSecond)->Arg(500)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
