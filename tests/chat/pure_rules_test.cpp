// SPDX-License-Identifier: GPL-3.0-or-later
// The pure pieces of the chat core: the request gate (budget, backoff, Retry-After), template
// variables, mention markup, file checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/chat/chat_types.hpp"
#include "core/chat/file_types.hpp"
#include "core/chat/request_gate.hpp"

namespace telpanel::core {
namespace {

using namespace std::chrono_literals;
using Clock = RequestGate::Clock;

TEST(RequestGate, NeverMoreThanTheBudgetInAnySixtySeconds) {
  RequestGate gate({5, 1000ms, 60000ms}, [] { return 0.5; });
  const auto t0 = Clock::time_point{} + 1000s;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(gate.wait_time(t0 + i * 1s).count(), 0);
    gate.record_sent(t0 + i * 1s);
  }
  // The sixth must wait until the first leaves the window.
  EXPECT_EQ(gate.sent_last_minute(t0 + 30s), 5);
  EXPECT_GE(gate.wait_time(t0 + 10s), 50s);
  EXPECT_EQ(gate.wait_time(t0 + 60s + 1ms).count(), 0);
}

TEST(RequestGate, BackoffGrowsWithJitterAndResets) {
  RequestGate gate({100, 1000ms, 8000ms}, [] { return 0.0; });
  const auto t = Clock::time_point{} + 1000s;
  std::vector<long> waits;
  for (int i = 0; i < 6; ++i) {
    RequestGate g({100, 1000ms, 8000ms}, [] { return 0.0; });
    for (int k = 0; k <= i; ++k) g.record_failure(t);
    waits.push_back(static_cast<long>(g.wait_time(t).count()));
  }
  // Half of 1, 2, 4, 8, 8, 8 s (jitter 0 takes the fixed half).
  EXPECT_EQ(waits, (std::vector<long>{501, 1001, 2001, 4001, 4001, 4001}));
  RequestGate full({100, 1000ms, 8000ms}, [] { return 0.999; });
  full.record_failure(t);
  EXPECT_GE(full.wait_time(t), 990ms);
  gate.record_failure(t);
  gate.record_success();
  EXPECT_EQ(gate.consecutive_failures(), 0);
}

TEST(RequestGate, RetryAfterIsHonoured) {
  RequestGate gate({100, 1000ms, 60000ms}, [] { return 0.0; });
  const auto t = Clock::time_point{} + 1000s;
  gate.record_rate_limited(t, 17s);
  EXPECT_GE(gate.wait_time(t + 16s), 999ms);
  EXPECT_EQ(gate.wait_time(t + 17s + 1ms).count(), 0);
}

TEST(ChatText, TemplateVariablesAndMentionMarkup) {
  EXPECT_EQ(template_variables("Hi {{contact.name}}, {{ agent.name }} and {{contact.name}}"),
            (std::vector<std::string>{"contact.name", "agent.name"}));
  EXPECT_TRUE(template_variables("no vars {{ unclosed").empty());
  EXPECT_EQ(mention_markup({3, "Anna Smith"}), "[@Anna Smith](mention://user/3/Anna%20Smith)");
  EXPECT_EQ(mention_markup({4, "Ж (x)"}), "[@Ж (x)](mention://user/4/Ж%20%28x%29)");
  EXPECT_EQ(without_mention_markup(mention_markup({3, "Anna Smith"}) + " look, " +
                                   mention_markup({4, "Ж (x)"})),
            "@Anna Smith look, @Ж (x)");
  EXPECT_EQ(without_mention_markup("[@x](http://e.org) and [link](mention://user/1/a)"),
            "[@x](http://e.org) and [link](mention://user/1/a)");
}

TEST(ChatFiles, SizeAndTypeChecks) {
  const auto dir = std::filesystem::temp_directory_path() / "telpanel-chat-files-test";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, std::size_t n) {
    std::ofstream(dir / name, std::ios::binary) << std::string(n, 'x');
    return (dir / name).string();
  };
  auto ok = check_outgoing_file(write("a.pdf", 100), 1000, 500);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->content_type, "application/pdf");
  EXPECT_EQ(ok->name, "a.pdf");
  auto image = check_outgoing_file(write("b.JPG", 600), 1000, 500);
  ASSERT_FALSE(image);
  EXPECT_NE(image.error().detail.find("limit for images"), std::string::npos);
  EXPECT_FALSE(check_outgoing_file(write("c.bin", 0), 1000, 500));
  EXPECT_FALSE(check_outgoing_file((dir / "none").string(), 1000, 500));
  EXPECT_FALSE(check_outgoing_file(dir.string(), 1000, 500));
  EXPECT_EQ(content_type_for("x.unknown"), "application/octet-stream");
  EXPECT_EQ(safe_file_name("../../etc/passwd", 1), ".._.._etc_passwd");
  EXPECT_EQ(safe_file_name("", 7), "attachment-7");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace telpanel::core
