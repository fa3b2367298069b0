// SPDX-License-Identifier: GPL-3.0-or-later
// CallRecorder (REC-1), CallActions (ACT-2), PersonalSettings and the calls_enabled switch
// (ACT-1) against fake SIP, media and journal: parts per hold/resume, on demand, failures,
// actions once per call, placeholder expansion.
#include "core/call_recorder.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/call_actions.hpp"
#include "tests/support/fake_call_history.hpp"
#include "tests/support/fake_media_engine.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"

using namespace telpanel;
using namespace std::chrono_literals;
using core::CallProgress;
using core::RecordingEvent;

namespace {

class FakeCatalog final : public core::RecordingCatalog {
 public:
  std::map<std::int64_t, core::RecordingPart> rows;
  core::Result<std::int64_t> add(const core::RecordingPart& p) override {
    const auto id = static_cast<std::int64_t>(rows.size()) + 1;
    rows[id] = p;
    rows[id].id = id;
    return id;
  }
  core::Result<void> finish(std::int64_t id, std::chrono::milliseconds d,
                            const std::string& error) override {
    rows[id].duration = d;
    rows[id].error = error;
    return {};
  }
  core::Result<std::vector<core::RecordingPart>> parts(core::JournalId j) const override {
    std::vector<core::RecordingPart> out;
    for (const auto& [id, p] : rows)
      if (p.journal == j) out.push_back(p);
    return out;
  }
  core::Result<core::JournalId> journal_for_call(const core::CallId&) const override {
    return core::make_error(core::ErrorCode::NotFound, "unused");
  }
};

class SpyRunner final : public core::CallActionRunner {
 public:
  std::vector<core::ActionRequest> runs;
  void run(const core::ActionRequest& r) override { runs.push_back(r); }
};

class CallRecorderTest : public ::testing::Test {
 protected:
  CallRecorderTest()
      : controller({core::AccountEntry{"", "example.org", "127.0.0.1", {}, &sip}}, media, &history,
                   scheduler, [this] { return now; }),
        recorder(
            controller, &catalog, "/rec", [this] { return settings.recording; },
            [this] { return now; }),
        actions(
            controller, [this]() -> const core::PersonalSettings& { return settings; }, runner,
            [](const std::string& number) { return number == "1002" ? "client-7" : ""; }) {
    recorder.signal_recording().connect([this](const RecordingEvent& e) { events.push_back(e); });
  }

  core::MediaPlan plan(core::MediaDirection dir = core::MediaDirection::SendRecv) {
    core::MediaPlan p;
    p.remote_address = "127.0.0.1";
    p.remote_rtp_port = 50000;
    p.codec = {"PCMU", 8000, 1, 0, ""};
    p.direction = dir;
    return p;
  }
  core::CallId answered_incoming() {
    core::IncomingCallInfo info;
    info.id = core::next_call_id();
    info.remote_party = "sip:1002@example.org";
    sip.incoming(info);
    EXPECT_TRUE(controller.answer(info.id));
    sip.media(info.id, plan());
    sip.progress(info.id, CallProgress::Kind::Answered);
    return info.id;
  }
  tests::FakeMediaRecord& rec(const core::CallId& id) { return *media.sessions[id]; }

  tests::FakeSipBackend sip;
  tests::FakeMediaEngine media;
  tests::FakeCallHistory history;
  tests::FakeScheduler scheduler;
  FakeCatalog catalog;
  SpyRunner runner;
  core::PersonalSettings settings;
  core::TimePoint now = core::TimePoint{} + 1000h;
  core::CallController controller;
  core::CallRecorder recorder;
  core::CallActions actions;
  std::vector<RecordingEvent> events;
};

}  // namespace

TEST_F(CallRecorderTest, AlwaysRecordsOnePartPerActiveStretch) {
  settings.recording = core::RecordingMode::Always;
  const auto id = answered_incoming();
  ASSERT_EQ(rec(id).recordings.size(), 1u);
  EXPECT_EQ(rec(id).recordings[0], core::CallRecorder::part_path("/rec", id, 1, now));
  now += 5s;
  ASSERT_TRUE(controller.hold(id));
  EXPECT_FALSE(rec(id).recording);
  sip.media(id, plan(core::MediaDirection::SendOnly));  // the hold re-INVITE: no new part
  now += 2s;
  ASSERT_TRUE(controller.resume(id));
  sip.media(id, plan());
  ASSERT_EQ(rec(id).recordings.size(), 2u);
  // The far end holding us is a boundary too.
  sip.media(id, plan(core::MediaDirection::RecvOnly));
  sip.media(id, plan());
  ASSERT_EQ(rec(id).recordings.size(), 3u);
  now += 3s;
  sip.progress(id, CallProgress::Kind::Ended, {core::EndedBy::Remote, 200, "hangup", ""});
  ASSERT_EQ(catalog.rows.size(), 3u);
  EXPECT_EQ(catalog.rows[1].part, 1);
  EXPECT_EQ(catalog.rows[1].duration, 5000ms);
  EXPECT_EQ(catalog.rows[3].duration, 3000ms);
  EXPECT_EQ(catalog.rows[3].journal, history.rows.begin()->first);
  std::vector<std::string> kinds;
  for (const auto& e : events) kinds.push_back(core::recording_event_name(e.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"started", "finished", "started", "finished",
                                             "started", "finished"}));
}

