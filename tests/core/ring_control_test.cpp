// SPDX-License-Identifier: GPL-3.0-or-later
// RingControl and MissedCalls against the real CallController with fake SIP, media and time.
#include "core/ring_control.hpp"

#include <gtest/gtest.h>

#include "core/missed_calls.hpp"
#include "tests/support/fake_call_history.hpp"
#include "tests/support/fake_media_engine.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"

using namespace telpanel;
using core::CallProgress;
using core::RingKind;

namespace {

class RecordingRinger final : public core::Ringer {
 public:
  std::vector<std::string> log;
  void start(RingKind kind) override {
    log.push_back(kind == RingKind::Incoming ? "ring" : "waiting");
  }
  void stop() override { log.push_back("stop"); }
};

}  // namespace

class RingControlTest : public ::testing::Test {
 protected:
  RingControlTest()
      : controller({core::AccountEntry{"", "example.org", "127.0.0.1", {}, &sip}}, media, &history,
                   scheduler),
        ring(controller, ringer),
        missed(controller) {}

  core::CallId incoming() {
    core::IncomingCallInfo info;
    info.id = core::next_call_id();
    info.remote_party = "sip:1002@example.org";
    info.has_offer = true;
    info.offered_codecs = {{"PCMU", 8000, 1, 0, ""}};
    sip.incoming(info);
    return info.id;
  }

  tests::FakeSipBackend sip;
  tests::FakeMediaEngine media;
  tests::FakeCallHistory history;
  tests::FakeScheduler scheduler;
  core::CallController controller;
  RecordingRinger ringer;
  core::RingControl ring;
  core::MissedCalls missed;
};

TEST_F(RingControlTest, RingsUntilAnsweredThenStops) {
  auto id = incoming();
  EXPECT_EQ(ringer.log, (std::vector<std::string>{"ring"}));
  ASSERT_TRUE(controller.answer(id));
  sip.progress(id, CallProgress::Kind::Answered);
  EXPECT_EQ(ringer.log, (std::vector<std::string>{"ring", "stop"}));
  EXPECT_EQ(missed.count(), 0);
}

TEST_F(RingControlTest, ASecondCallDuringATalkGetsTheSofterWaitingTone) {
  auto first = incoming();
  ASSERT_TRUE(controller.answer(first));
  sip.progress(first, CallProgress::Kind::Answered);
  auto second = incoming();
  EXPECT_EQ(ringer.log, (std::vector<std::string>{"ring", "stop", "waiting"}));
  sip.progress(second, CallProgress::Kind::Ended, {core::EndedBy::Remote, 487, "cancelled", ""});
  EXPECT_EQ(ringer.log.back(), "stop");
  EXPECT_EQ(missed.count(), 1);
}

TEST_F(RingControlTest, AnOutgoingCallInProgressAlsoMeansWaitingTone) {
  ASSERT_TRUE(controller.dial("1003"));
  incoming();
  EXPECT_EQ(ringer.log, (std::vector<std::string>{"waiting"}));
}

TEST_F(RingControlTest, CallerHangingUpBeforeAnswerIsMissedButRejectingIsNot) {
  std::vector<std::string> seen;
  missed.signal_missed().connect([&](const core::Call& c) { seen.push_back(c.remote_party); });
  auto a = incoming();
  sip.progress(a, CallProgress::Kind::Ended, {core::EndedBy::Remote, 487, "cancelled", ""});
  auto b = incoming();
  ASSERT_TRUE(controller.reject(b));
  sip.progress(b, CallProgress::Kind::Ended, {core::EndedBy::Local, 486, "rejected", ""});
  EXPECT_EQ(missed.count(), 1);
  EXPECT_EQ(seen, (std::vector<std::string>{"sip:1002@example.org"}));
  missed.acknowledge();
  EXPECT_EQ(missed.count(), 0);
}
