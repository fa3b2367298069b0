// SPDX-License-Identifier: GPL-3.0-or-later
// CallController's state machine against fake SIP, media, journal and time: no sockets.
#include "core/call_controller.hpp"

#include <gtest/gtest.h>

#include "tests/support/fake_call_history.hpp"
#include "tests/support/fake_media_engine.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"

using namespace telpanel;
using namespace std::chrono_literals;
using core::CallProgress;
using core::CallState;

class CallControllerTest : public ::testing::Test {
 protected:
  CallControllerTest()
      : controller({core::AccountEntry{"", "example.org", "127.0.0.1", {}, &sip}}, media, &history,
                   scheduler, [this] { return now; }) {
    controller.signal_call_changed().connect([this](const core::Call& c) { events.push_back(c); });
  }

  core::CallId incoming(std::vector<core::Codec> offered = {{"PCMU", 8000, 1, 0, ""}}) {
    core::IncomingCallInfo info;
    info.id = core::next_call_id();
    info.remote_party = "sip:1002@example.org";
    info.has_offer = true;
    info.offered_codecs = std::move(offered);
    sip.incoming(info);
    return info.id;
  }
  core::MediaPlan pcmu_plan(core::MediaDirection dir = core::MediaDirection::SendRecv) {
    core::MediaPlan plan;
    plan.remote_address = "127.0.0.1";
    plan.remote_rtp_port = 50000;
    plan.codec = {"PCMU", 8000, 1, 0, ""};
    plan.telephone_event_pt = 101;
    plan.direction = dir;
    return plan;
  }
  const core::JournalEntry& journal_of(const core::CallId& id) {
    for (auto& [k, row] : history.rows)
      if (row.call_id == id) return row;
    throw std::runtime_error("no journal row for " + id);
  }

  tests::FakeSipBackend sip;
  tests::FakeMediaEngine media;
  tests::FakeCallHistory history;
  tests::FakeScheduler scheduler;
  core::TimePoint now = core::TimePoint{} + 1000h;
  core::CallController controller;
  std::vector<core::Call> events;
};

TEST_F(CallControllerTest, OutgoingCallGoesThroughDialingRingingActiveAndIsJournaled) {
  auto id = controller.dial("8 (912) 345-67-89");
  ASSERT_TRUE(id);
  EXPECT_EQ(sip.last(), "invite " + *id + " sip:89123456789@example.org");
  EXPECT_EQ(controller.find(*id)->state, CallState::Dialing);

  now += 2s;
  sip.progress(*id, CallProgress::Kind::Ringing);
  EXPECT_EQ(controller.find(*id)->state, CallState::Ringing);
  now += 3s;
  sip.media(*id, pcmu_plan());
  sip.progress(*id, CallProgress::Kind::Answered);
  EXPECT_EQ(controller.find(*id)->state, CallState::Active);
  EXPECT_EQ(controller.find(*id)->codec, "PCMU");
  ASSERT_EQ(media.sessions[*id]->plans.size(), 1u);

  now += 10s;
  ASSERT_TRUE(controller.hang_up(*id));
  EXPECT_EQ(sip.last(), "hangup " + *id);
  sip.progress(*id, CallProgress::Kind::Ended, {core::EndedBy::Local, 200, "hangup", ""});
  EXPECT_EQ(controller.find(*id), nullptr);
  EXPECT_TRUE(media.sessions[*id]->stopped);

  const auto& row = journal_of(*id);
  EXPECT_EQ(row.wait_duration(), 5s);
  EXPECT_EQ(row.talk_duration(), 10s);
  ASSERT_TRUE(row.end);
  EXPECT_EQ(row.end->reason, "hangup");
  EXPECT_EQ(row.end->by, core::EndedBy::Local);
  EXPECT_EQ(events.back().state, CallState::Ended);
}

TEST_F(CallControllerTest, CancelBeforeAnswerIsRecordedAsCancelledByUs) {
  auto id = controller.dial("1002");
  ASSERT_TRUE(id);
  sip.progress(*id, CallProgress::Kind::Ringing);
  ASSERT_TRUE(controller.hang_up(*id));
  // Whatever the stack reports (487 to our INVITE), the user cancelled.
  sip.progress(*id, CallProgress::Kind::Ended, {core::EndedBy::Remote, 487, "cancelled", ""});
  const auto& row = journal_of(*id);
  EXPECT_EQ(row.end->reason, "cancelled");
  EXPECT_EQ(row.end->by, core::EndedBy::Local);
  EXPECT_FALSE(row.answered_at);
}

TEST_F(CallControllerTest, IncomingCallRingsAndRejectSends486) {
  auto id = incoming();
  EXPECT_EQ(sip.last(), "ring " + id);
  EXPECT_EQ(controller.find(id)->state, CallState::Ringing);
  ASSERT_TRUE(controller.reject(id));
  EXPECT_EQ(sip.last(), "reject " + id + " 486");
  sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Local, 486, "rejected", ""});
  EXPECT_EQ(journal_of(id).end->reason, "rejected");
  EXPECT_EQ(journal_of(id).end->sip_status, 486);
}

TEST_F(CallControllerTest, IncomingWithoutCommonCodecIsRefusedWith488AndSaysWhy) {
  auto id = incoming({{"GSM", 8000, 1, 3, ""}});
  EXPECT_EQ(sip.last(), "reject " + id + " 488");
  sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Local, 488, "rejected", ""});
  const auto& row = journal_of(id);
  EXPECT_EQ(row.end->reason, "no_common_codec");
  EXPECT_NE(row.end->detail.find("GSM/8000"), std::string::npos) << row.end->detail;
  EXPECT_NE(row.end->detail.find("PCMU/8000"), std::string::npos) << row.end->detail;
}