TEST_F(CallRecorderTest, WantedStaysThroughHoldAndFollowsTheSwitch) {
  // What the call window's Record button shows: wanted, not "a part is open right now".
  settings.recording = core::RecordingMode::Always;
  const auto id = answered_incoming();
  EXPECT_TRUE(recorder.is_wanted(id));
  ASSERT_TRUE(controller.hold(id));
  EXPECT_FALSE(recorder.is_recording(id));
  EXPECT_TRUE(recorder.is_wanted(id));
  ASSERT_TRUE(recorder.set_recording(id, false));  // "always" is the person's own setting
  EXPECT_FALSE(recorder.is_wanted(id));
  EXPECT_FALSE(recorder.is_wanted("nope"));
  settings.recording = core::RecordingMode::OnDemand;
  const auto other = answered_incoming();
  EXPECT_FALSE(recorder.is_wanted(other));
  ASSERT_TRUE(recorder.set_recording(other, true));
  EXPECT_TRUE(recorder.is_wanted(other));
}

TEST_F(CallRecorderTest, PartPathIsDatedAndSafe) {
  const auto path = core::CallRecorder::part_path("/r", "a/b c-1", 2, core::Clock::now());
  EXPECT_EQ(path.substr(path.size() - 15), "/a_b_c-1-2.opus");
  EXPECT_EQ(path.size(), std::string("/r/YYYY/MM/DD/a_b_c-1-2.opus").size());
}

TEST_F(CallRecorderTest, WishChangedOnAHeldCallIsAnnounced) {
  settings.recording = core::RecordingMode::OnDemand;
  const auto id = answered_incoming();
  std::vector<core::CallId> wanted;
  recorder.signal_wanted_changed().connect([&](const core::CallId& c) { wanted.push_back(c); });
  ASSERT_TRUE(controller.hold(id));
  ASSERT_TRUE(recorder.set_recording(id, true));
  EXPECT_TRUE(events.empty());  // no part while held
  EXPECT_EQ(wanted, std::vector<core::CallId>{id});
  ASSERT_TRUE(recorder.set_recording(id, true));  // no change, no announcement
  EXPECT_EQ(wanted.size(), 1u);
}

TEST_F(CallRecorderTest, OnDemandRecordsOnlyWhenAskedAndNeverRefuses) {
  settings.recording = core::RecordingMode::OnDemand;
  const auto id = answered_incoming();
  EXPECT_TRUE(rec(id).recordings.empty());
  ASSERT_TRUE(recorder.set_recording(id, true));
  EXPECT_TRUE(rec(id).recording);
  ASSERT_TRUE(recorder.set_recording(id, false));
  EXPECT_FALSE(rec(id).recording);
  settings.recording = core::RecordingMode::Never;
  EXPECT_EQ(recorder.set_recording(id, true).error().code, core::ErrorCode::InvalidState);
  EXPECT_EQ(recorder.set_recording("nope", true).error().code, core::ErrorCode::NotFound);
}

TEST_F(CallRecorderTest, NewPartOnTransferAndFailuresAreReported) {
  settings.recording = core::RecordingMode::Always;
  const auto id = answered_incoming();
  recorder.new_part(id);
  ASSERT_EQ(rec(id).recordings.size(), 2u);
  static_cast<tests::FakeMediaSession*>(controller.media_session(id))
      ->fail_recording(core::make_error(core::ErrorCode::Io, "disk full"));
  EXPECT_EQ(events.back().kind, RecordingEvent::Kind::Failed);
  EXPECT_EQ(catalog.rows[2].error, "disk full");
  EXPECT_EQ(controller.find(id)->state, core::CallState::Active);

  rec(id).refuse_recording = "cannot create directory";
  ASSERT_TRUE(controller.hold(id));
  ASSERT_TRUE(controller.resume(id));
  EXPECT_EQ(events.back().kind, RecordingEvent::Kind::Failed);
  EXPECT_EQ(events.back().error, "cannot create directory");
  EXPECT_EQ(events.back().part, 3);
}

