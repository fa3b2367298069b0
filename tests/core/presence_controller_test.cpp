// SPDX-License-Identifier: GPL-3.0-or-later
// PresenceController against fake SIP, presence backend, idle source, store and time.
#include "core/presence_controller.hpp"

#include <gtest/gtest.h>

#include "tests/support/fake_presence.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"

using namespace telpanel;
using namespace std::chrono_literals;
using core::Presence;

class PresenceControllerTest : public ::testing::Test {
 protected:
  void make(std::chrono::seconds away_after = 300s, bool with_idle = true) {
    core::AutoAwaySettings a;
    a.after = away_after;
    controller = std::make_unique<core::PresenceController>(
        std::vector<core::SipBackend*>{&sip}, &backend, with_idle ? &idle : nullptr, "no X display",
        &store, scheduler,
        std::vector<core::ColleagueEntry>{{"1002", "Anna", "lead", {"sales"}},
                                          {"1003", "Boris", "", {}}},
        a, [this] { return now; });
    controller->signal_colleague_changed().connect(
        [this](const core::PresenceView& v) { changes.push_back(v); });
  }
  const core::PresenceView& row(const std::string& ext) { return *controller->colleague(ext); }

  tests::FakeSipBackend sip;
  tests::FakePresenceBackend backend;
  tests::FakeIdleSource idle;
  tests::MemoryPresenceStore store;
  tests::FakeScheduler scheduler;
  core::TimePoint now = core::TimePoint(std::chrono::seconds(1800000000));
  std::unique_ptr<core::PresenceController> controller;
  std::vector<core::PresenceView> changes;
};

TEST_F(PresenceControllerTest, StartRestoresStoredStatusAndWatchesColleagues) {
  store.stored = core::StoredPresence{false, Presence::Dnd, "away today"};
  make();
  controller->start();
  EXPECT_EQ(sip.commands, std::vector<std::string>{"offline"});
  ASSERT_EQ(backend.published.size(), 1u);
  EXPECT_FALSE(backend.published[0].open);
  EXPECT_EQ(backend.watched, (std::vector<std::string>{"1002", "1003"}));
  EXPECT_EQ(controller->own().presence, Presence::Offline);
  EXPECT_EQ(controller->own().text, "away today");
  controller->set_online(true);
  EXPECT_EQ(sip.last(), "online");
  EXPECT_EQ(controller->own().presence, Presence::Dnd);
  EXPECT_TRUE(store.stored->online);
}

TEST_F(PresenceControllerTest, ChosenStatusAndTextArePublishedAndStored) {
  make();
  controller->start();
  ASSERT_TRUE(controller->set_presence(Presence::Busy));
  ASSERT_TRUE(controller->set_text("lunch"));
  EXPECT_EQ(backend.published.back().activity, Presence::Busy);
  EXPECT_EQ(backend.published.back().note, "lunch");
  EXPECT_EQ(store.stored->presence, Presence::Busy);
  const auto before = backend.published.size();
  EXPECT_FALSE(controller->set_presence(Presence::Away));
  EXPECT_FALSE(controller->set_text("two\nlines"));
  EXPECT_EQ(backend.published.size(), before);
  EXPECT_EQ(controller->own().text, "lunch");
}

TEST_F(PresenceControllerTest, NeverPublishedButRegisteredIsAvailable) {
  make();
  controller->start();
  EXPECT_EQ(row("1002").presence, Presence::Offline);
  backend.registration("1002", true);
  backend.presence("1002", std::nullopt);
  EXPECT_EQ(row("1002").presence, Presence::Available);
  EXPECT_TRUE(row("1002").reachable);
  EXPECT_EQ(row("1002").name, "Anna");
}

TEST_F(PresenceControllerTest, PublishedStatusOnCallAndLossOfRegistration) {
  make();
  controller->start();
  backend.registration("1002", true);
  core::PresenceDocument d;
  d.activity = Presence::Dnd;
  d.note = "focus";
  backend.presence("1002", d);
  EXPECT_EQ(row("1002").presence, Presence::Dnd);
  EXPECT_EQ(row("1002").text, "focus");
  backend.dialog("1002", true);
  EXPECT_TRUE(row("1002").on_call);
  backend.dialog("1002", false);
  EXPECT_FALSE(row("1002").on_call);
  now += 60s;
  backend.registration("1002", false);
  EXPECT_EQ(row("1002").presence, Presence::Offline);
  EXPECT_FALSE(row("1002").reachable);
  EXPECT_EQ(row("1002").last_seen, now);
  // One change event per real change.
  EXPECT_EQ(changes.size(), 5u);
  backend.registration("1002", false);
  EXPECT_EQ(changes.size(), 5u);
}

TEST_F(PresenceControllerTest, AwayPeerShowsItsLastInput) {
  make();
  controller->start();
  backend.registration("1003", true);
  core::PresenceDocument d;
  d.activity = Presence::Away;
  d.last_input = now - 10min;
  backend.presence("1003", d);
  EXPECT_EQ(row("1003").presence, Presence::Away);
  EXPECT_EQ(row("1003").last_seen, now - 10min);
}