TEST_F(CallControllerTest, RemoteHangupIsRecordedAsRemote) {
  auto id = incoming();
  ASSERT_TRUE(controller.answer(id));
  sip.progress(id, CallProgress::Kind::Answered);
  sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Remote, 200, "hangup", "bye"});
  EXPECT_EQ(journal_of(id).end->by, core::EndedBy::Remote);
}

TEST_F(CallControllerTest, AnsweringAWaitingCallHoldsTheActiveOne) {
  auto first = incoming();
  ASSERT_TRUE(controller.answer(first));
  sip.progress(first, CallProgress::Kind::Answered);
  auto second = incoming();
  EXPECT_TRUE(controller.find(second)->waiting);
  ASSERT_TRUE(controller.answer(second));
  EXPECT_EQ(controller.find(first)->state, CallState::Held);
  EXPECT_NE(std::find(sip.commands.begin(), sip.commands.end(), "hold " + first),
            sip.commands.end());
  EXPECT_EQ(sip.last(), "answer " + second);
}

TEST_F(CallControllerTest, IdlessCommandsPickTheObviousCallOrRefuseToGuess) {
  EXPECT_FALSE(controller.pick_call(true));
  auto a = incoming();
  EXPECT_EQ(*controller.pick_call(true), a);
  incoming();
  auto r = controller.pick_call(true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
}

TEST_F(CallControllerTest, DtmfUsesRfc4733WhenNegotiatedAndInfoOtherwise) {
  auto id = controller.dial("1002");
  auto plan = pcmu_plan();
  sip.media(*id, plan);
  sip.progress(*id, CallProgress::Kind::Answered);
  ASSERT_TRUE(controller.send_dtmf(*id, "12#"));
  EXPECT_EQ(media.sessions[*id]->digits, "1");
  scheduler.advance(250ms);
  scheduler.advance(250ms);
  EXPECT_EQ(media.sessions[*id]->digits, "12#");

  plan.telephone_event_pt.reset();
  sip.media(*id, plan);
  ASSERT_TRUE(controller.send_dtmf(*id, "5"));
  EXPECT_EQ(sip.last(), "info " + *id + " 5");
  EXPECT_FALSE(controller.send_dtmf(*id, "x"));
}

TEST_F(CallControllerTest, HoldResumeAndRemoteHoldAreVisible) {
  auto id = controller.dial("1002");
  sip.media(*id, pcmu_plan());
  sip.progress(*id, CallProgress::Kind::Answered);
  ASSERT_TRUE(controller.hold(*id));
  EXPECT_EQ(controller.find(*id)->state, CallState::Held);
  EXPECT_FALSE(controller.hold(*id));  // already held
  ASSERT_TRUE(controller.resume(*id));
  EXPECT_EQ(controller.find(*id)->state, CallState::Active);
  sip.media(*id, pcmu_plan(core::MediaDirection::RecvOnly));
  EXPECT_TRUE(controller.find(*id)->remote_held);
  EXPECT_EQ(media.sessions[*id]->plans.back().direction, core::MediaDirection::RecvOnly);
}

TEST_F(CallControllerTest, AnswerWithoutCommonCodecHangsUpWithReason) {
  auto id = controller.dial("1002");
  core::MediaPlan empty;
  sip.media(*id, empty);
  EXPECT_EQ(sip.last(), "hangup " + *id);
  sip.progress(*id, CallProgress::Kind::Ended, {core::EndedBy::Local, 200, "hangup", ""});
  EXPECT_EQ(journal_of(*id).end->reason, "no_common_codec");
}

TEST_F(CallControllerTest, OpenCallsAreTouchedSoACrashCanBeClosedLater) {
  auto id = controller.dial("1002");
  sip.progress(*id, CallProgress::Kind::Answered);
  now += 7s;
  scheduler.advance(5s);
  ASSERT_EQ(history.alive.size(), 1u);
  EXPECT_EQ(history.alive.begin()->second, now);
}

TEST_F(CallControllerTest, EndAllClosesEveryCallWithAReason) {
  auto out = controller.dial("1002");
  auto in = incoming();
  controller.end_all("telpanel quit");
  EXPECT_TRUE(controller.calls().empty());
  EXPECT_EQ(journal_of(*out).end->reason, "cancelled");
  EXPECT_EQ(journal_of(in).end->reason, "rejected");
  EXPECT_EQ(journal_of(in).end->detail, "telpanel quit");
}

TEST_F(CallControllerTest, AccountCodecsNarrowTheOfferInTheirOrder) {
  tests::FakeSipBackend sip2;
  core::CallController narrowed(
      {core::AccountEntry{"",
                          "example.org",
                          "127.0.0.1",
                          {{"opus", 48000, 2, 111, ""}, {"PCMA", 8000, 1, 8, ""}},
                          &sip2}},
      media, nullptr, scheduler);
  auto id = narrowed.dial("1002");
  ASSERT_TRUE(id);
  const auto& codecs = sip2.offers[*id].codecs;
  ASSERT_EQ(codecs.size(), 2u);
  EXPECT_EQ(codecs[0].name, "opus");
  EXPECT_EQ(codecs[1].name, "PCMA");
}
