// SPDX-License-Identifier: GPL-3.0-or-later
// CallController's transfers (XFER-1..4) against the fake SIP backend and journal: blind REFER,
// 302 deflect, consultative with Replaces and its fallback, cancel, and being transferred.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/call_controller.hpp"
#include "tests/support/fake_call_history.hpp"
#include "tests/support/fake_media_engine.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"

using namespace telpanel;
using namespace std::chrono_literals;
using core::CallProgress;
using core::CallState;
using core::TransferKind;
using core::TransferState;

class TransferTest : public ::testing::Test {
 protected:
  TransferTest()
      : controller({core::AccountEntry{"", "example.org", "127.0.0.1", {}, &sip}}, media, &history,
                   scheduler, [this] { return now; }) {}

  core::CallId ringing_incoming(const core::CallId& replaces = {}) {
    core::IncomingCallInfo info;
    info.id = core::next_call_id();
    info.remote_party = "sip:1002@example.org";
    info.has_offer = true;
    info.offered_codecs = {{"PCMU", 8000, 1, 0, ""}};
    info.replaces = replaces;
    sip.incoming(info);
    return info.id;
  }
  core::CallId answered_incoming() {
    auto id = ringing_incoming();
    EXPECT_TRUE(controller.answer(id));
    sip.progress(id, CallProgress::Kind::Answered);
    EXPECT_EQ(controller.find(id)->state, CallState::Active);
    return id;
  }
  void answer_outgoing(const core::CallId& id) {
    sip.progress(id, CallProgress::Kind::Answered);
    EXPECT_EQ(controller.find(id)->state, CallState::Active);
  }
  const core::JournalEntry& journal_of(const core::CallId& id) {
    for (auto& [k, row] : history.rows)
      if (row.call_id == id) return row;
    throw std::runtime_error("no journal row for " + id);
  }
  const core::TransferInfo& transfer_of(const core::CallId& id) {
    const core::Call* c = controller.find(id);
    if (!c || !c->transfer) throw std::runtime_error("no transfer on " + id);
    return *c->transfer;
  }
  bool sent(const std::string& command) const {
    return std::find(sip.commands.begin(), sip.commands.end(), command) != sip.commands.end();
  }
  void end(const core::CallId& id) {
    sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Local, 200, "hangup", ""});
  }

  tests::FakeSipBackend sip;
  tests::FakeMediaEngine media;
  tests::FakeCallHistory history;
  tests::FakeScheduler scheduler;
  core::TimePoint now = core::TimePoint{} + 1000h;
  core::CallController controller;
};

TEST_F(TransferTest, BlindTransferRefersFollowsProgressAndEndsTheCallOnSuccess) {
  auto id = answered_incoming();
  ASSERT_TRUE(controller.transfer(id, "1003"));
  EXPECT_EQ(sip.last(), "refer " + id + " sip:1003@example.org");
  EXPECT_EQ(transfer_of(id).kind, TransferKind::Blind);
  EXPECT_EQ(transfer_of(id).state, TransferState::Trying);

  sip.transfer_progress(id, 100, false);
  EXPECT_EQ(transfer_of(id).sip_status, 100);
  EXPECT_EQ(transfer_of(id).state, TransferState::Trying);
  EXPECT_EQ(controller.find(id)->state, CallState::Active);

  now += 2s;
  sip.transfer_progress(id, 200, true);
  EXPECT_EQ(transfer_of(id).state, TransferState::Succeeded);
  EXPECT_EQ(sip.last(), "hangup " + id);
  end(id);
  EXPECT_EQ(controller.find(id), nullptr);
  const auto& row = journal_of(id);
  ASSERT_TRUE(row.end);
  EXPECT_EQ(row.end->reason, "transferred");
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[0].kind, "call");
  EXPECT_EQ(row.legs[1].party, "sip:1003@example.org");
  EXPECT_EQ(row.legs[1].kind, "blind");
  EXPECT_EQ(row.legs[1].transferred_by, "sip:1001@example.org");
  EXPECT_EQ(row.legs[1].answered_at, now);
}

TEST_F(TransferTest, RefusedBlindTransferIsReportedAndTheCallStays) {
  auto id = answered_incoming();
  ASSERT_TRUE(controller.transfer(id, "1003"));
  sip.transfer_progress(id, 603, true, true);
  EXPECT_EQ(transfer_of(id).state, TransferState::Failed);
  EXPECT_NE(transfer_of(id).detail.find("refused the transfer: 603"), std::string::npos)
      << transfer_of(id).detail;
  EXPECT_EQ(controller.find(id)->state, CallState::Active);
  EXPECT_FALSE(sent("hangup " + id));
  // A failed transfer may be tried again.
  EXPECT_TRUE(controller.transfer(id, "1004"));
}

TEST_F(TransferTest, TargetBusyIsAFailureNotAnEnd) {
  auto id = answered_incoming();
  ASSERT_TRUE(controller.transfer(id, "1003"));
  sip.transfer_progress(id, 486, true);
  EXPECT_EQ(transfer_of(id).state, TransferState::Failed);
  EXPECT_NE(transfer_of(id).detail.find("not reached: 486"), std::string::npos);
  EXPECT_EQ(controller.find(id)->state, CallState::Active);
}