TEST_F(PresenceControllerTest, AutoAwayAfterIdleAndBackOnActivity) {
  make(300s);
  controller->start();
  controller->set_presence(Presence::Busy);
  idle.idle = 299s;
  scheduler.advance(2s);
  EXPECT_EQ(controller->own().presence, Presence::Busy);
  idle.idle = 301s;
  scheduler.advance(2s);
  EXPECT_EQ(controller->own().presence, Presence::Away);
  EXPECT_EQ(controller->own().last_seen, now - 301s);
  EXPECT_EQ(backend.published.back().activity, Presence::Away);
  EXPECT_EQ(backend.published.back().last_input, now - 301s);
  EXPECT_EQ(store.stored->presence, Presence::Busy);  // away is never stored
  idle.broken = true;                                 // a failed read keeps the state
  scheduler.advance(2s);
  EXPECT_EQ(controller->own().presence, Presence::Away);
  idle.broken = false;
  idle.idle = 1s;
  scheduler.advance(2s);
  EXPECT_EQ(controller->own().presence, Presence::Busy);
  EXPECT_EQ(backend.published.back().activity, Presence::Busy);
}

TEST_F(PresenceControllerTest, NoIdleSourceTurnsAutoAwayOffWithAReason) {
  make(300s, false);
  controller->start();
  EXPECT_FALSE(controller->auto_away().enabled);
  EXPECT_EQ(controller->auto_away().reason, "no X display");
  make(0s, true);
  EXPECT_FALSE(controller->auto_away().enabled);
  EXPECT_EQ(controller->auto_away().reason, "auto-away is off in the config");
}

TEST_F(PresenceControllerTest, AwayThresholdChangesWhileRunning) {
  make(0s);
  controller->start();
  idle.idle = 700s;
  scheduler.advance(10s);
  EXPECT_EQ(controller->own().presence, Presence::Available);  // off: never away
  controller->set_away_after(600s);
  EXPECT_TRUE(controller->auto_away().enabled);
  EXPECT_EQ(controller->own().presence, Presence::Away);  // at once, not at the next poll
  controller->set_away_after(900s);                       // longer than the idle time now
  EXPECT_EQ(controller->own().presence, Presence::Available);
  controller->set_away_after(600s);
  EXPECT_EQ(controller->own().presence, Presence::Away);
  controller->set_away_after(0s);  // off while away: back, and polling stops
  EXPECT_EQ(controller->own().presence, Presence::Available);
  EXPECT_EQ(backend.published.back().activity, Presence::Available);
  EXPECT_EQ(controller->auto_away().reason, "auto-away is off in the config");
  scheduler.advance(10s);
  EXPECT_EQ(controller->own().presence, Presence::Available);
}

TEST_F(PresenceControllerTest, LostWatchForgetsWhatWasKnown) {
  make();
  controller->start();
  backend.registration("1002", true);
  backend.dialog("1002", true);
  backend.lost("1002");
  EXPECT_FALSE(row("1002").reachable);
  EXPECT_FALSE(row("1002").on_call);
}

TEST_F(PresenceControllerTest, OwnCallIsShownAndPublishedAsOnThePhone) {
  make();
  controller->start();
  controller->set_on_call(true);
  EXPECT_TRUE(controller->own().on_call);
  EXPECT_TRUE(backend.published.back().on_the_phone);
  controller->set_on_call(false);
  EXPECT_FALSE(backend.published.back().on_the_phone);
}

TEST_F(PresenceControllerTest, ClosedDocumentWhileRegisteredIsOfflineWithLastSeen) {
  make();
  controller->start();
  backend.registration("1002", true);
  backend.presence("1002", core::PresenceDocument{});
  EXPECT_EQ(row("1002").presence, Presence::Available);
  now += 5min;
  core::PresenceDocument closed;
  closed.open = false;
  backend.presence("1002", closed);
  EXPECT_EQ(row("1002").presence, Presence::Offline);
  EXPECT_TRUE(row("1002").reachable);  // still registered: calls would reach them
  EXPECT_EQ(row("1002").last_seen, now);
}

TEST_F(PresenceControllerTest, ProvisionedListAddsUpdatesAndRemovesButNeverConfigured) {
  make();
  std::vector<std::string> removed;
  controller->signal_colleague_removed().connect(
      [&removed](const std::string& ext) { removed.push_back(ext); });
  // Before start: the first watch() covers them.
  controller->set_provisioned({{"1002", "Other Anna", "", {}}, {"1004", "Vera", "", {}}});
  EXPECT_TRUE(backend.watched.empty());
  controller->start();
  EXPECT_EQ(backend.watched, (std::vector<std::string>{"1002", "1003", "1004"}));
  EXPECT_EQ(row("1002").name, "Anna");  // the configured entry wins
  backend.registration("1004", true);
  EXPECT_TRUE(row("1004").reachable);

  changes.clear();
  controller->set_provisioned({{"1004", "Vera P.", "lead", {}}, {"1005", "Gleb", "", {}}});
  EXPECT_EQ(backend.watched, (std::vector<std::string>{"1002", "1003", "1004", "1005"}));
  EXPECT_EQ(row("1004").name, "Vera P.");
  EXPECT_TRUE(row("1004").reachable);  // what was known about them is kept
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].extension, "1004");
  EXPECT_EQ(changes[1].extension, "1005");

  controller->set_provisioned({});
  EXPECT_EQ(removed, (std::vector<std::string>{"1004", "1005"}));
  EXPECT_EQ(backend.watched, (std::vector<std::string>{"1002", "1003"}));
  EXPECT_EQ(controller->colleague("1005"), nullptr);
  EXPECT_EQ(controller->colleagues().size(), 2u);

  backend.watched.clear();
  controller->set_provisioned({});  // nothing changes: no new watch()
  EXPECT_TRUE(backend.watched.empty());
  backend.registration("1004", true);  // a late NOTIFY for a removed colleague is ignored
  EXPECT_EQ(controller->colleague("1004"), nullptr);
}
