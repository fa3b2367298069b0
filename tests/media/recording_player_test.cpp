// SPDX-License-Identifier: GPL-3.0-or-later
// GstRecordingPlayer (REC-2) driven through the core::RecordingPlayer port on generated Ogg/Opus
// parts (60 s and 20 s of tone) played in real time into a fakesink: 10 s skips, part switching,
// 1.5x speed measured against the wall clock, http:// playback from a local python http.server,
// save a copy, and every failure (missing file, not audio, bad location, 404, refused
// connection) ending in Failed within a deadline.
#include <gio/gio.h>
#include <glib.h>
#include <gst/gst.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "media/gst_recording_player.hpp"
#include "tests/support/main_loop_fixture.hpp"
#include "tone_analysis.hpp"

namespace telpanel::media {
namespace {

using namespace std::chrono_literals;
using State = core::RecordingPlayer::State;
using std::chrono::milliseconds;

std::string g_dir;
std::string g_part1, g_part2, g_short, g_text;
GPid g_http_pid = 0;
int g_http_port = 0;

void generate(const std::string& path, int seconds, int hz) {
  const std::string description =
      "audiotestsrc num-buffers=" + std::to_string(seconds * 10) +
      " samplesperbuffer=4800 freq=" + std::to_string(hz) +
      " ! audio/x-raw,rate=48000,channels=1 ! opusenc ! oggmux ! filesink location=" + path;
  GstElement* pipeline = gst_parse_launch(description.c_str(), nullptr);
  ASSERT_NE(pipeline, nullptr);
  gst_element_set_state(pipeline, GST_STATE_PLAYING);
  GstBus* bus = gst_element_get_bus(pipeline);
  GstMessage* m = gst_bus_timed_pop_filtered(
      bus, 30 * GST_SECOND, static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(GST_MESSAGE_TYPE(m), GST_MESSAGE_EOS);
  gst_message_unref(m);
  gst_object_unref(bus);
  gst_element_set_state(pipeline, GST_STATE_NULL);
  gst_object_unref(pipeline);
}

// range_http_server.py on 127.0.0.1, port chosen by the OS and read from its first line.
void start_http_server() {
  const std::string script = TELPANEL_TEST_SOURCE_DIR "/range_http_server.py";
  const char* argv[] = {"/usr/bin/python3", "-u", script.c_str(), g_dir.c_str(), nullptr};
  int out = -1;
  ASSERT_TRUE(g_spawn_async_with_pipes(nullptr, const_cast<gchar**>(argv), nullptr,
                                       G_SPAWN_DO_NOT_REAP_CHILD, nullptr, nullptr, &g_http_pid,
                                       nullptr, &out, nullptr, nullptr));
  std::string line;
  char c = 0;
  while (line.find('\n') == std::string::npos && read(out, &c, 1) == 1) line += c;
  close(out);
  const auto at = line.find("port ");
  ASSERT_NE(at, std::string::npos) << line;
  g_http_port = std::stoi(line.substr(at + 5));
}

std::string url(const std::string& name) {
  return "http://127.0.0.1:" + std::to_string(g_http_port) + "/" + name;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class RecordingPlayerTest : public test::MainLoopFixture {
 public:
  static void SetUpTestSuite() {
    gst_init(nullptr, nullptr);
    gchar* dir = g_dir_make_tmp("telpanel-player-XXXXXX", nullptr);
    g_dir = dir;
    g_free(dir);
    g_part1 = g_dir + "/part-1.opus";
    g_part2 = g_dir + "/part-2.opus";
    g_text = g_dir + "/notes.opus";
    generate(g_part1, 60, 440);
    generate(g_part2, 20, 880);
    g_short = g_dir + "/short.opus";
    generate(g_short, 6, 440);
    std::ofstream(g_text) << "this is not audio\n";
    start_http_server();
  }
  static void TearDownTestSuite() {
    if (g_http_pid > 0) {
      kill(g_http_pid, SIGTERM);
      waitpid(g_http_pid, nullptr, 0);
      g_spawn_close_pid(g_http_pid);
    }
    std::filesystem::remove_all(g_dir);
  }

 protected:
  GstRecordingPlayer player{"fakesink", 8s, g_dir + "/cache"};

  bool wait_state(State state, milliseconds deadline = 8s) {
    return run_until([&] { return player.status().state == state; }, deadline);
  }
  bool wait_position_near(milliseconds target, milliseconds deadline = 5s) {
    return run_until([&] { return std::abs((player.status().position - target).count()) < 150; },
                     deadline);
  }
  void expect_failure(const std::vector<std::string>& locations, const std::string& contains) {
    ASSERT_TRUE(player.open(locations));
    ASSERT_TRUE(wait_state(State::Failed, 12s)) << "no failure reported";
    const auto error = player.status().error;
    EXPECT_NE(error.find(contains), std::string::npos) << error;
    EXPECT_FALSE(player.play());  // a failed player says why instead of pretending to play
  }
};

TEST_F(RecordingPlayerTest, OpensPausedWithDuration) {
  ASSERT_TRUE(player.open({g_part1, g_part2}));
  ASSERT_TRUE(wait_state(State::Paused));
  const auto s = player.status();
  EXPECT_EQ(s.part, 0);
  EXPECT_EQ(s.parts, 2);
  ASSERT_TRUE(s.duration);
  EXPECT_NEAR(s.duration->count(), 60000, 200);
  EXPECT_LT(s.position.count(), 100);
}

TEST_F(RecordingPlayerTest, SkipsTenSecondsBackAndForth) {
  ASSERT_TRUE(player.open({g_part1}));
  ASSERT_TRUE(wait_state(State::Paused));
  ASSERT_TRUE(player.seek(20s));
  ASSERT_TRUE(wait_position_near(20s));
  ASSERT_TRUE(player.skip(core::RecordingPlayer::k_skip));
  ASSERT_TRUE(wait_position_near(30s));
  ASSERT_TRUE(player.skip(-core::RecordingPlayer::k_skip));
  ASSERT_TRUE(wait_position_near(20s));
  ASSERT_TRUE(player.skip(-30s));  // clamped at the start
  ASSERT_TRUE(wait_position_near(0s));
  // Playing: the skip lands 10 s on from wherever playback is.
  ASSERT_TRUE(player.seek(40s));
  ASSERT_TRUE(wait_position_near(40s));
  ASSERT_TRUE(player.play());
  ASSERT_TRUE(run_until([&] { return player.status().position >= 40500ms; }, 5s));
  const auto before = player.status().position;
  ASSERT_TRUE(player.skip(core::RecordingPlayer::k_skip));
  ASSERT_TRUE(run_until(
      [&] {
        const auto p = player.status().position;
        return p >= before + 10s && p < before + 10s + 1s;
      },
      5s));
}

TEST_F(RecordingPlayerTest, SwitchesPartsAndPlaysThemAsOne) {
  ASSERT_TRUE(player.open({g_part1, g_part2}));
  ASSERT_TRUE(wait_state(State::Paused));
  EXPECT_EQ(player.previous_part().error().code, core::ErrorCode::InvalidState);
  ASSERT_TRUE(player.play());
  ASSERT_TRUE(player.next_part());
  ASSERT_TRUE(run_until([&] {
    const auto s = player.status();
    return s.part == 1 && s.state == State::Playing && s.duration &&
           std::abs(s.duration->count() - 20000) < 200;
  }));
  EXPECT_EQ(player.next_part().error().code, core::ErrorCode::InvalidState);
  ASSERT_TRUE(player.previous_part());
  ASSERT_TRUE(run_until([&] {
    const auto s = player.status();
    return s.part == 0 && s.state == State::Playing && s.duration && s.duration->count() > 50000;
  }));
  // The end of part 1 goes straight on into part 2, then the playlist ends.
  ASSERT_TRUE(player.seek(59s));
  ASSERT_TRUE(run_until([&] { return player.status().part == 1; }, 5s));
  ASSERT_TRUE(player.seek(19s));
  ASSERT_TRUE(wait_state(State::Ended, 5s));
}

TEST_F(RecordingPlayerTest, OnePointFiveSpeedPlaysFasterThanTheClock) {
  EXPECT_EQ(player.set_speed(2.5).error().code, core::ErrorCode::InvalidArgument);
  EXPECT_EQ(player.set_speed(0.4).error().code, core::ErrorCode::InvalidArgument);
  ASSERT_TRUE(player.open({g_part1}));
  ASSERT_TRUE(player.set_speed(1.5));
  ASSERT_TRUE(player.play());
  ASSERT_TRUE(wait_state(State::Playing));
  ASSERT_TRUE(run_until([&] { return player.status().position >= 500ms; }, 5s));  // warmed up
  const auto media_start = player.status().position;
  const auto wall_start = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_until([&] { return player.status().position >= media_start + 3s; }, 5s));
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double media_s = (player.status().position - media_start).count() / 1000.0;
  EXPECT_NEAR(wall_s, media_s / 1.5, 0.25) << media_s << " s of media in " << wall_s << " s";
  EXPECT_DOUBLE_EQ(player.status().speed, 1.5);
}

TEST_F(RecordingPlayerTest, FasterPlaybackKeepsThePitch) {
  // What reaches the speaker, written to a WAV in real time: 6 s of 440 Hz at 1.5x must come
  // out as 4 s of 440 Hz (a plain rate change would give 660 Hz).
  const std::string heard = g_dir + "/heard.wav";
  GstRecordingPlayer p(
      "audioconvert ! audioresample ! audio/x-raw,format=S16LE,channels=1,"
      "rate=48000 ! wavenc ! filesink sync=true location=" +
          heard,
      8s, g_dir + "/cache");
  ASSERT_TRUE(p.open({g_short}));
  ASSERT_TRUE(p.set_speed(1.5));
  ASSERT_TRUE(p.play());
  ASSERT_TRUE(run_until([&] { return p.status().state == State::Ended; }, 10s));
  auto wav = test::read_pcm_wav(heard);
  ASSERT_TRUE(wav) << heard;
  EXPECT_NEAR(static_cast<double>(wav->samples.size()) / wav->rate, 4.0, 0.3);
  EXPECT_NEAR(test::dominant_frequency(wav->samples, wav->rate), 440, 10);
}

TEST_F(RecordingPlayerTest, PlaysOverHttp) {
  ASSERT_TRUE(player.open({url("part-2.opus")}));
  ASSERT_TRUE(wait_state(State::Paused));
  ASSERT_TRUE(player.play());
  EXPECT_TRUE(run_until([&] { return player.status().position >= 1s; }, 5s));
  ASSERT_TRUE(player.seek(10s));
  EXPECT_TRUE(run_until(
      [&] {
        const auto p = player.status().position;
        return p >= 10s && p < 12s;
      },
      5s));
  ASSERT_TRUE(player.status().duration);
  EXPECT_NEAR(player.status().duration->count(), 20000, 200);
}

TEST_F(RecordingPlayerTest, SavesACopyOfFileAndUrl) {
  ASSERT_TRUE(player.open({url("part-2.opus")}));
  ASSERT_TRUE(wait_state(State::Paused));
  std::optional<core::Result<void>> result;
  const std::string copy = g_dir + "/copy.opus";
  player.save_copy(copy, [&](core::Result<void> r) { result = std::move(r); });
  ASSERT_TRUE(run_until([&] { return result.has_value(); }));
  ASSERT_TRUE(*result) << result->error().detail;
  EXPECT_EQ(read_all(copy), read_all(g_part2));

  result.reset();
  player.save_copy("/nonexistent-dir/copy.opus", [&](core::Result<void> r) { result = r; });
  ASSERT_TRUE(run_until([&] { return result.has_value(); }));
  ASSERT_FALSE(*result);
  EXPECT_NE(result->error().detail.find("/nonexistent-dir/copy.opus"), std::string::npos);
}

TEST_F(RecordingPlayerTest, MissingFileFails) {
  expect_failure({g_dir + "/gone.opus"}, "gone.opus");
}

TEST_F(RecordingPlayerTest, NotAnAudioFileFails) { expect_failure({g_text}, "notes.opus"); }

TEST_F(RecordingPlayerTest, HttpNotFoundFails) { expect_failure({url("missing.opus")}, "404"); }

TEST_F(RecordingPlayerTest, RefusedConnectionFails) {
  // souphttpsrc says no more than "Internal data stream error" here; the URL names the culprit.
  expect_failure({"http://127.0.0.1:1/part-1.opus"}, "http://127.0.0.1:1/part-1.opus");
}

TEST_F(RecordingPlayerTest, SilentServerFailsAtTheDeadline) {
  // Accepts connections (the kernel's backlog) and never answers.
  GSocket* socket =
      g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, nullptr);
  ASSERT_NE(socket, nullptr);
  GInetAddress* loopback = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
  GSocketAddress* address = g_inet_socket_address_new(loopback, 0);
  ASSERT_TRUE(g_socket_bind(socket, address, TRUE, nullptr));
  ASSERT_TRUE(g_socket_listen(socket, nullptr));
  GSocketAddress* bound = g_socket_get_local_address(socket, nullptr);
  const int port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
  GstRecordingPlayer quick("fakesink", 2s, g_dir + "/cache");
  ASSERT_TRUE(quick.open({"http://127.0.0.1:" + std::to_string(port) + "/x.opus"}));
  EXPECT_TRUE(run_until([&] { return quick.status().state == State::Failed; }, 6s));
  EXPECT_NE(quick.status().error.find("timed out"), std::string::npos) << quick.status().error;
  g_object_unref(bound);
  g_object_unref(address);
  g_object_unref(loopback);
  g_object_unref(socket);
}

TEST_F(RecordingPlayerTest, LocationsThatAreNeitherPathNorUrlAreRefused) {
  for (const char* bad : {"relative/part.opus", "ftp://host/part.opus", "http://bad host/x"}) {
    auto r = player.open({bad});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
  }
  EXPECT_FALSE(player.open({}));
  EXPECT_EQ(player.play().error().code, core::ErrorCode::InvalidState);
}

}  // namespace
}  // namespace telpanel::media