TEST_F(TransferTest, RingingIncomingCallIsDeflectedWith302) {
  auto id = ringing_incoming();
  ASSERT_TRUE(controller.transfer(id, "1003"));
  EXPECT_EQ(sip.last(), "redirect " + id + " sip:1003@example.org");
  EXPECT_EQ(transfer_of(id).kind, TransferKind::Deflect);
  EXPECT_EQ(controller.find(id)->state, CallState::Ending);
  sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Local, 302, "rejected", ""});
  const auto& row = journal_of(id);
  ASSERT_TRUE(row.end);
  EXPECT_EQ(row.end->reason, "deflected");
  EXPECT_EQ(row.end->sip_status, 302);
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[1].kind, "deflect");
}

TEST_F(TransferTest, BadTransferRequestsGetClearErrors) {
  auto dialing = controller.dial("1002");
  ASSERT_TRUE(dialing);
  auto r = controller.transfer(*dialing, "1003");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidState);
  EXPECT_NE(r.error().detail.find("is dialing"), std::string::npos) << r.error().detail;
  EXPECT_EQ(controller.transfer("nope", "1003").error().code, core::ErrorCode::NotFound);
  auto id = answered_incoming();
  EXPECT_EQ(controller.transfer(id, "").error().code, core::ErrorCode::InvalidArgument);
  EXPECT_EQ(controller.transfer_complete(id).error().code, core::ErrorCode::InvalidState);
  EXPECT_EQ(controller.transfer_cancel(id).error().code, core::ErrorCode::InvalidState);
  ASSERT_TRUE(controller.transfer(id, "1003"));
  auto twice = controller.transfer(id, "1004");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().detail.find("already trying"), std::string::npos);
}

TEST_F(TransferTest, ConsultationCompletedWithReplaces) {
  auto client = answered_incoming();
  sip.replaces_support[client] = true;
  auto consultation = controller.consult(client, "1003");
  ASSERT_TRUE(consultation);
  EXPECT_TRUE(sent("hold " + client));
  EXPECT_EQ(sip.last(), "invite " + *consultation + " sip:1003@example.org");
  EXPECT_EQ(controller.find(client)->state, CallState::Held);
  EXPECT_EQ(transfer_of(client).state, TransferState::Consulting);
  EXPECT_EQ(transfer_of(client).linked, *consultation);
  EXPECT_EQ(transfer_of(*consultation).kind, TransferKind::Consultation);

  auto early = controller.transfer_complete(client);
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().detail.find("has not answered"), std::string::npos);

  answer_outgoing(*consultation);
  ASSERT_TRUE(controller.transfer_complete(*consultation));  // either call id will do
  EXPECT_EQ(sip.last(), "refer " + client + " sip:1003@example.org replaces " + *consultation);
  EXPECT_TRUE(transfer_of(client).replaces);
  EXPECT_FALSE(transfer_of(client).fallback);

  sip.transfer_progress(client, 200, true);
  EXPECT_TRUE(sent("hangup " + *consultation));
  EXPECT_TRUE(sent("hangup " + client));
  end(*consultation);
  end(client);
  const auto& row = journal_of(client);
  EXPECT_EQ(row.end->reason, "transferred");
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[1].kind, "attended");
  EXPECT_EQ(row.legs[1].party, "sip:1003@example.org");
  EXPECT_TRUE(row.legs[1].answered_at);
}

TEST_F(TransferTest, ClientWithoutReplacesGetsAPlainReferAfterTheConsultation) {
  auto client = answered_incoming();
  auto consultation = controller.consult(client, "1003");
  ASSERT_TRUE(consultation);
  answer_outgoing(*consultation);
  // The employee hanging up the consultation completes the transfer.
  ASSERT_TRUE(controller.hang_up(*consultation));
  const auto hangup =
      std::find(sip.commands.begin(), sip.commands.end(), "hangup " + *consultation);
  const auto refer = std::find(sip.commands.begin(), sip.commands.end(),
                               "refer " + client + " sip:1003@example.org");
  ASSERT_NE(hangup, sip.commands.end());
  ASSERT_NE(refer, sip.commands.end());
  EXPECT_LT(hangup, refer) << "the consultation ends before the plain REFER";
  EXPECT_TRUE(transfer_of(client).fallback);
  EXPECT_NE(transfer_of(client).detail.find("does not support Replaces"), std::string::npos);
  end(*consultation);
  EXPECT_EQ(transfer_of(client).state, TransferState::Trying);  // not cancelled by that end
  sip.transfer_progress(client, 200, true);
  EXPECT_TRUE(sent("hangup " + client));
}