TEST_F(CallRecorderTest, RecordingAskedForGoesOnInTheCallThatTakesOver) {
  settings.recording = core::RecordingMode::OnDemand;
  // The far end transfers us with a REFER: the call we place for it continues the conversation.
  const auto old = answered_incoming();
  ASSERT_TRUE(recorder.set_recording(old, true));
  sip.refer_received(old, {"sip:1003@example.org", "sip:1002@example.org", false});
  const auto placed = controller.find(old)->transfer->linked;
  sip.media(placed, plan());
  sip.progress(placed, CallProgress::Kind::Answered);
  EXPECT_TRUE(recorder.is_recording(placed));
  EXPECT_TRUE(rec(placed).recording);

  // An INVITE with Replaces takes over a recorded call: recorded too; an unrecorded one: not.
  core::IncomingCallInfo info;
  info.id = core::next_call_id();
  info.remote_party = "sip:1004@example.org";
  info.has_offer = true;
  info.offered_codecs = {{"PCMU", 8000, 1, 0, ""}};
  info.replaces = placed;
  sip.incoming(info);
  sip.media(info.id, plan());
  sip.progress(info.id, CallProgress::Kind::Answered);
  EXPECT_TRUE(recorder.is_recording(info.id));

  const auto plain = answered_incoming();
  info.id = core::next_call_id();
  info.replaces = plain;
  sip.incoming(info);
  sip.media(info.id, plan());
  sip.progress(info.id, CallProgress::Kind::Answered);
  EXPECT_FALSE(recorder.is_recording(info.id));
}

TEST_F(CallRecorderTest, ActionFiresOnceWhenAnIncomingCallIsAnswered) {
  settings.on_incoming_answered = core::CallAction::Url;
  settings.action_url = "https://crm/{number}";
  core::IncomingCallInfo info;
  info.id = core::next_call_id();
  info.remote_party = "sip:1002@example.org";
  sip.incoming(info);
  EXPECT_TRUE(runner.runs.empty()) << "fired while ringing";
  ASSERT_TRUE(controller.answer(info.id));
  sip.media(info.id, plan());
  sip.progress(info.id, CallProgress::Kind::Answered);
  sip.media(info.id, plan());  // re-INVITEs, hold, resume
  ASSERT_TRUE(controller.hold(info.id));
  ASSERT_TRUE(controller.resume(info.id));
  sip.progress(info.id, CallProgress::Kind::Answered);
  ASSERT_EQ(runner.runs.size(), 1u);
  EXPECT_EQ(runner.runs[0].number, "1002");
  EXPECT_EQ(runner.runs[0].client_id, "client-7");
  EXPECT_EQ(runner.runs[0].url_template, "https://crm/{number}");
}

TEST_F(CallRecorderTest, OutgoingActionFiresWhenPlacedAndNothingMeansNothing) {
  settings.on_outgoing = core::CallAction::Command;
  auto id = controller.dial("sip:%2B7%20912@example.org");
  ASSERT_TRUE(id);
  sip.progress(*id, CallProgress::Kind::Ringing);
  ASSERT_EQ(runner.runs.size(), 1u);
  EXPECT_EQ(runner.runs[0].number, "+7 912");
  settings.on_outgoing = core::CallAction::Nothing;
  ASSERT_TRUE(controller.dial("1003"));
  EXPECT_EQ(runner.runs.size(), 1u);
}

TEST_F(CallRecorderTest, CallsSwitchedOffRefuseDialAndRejectIncomingUnseen) {
  controller.set_calls_enabled(false);
  auto dialed = controller.dial("1003");
  ASSERT_FALSE(dialed);
  EXPECT_NE(dialed.error().detail.find("switched off"), std::string::npos);
  core::IncomingCallInfo info;
  info.id = core::next_call_id();
  info.remote_party = "sip:1002@example.org";
  sip.incoming(info);
  EXPECT_EQ(sip.last(), "reject " + info.id + " 480");
  EXPECT_TRUE(controller.calls().empty());
  EXPECT_TRUE(history.rows.empty());
  EXPECT_TRUE(runner.runs.empty());
}

TEST(CallActionText, NumberAndPlaceholders) {
  EXPECT_EQ(core::number_of("sip:%2B79123456789@pbx;user=phone"), "+79123456789");
  EXPECT_EQ(core::number_of("tel:+7912;phone-context=x"), "+7912");
  EXPECT_EQ(core::number_of("sip:100%zz@h"), "100%zz");  // a broken escape stays as it is
  core::ActionRequest r;
  r.number = "a&b";
  r.call = "c-1";
  auto upper = [](const std::string& s) { return "<" + s + ">"; };
  EXPECT_EQ(core::expand_placeholders("x{number}y{call_id}{client_id}{other}", r, upper),
            "x<a&b>y<c-1><>{other}");
}

TEST(PersonalSettingsTest, ValidatesAndListsEveryKey) {
  core::PersonalSettings s;
  EXPECT_TRUE(s.set("recording", "on_demand"));
  EXPECT_EQ(s.recording, core::RecordingMode::OnDemand);
  auto bad = s.set("recording", "maybe");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().detail, "bad value 'maybe' for recording (use always, on_demand, never)");
  EXPECT_FALSE(s.set("calls_enabled", "yes"));
  EXPECT_FALSE(s.set("action_url", "file:///etc/passwd"));
  EXPECT_FALSE(s.set("nope", "1"));
  const auto entries = s.entries();
  ASSERT_EQ(entries.size(), core::personal_setting_keys().size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].first, core::personal_setting_keys()[i]);
    core::PersonalSettings copy;
    EXPECT_TRUE(copy.set(entries[i].first, entries[i].second)) << entries[i].first;
  }
}
