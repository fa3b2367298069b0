// SPDX-License-Identifier: GPL-3.0-or-later
// The views against the real CallController with fake SIP, media and journal: what a banner,
// the call window and the Calls page show after core signals, and what their buttons send.
// Needs a display (ctest runs this under xvfb-run); the party text helpers need none.
#include <gtest/gtest.h>
#include <gtkmm/button.h>
#include <gtkmm/entry.h>
#include <gtkmm/label.h>
#include <gtkmm/main.h>

#include "tests/support/fake_call_history.hpp"
#include "tests/support/fake_media_engine.hpp"
#include "tests/support/fake_scheduler.hpp"
#include "tests/support/fake_sip_backend.hpp"
#include "widgets/call_window.hpp"
#include "widgets/calls_view.hpp"
#include "widgets/incoming_banner.hpp"
#include "widgets/party_text.hpp"

using namespace telpanel;
using namespace std::chrono_literals;

namespace {

void pump() {
  while (Gtk::Main::events_pending()) Gtk::Main::iteration(false);
}

// Every descendant widget of `root` of type T (GTK containers, depth first).
template <class T>
std::vector<T*> find_all(Gtk::Widget& root) {
  std::vector<T*> out;
  if (auto* t = dynamic_cast<T*>(&root)) out.push_back(t);
  if (auto* c = dynamic_cast<Gtk::Container*>(&root))
    for (auto* child : c->get_children()) {
      auto more = find_all<T>(*child);
      out.insert(out.end(), more.begin(), more.end());
    }
  return out;
}

Gtk::Button* button(Gtk::Widget& root, const std::string& label) {
  for (auto* b : find_all<Gtk::Button>(root))
    if (b->get_label() == label) return b;
  return nullptr;
}

bool shows_text(Gtk::Widget& root, const std::string& text) {
  for (auto* l : find_all<Gtk::Label>(root))
    if (l->get_visible() && l->get_text() == text) return true;
  return false;
}

Gtk::Window* visible_banner() {
  for (auto* w : Gtk::Window::list_toplevels())
    if (w->get_title() == "Incoming call" && w->get_visible()) return w;
  return nullptr;
}

}  // namespace

TEST(PartyText, NumbersAndNamesForPeople) {
  EXPECT_EQ(widgets::party_number("sip:+79123456789@pbx;user=phone"), "+79123456789");
  EXPECT_EQ(widgets::party_number("tel:+7912"), "+7912");
  EXPECT_EQ(widgets::party_number("sip:pbx.example.org"), "pbx.example.org");
  EXPECT_EQ(widgets::party_title("Anna", "sip:1002@x"), "Anna");
  EXPECT_EQ(widgets::party_title("", "sip:1002@x"), "1002");
  EXPECT_EQ(widgets::clock_text(7s), "0:07");
  EXPECT_EQ(widgets::clock_text(754s), "12:34");
  EXPECT_EQ(widgets::clock_text(3723s), "1:02:03");
}

class ViewsTest : public ::testing::Test {
 protected:
  ViewsTest()
      : controller({core::AccountEntry{"", "example.org", "127.0.0.1", {}, &sip}}, media, &history,
                   scheduler) {}

  core::CallId incoming(const std::string& display) {
    core::IncomingCallInfo info;
    info.id = core::next_call_id();
    info.remote_party = "sip:1002@example.org";
    info.remote_display = display;
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
};

TEST_F(ViewsTest, BannerShowsTheCallerAndItsButtonsAnswerOrReject) {
  widgets::IncomingBanners banners(controller);
  auto id = incoming("Ivan Petrov");
  pump();
  Gtk::Window* banner = visible_banner();
  ASSERT_NE(banner, nullptr);
  EXPECT_EQ(banner->get_type_hint(), Gdk::WINDOW_TYPE_HINT_NOTIFICATION);
  EXPECT_FALSE(banner->get_decorated());
  EXPECT_TRUE(shows_text(*banner, "Ivan Petrov"));
  EXPECT_TRUE(shows_text(*banner, "1002"));
  ASSERT_NE(button(*banner, "_Answer"), nullptr);
  button(*banner, "_Answer")->clicked();
  EXPECT_EQ(sip.last(), "answer " + id);
  sip.progress(id, core::CallProgress::Kind::Answered);
  pump();
  EXPECT_EQ(visible_banner(), nullptr);  // gone once answered (deleted from the loop)
}

TEST_F(ViewsTest, CallWindowListsTheCallAndHangsUp) {
  widgets::CallWindow window(controller);
  auto id = incoming("");
  ASSERT_TRUE(controller.answer(id));
  sip.progress(id, core::CallProgress::Kind::Answered);
  pump();
  EXPECT_TRUE(window.get_visible());
  EXPECT_TRUE(shows_text(window, "Talking"));
  ASSERT_NE(button(window, "Hang _up"), nullptr);
  button(window, "Hang _up")->clicked();
  EXPECT_EQ(sip.last(), "hangup " + id);
  sip.progress(id, core::CallProgress::Kind::Ended, {core::EndedBy::Local, 200, "hangup", ""});
  pump();
  EXPECT_FALSE(window.get_visible());
}

TEST_F(ViewsTest, CallsPageDialsAPastedNumberAndSaysWhatIsWrongOtherwise) {
  widgets::CallsView view(controller, &history);
  auto entries = find_all<Gtk::Entry>(view);
  ASSERT_EQ(entries.size(), 1u);
  entries[0]->set_text("+7 (912) 345-67-89\n");
  entries[0]->activate();
  EXPECT_NE(sip.last().find("sip:+79123456789@example.org"), std::string::npos) << sip.last();
  EXPECT_EQ(entries[0]->get_text(), "");
  entries[0]->set_text("call John");
  entries[0]->activate();
  EXPECT_TRUE(shows_text(view, "not a phone number or SIP URI: 'call John'"));
  EXPECT_EQ(entries[0]->get_text(), "call John");  // nothing typed is lost
}

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (g_getenv("DISPLAY") == nullptr) {
    std::fprintf(stderr, "widgets_tests: no DISPLAY; run under xvfb-run\n");
    return 1;
  }
  Gtk::Main kit(argc, argv);
  return RUN_ALL_TESTS();
}