TEST_F(TransferTest, RefusedReplacesFallsBackToPlainRefer) {
  auto client = answered_incoming();
  sip.replaces_support[client] = true;
  auto consultation = controller.consult(client, "1003");
  answer_outgoing(*consultation);
  ASSERT_TRUE(controller.transfer_complete(client));
  sip.transfer_progress(client, 501, true, true);
  EXPECT_TRUE(sent("hangup " + *consultation));
  EXPECT_EQ(sip.last(), "refer " + client + " sip:1003@example.org");
  EXPECT_TRUE(transfer_of(client).fallback);
  EXPECT_NE(transfer_of(client).detail.find("Replaces failed (501"), std::string::npos)
      << transfer_of(client).detail;
}

TEST_F(TransferTest, CancelEndsTheConsultationAndResumesTheClient) {
  auto client = answered_incoming();
  auto consultation = controller.consult(client, "1003");
  answer_outgoing(*consultation);
  ASSERT_TRUE(controller.transfer_cancel(*consultation));
  EXPECT_TRUE(sent("hangup " + *consultation));
  EXPECT_EQ(sip.last(), "resume " + client);
  EXPECT_EQ(controller.find(client)->state, CallState::Active);
  EXPECT_EQ(transfer_of(client).state, TransferState::Cancelled);
  end(*consultation);
  EXPECT_FALSE(sent("refer " + client + " sip:1003@example.org"));
}

TEST_F(TransferTest, ColleagueHangingUpLeavesTheClientHeldAndSaysSo) {
  auto client = answered_incoming();
  auto consultation = controller.consult(client, "1003");
  answer_outgoing(*consultation);
  sip.progress(*consultation, CallProgress::Kind::Ended,
               {core::EndedBy::Remote, 200, "hangup", "the other side hung up"});
  EXPECT_EQ(transfer_of(client).state, TransferState::Cancelled);
  EXPECT_NE(transfer_of(client).detail.find("still on hold"), std::string::npos);
  EXPECT_EQ(controller.find(client)->state, CallState::Held);
}

TEST_F(TransferTest, IncomingReferPlacesTheReferredCallAndEndsTheOldOne) {
  auto old = answered_incoming();
  sip.refer_received(old, {"sip:1003@example.org", "sip:1002@example.org", false});
  const auto placed_now = transfer_of(old).linked;
  EXPECT_TRUE(sent("invite " + placed_now + " sip:1003@example.org referred-by " + old));
  const auto placed = transfer_of(old).linked;
  EXPECT_EQ(transfer_of(placed).kind, TransferKind::ReferredCall);
  EXPECT_TRUE(sent("hold " + old));  // the transferor stops hearing us meanwhile
  EXPECT_EQ(controller.find(old)->state, CallState::Held);
  answer_outgoing(placed);
  EXPECT_TRUE(sent("hangup " + old));
  end(old);
  const auto& row = journal_of(old);
  EXPECT_EQ(row.end->reason, "transferred");
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[1].kind, "referred");
  EXPECT_EQ(row.legs[1].transferred_by, "sip:1002@example.org");
}

TEST_F(TransferTest, FailedReferredCallKeepsTheOldCall) {
  auto old = answered_incoming();
  sip.refer_received(old, {"sip:1003@example.org", "", false});
  const auto placed = transfer_of(old).linked;
  sip.progress(placed, CallProgress::Kind::Ended, {core::EndedBy::Remote, 486, "busy", "busy"});
  EXPECT_EQ(transfer_of(old).state, TransferState::Failed);
  EXPECT_EQ(sip.last(), "resume " + old);
  EXPECT_EQ(controller.find(old)->state, CallState::Active);
}

TEST_F(TransferTest, InviteWithReplacesIsAnsweredAtOnceAndTakesOverTheOldCall) {
  auto old = answered_incoming();
  auto fresh = ringing_incoming(old);
  EXPECT_EQ(sip.last(), "answer " + fresh);
  EXPECT_FALSE(sent("ring " + fresh));
  EXPECT_FALSE(sent("hold " + old));
  sip.progress(fresh, CallProgress::Kind::Answered);
  EXPECT_TRUE(sent("hangup " + old));
  end(old);
  const auto& row = journal_of(old);
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[1].kind, "replaced");
  EXPECT_EQ(controller.find(fresh)->state, CallState::Active);
}

TEST_F(TransferTest, ReplacedCallEndingFirstStillGetsItsLegAnswered) {
  auto old = answered_incoming();
  auto fresh = ringing_incoming(old);
  EXPECT_EQ(transfer_of(old).kind, TransferKind::Referred);
  // The transferor hangs the replaced call up before our answer to the new INVITE is ACKed.
  sip.progress(old, CallProgress::Kind::Ended, {core::EndedBy::Remote, 200, "hangup", "bye"});
  now += 1s;
  sip.progress(fresh, CallProgress::Kind::Answered);
  EXPECT_FALSE(sent("hangup " + old));
  const auto& row = journal_of(old);
  ASSERT_EQ(row.legs.size(), 2u);
  EXPECT_EQ(row.legs[1].kind, "replaced");
  EXPECT_EQ(row.legs[1].answered_at, now);
  EXPECT_EQ(transfer_of(fresh).state, TransferState::Succeeded);
}
