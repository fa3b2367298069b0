// SPDX-License-Identifier: GPL-3.0-or-later
// Pure core functions: dial targets, end reasons, retry backoff, codec choice, journal math.
#include <gtest/gtest.h>

#include "core/call_end.hpp"
#include "core/call_history.hpp"
#include "core/dial_target.hpp"
#include "core/media_types.hpp"
#include "core/registration.hpp"

using namespace telpanel::core;
using namespace std::chrono_literals;

TEST(DialTarget, NumbersInAnyFormattingBecomeSipUris) {
  EXPECT_EQ(*dial_target_to_uri("1002", "pbx:5060"), "sip:1002@pbx:5060");
  EXPECT_EQ(*dial_target_to_uri(" +7 (912) 345-67-89 ", "pbx"), "sip:+79123456789@pbx");
  EXPECT_EQ(*dial_target_to_uri("tel:+7-912-345-67-89;phone-context=x", "pbx"),
            "sip:+79123456789@pbx");
  EXPECT_EQ(*dial_target_to_uri("callto:1003", "pbx"), "sip:1003@pbx");
  EXPECT_EQ(*dial_target_to_uri("*72#", "pbx"), "sip:*72%23@pbx");
  EXPECT_EQ(*dial_target_to_uri("sip:bob@example.org;transport=tcp", "pbx"),
            "sip:bob@example.org;transport=tcp");
}

TEST(DialTarget, NumbersCopiedFromWebPagesWithUnicodeSpacesAndDashes) {
  // "+7 912 345–67–89" with no-break / narrow spaces and en dashes, "8 (912) 345−67−89" with
  // minus signs, as web pages and office documents write them.
  EXPECT_EQ(*dial_target_to_uri("+7\u00A0912\u202F345\u201367\u201389", "pbx"),
            "sip:+79123456789@pbx");
  EXPECT_EQ(*dial_target_to_uri("8 (912) 345\u221267\u221289", "pbx"), "sip:89123456789@pbx");
  EXPECT_FALSE(dial_target_to_uri("\u00A0", "pbx"));
}

TEST(DialTarget, GarbageIsRefusedWithTheInputInTheMessage) {
  for (const char* bad : {"", "   ", "+", "12a4", "sip:bob @x", "john"}) {
    auto r = dial_target_to_uri(bad, "pbx");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_NE(dial_target_to_uri("12a4", "pbx").error().detail.find("12a4"), std::string::npos);
}

TEST(CallEnd, SipStatusesMapToStableReasons) {
  EXPECT_EQ(end_reason_for_status(486), "busy");
  EXPECT_EQ(end_reason_for_status(603), "declined");
  EXPECT_EQ(end_reason_for_status(404), "not_found");
  EXPECT_EQ(end_reason_for_status(480), "no_answer");
  EXPECT_EQ(end_reason_for_status(488), "no_common_codec");
  EXPECT_EQ(end_reason_for_status(500), "failed");
  auto busy = end_from_response(486, "Busy Here");
  EXPECT_EQ(busy.by, EndedBy::Remote);
  EXPECT_EQ(busy.detail, "486 Busy Here");
  auto down = end_from_response(503, "Service Unavailable");
  EXPECT_EQ(down.by, EndedBy::System);
  EXPECT_EQ(down.reason, "unreachable");
}

TEST(RetryPolicy, DoublesUpToTheCap) {
  RetryPolicy p;
  EXPECT_EQ(p.delay(1), 1000ms);
  EXPECT_EQ(p.delay(2), 2000ms);
  EXPECT_EQ(p.delay(4), 8000ms);
  EXPECT_EQ(p.delay(5), 16000ms);
  EXPECT_EQ(p.delay(50), 16000ms);
}

TEST(ChooseCodec, FollowsTheOffererAndMatchesByNameAndRate) {
  std::vector<Codec> ours{{"PCMU", 8000, 1, 0, ""}, {"opus", 48000, 2, 111, ""}};
  std::vector<Codec> theirs{{"OPUS", 48000, 2, 96, ""}, {"PCMU", 8000, 1, 0, ""}};
  auto c = choose_codec(ours, theirs);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->payload_type, 96);  // the offerer's dynamic number
  EXPECT_FALSE(choose_codec(ours, {{"opus", 16000, 1, 96, ""}}));
}

TEST(JournalEntry, WaitAndTalkDurations) {
  JournalEntry e;
  e.started_at = TimePoint{} + 100s;
  EXPECT_EQ(e.wait_duration(), 0s);
  e.ended_at = e.started_at + 12s;
  EXPECT_EQ(e.wait_duration(), 12s);  // never answered: all of it was waiting
  EXPECT_EQ(e.talk_duration(), 0s);
  e.answered_at = e.started_at + 2600ms;
  EXPECT_EQ(e.wait_duration(), 3s);
  EXPECT_EQ(e.talk_duration(), 9s);
}
