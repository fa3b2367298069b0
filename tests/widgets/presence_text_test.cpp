// SPDX-License-Identifier: GPL-3.0-or-later
// How presence is written for people in the status menu, the Colleagues page and the pickers.
#include "widgets/presence_text.hpp"

#include <gtest/gtest.h>

namespace telpanel::widgets {
namespace {

core::PresenceView view(core::Presence p, bool reachable = true) {
  core::PresenceView v;
  v.extension = "1002";
  v.presence = p;
  v.reachable = reachable;
  return v;
}

TEST(PresenceText, SummaryJoinsStateCallTextAndLastSeen) {
  auto v = view(core::Presence::Busy);
  EXPECT_EQ(presence_summary(v), "Busy");
  v.on_call = true;
  v.text = "At lunch";
  EXPECT_EQ(presence_summary(v), "Busy · on a call · At lunch");
  // Last seen only where it means something: away (last input) or unreachable (when lost).
  v = view(core::Presence::Available);
  v.last_seen = core::Clock::now();
  EXPECT_EQ(presence_summary(v), "Available");
  v.presence = core::Presence::Away;
  EXPECT_EQ(presence_summary(v).find("Away · was here "), 0u) << presence_summary(v);
  auto gone = view(core::Presence::Offline, false);
  gone.last_seen = core::Clock::now();
  EXPECT_EQ(presence_summary(gone).find("Unreachable · was here "), 0u);
}

TEST(PresenceText, LastSeenTodayIsAClockTimeEarlierDaysCarryTheDate) {
  const auto today = last_seen_text(core::Clock::now());
  EXPECT_EQ(today.size(), Glib::ustring("was here 14:05").size()) << today;
  const auto old = last_seen_text(core::Clock::now() - std::chrono::hours(24 * 40));
  EXPECT_EQ(old.size(), Glib::ustring("was here 20.11 14:05").size()) << old;
}

TEST(PresenceText, EveryStateHasAnIcon) {
  for (auto p : {core::Presence::Available, core::Presence::Busy, core::Presence::Dnd,
                 core::Presence::Away, core::Presence::Offline})
    EXPECT_NE(std::string(presence_icon(p)).find("-symbolic"), std::string::npos);
}

}  // namespace
}  // namespace telpanel::widgets
