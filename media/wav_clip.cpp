// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/wav_clip.hpp"

#include <gst/app/gstappsrc.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace telpanel::media {

namespace {

std::uint32_t get_u32(const std::uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t get_u16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

core::Error bad(const std::string& path, const char* why) {
  return core::make_error(core::ErrorCode::InvalidArgument,
                          "audio input 'wav:" + path + "': " + why);
}

// Lives as long as the appsrc (freed by its destroy notify); touched only by its streaming thread.
struct LoopState {
  std::shared_ptr<const WavClip> clip;
  std::size_t frame = 0;   // next frame of the clip to send
  std::uint64_t sent = 0;  // frames sent in total, for timestamps
};

void on_need_data(GstAppSrc* src, guint /*length*/, gpointer user_data) noexcept {
  auto* state = static_cast<LoopState*>(user_data);
  const WavClip& clip = *state->clip;
  const std::size_t frames_total = clip.samples.size() / clip.channels;
  const std::size_t frames = static_cast<std::size_t>(clip.rate / 50);  // 20 ms
  GstBuffer* buffer = gst_buffer_new_allocate(nullptr, frames * clip.channels * 2, nullptr);
  GstMapInfo map;
  gst_buffer_map(buffer, &map, GST_MAP_WRITE);
  auto* out = reinterpret_cast<std::int16_t*>(map.data);
  for (std::size_t i = 0; i < frames; ++i) {
    std::memcpy(out + i * clip.channels, &clip.samples[state->frame * clip.channels],
                clip.channels * sizeof(std::int16_t));
    state->frame = (state->frame + 1) % frames_total;
  }
  gst_buffer_unmap(buffer, &map);
  GST_BUFFER_PTS(buffer) = gst_util_uint64_scale(state->sent, GST_SECOND, clip.rate);
  GST_BUFFER_DURATION(buffer) = gst_util_uint64_scale(frames, GST_SECOND, clip.rate);
  state->sent += frames;
  gst_app_src_push_buffer(src, buffer);
}

void free_loop_state(gpointer user_data) noexcept { delete static_cast<LoopState*>(user_data); }

}  // namespace

core::Result<std::shared_ptr<const WavClip>> load_wav_clip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return bad(path, "cannot open the file");
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 ||
      std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
    return bad(path, "not a WAV file");
  auto clip = std::make_shared<WavClip>();
  int bits = 0;
  bool have_fmt = false;
  std::size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    const std::uint32_t size = get_u32(&bytes[pos + 4]);
    const std::size_t body = pos + 8;
    const std::size_t avail = std::min<std::size_t>(size, bytes.size() - body);
    if (std::memcmp(&bytes[pos], "fmt ", 4) == 0 && avail >= 16) {
      if (get_u16(&bytes[body]) != 1) return bad(path, "only PCM WAV files are supported");
      clip->channels = get_u16(&bytes[body + 2]);
      clip->rate = static_cast<int>(get_u32(&bytes[body + 4]));
      bits = get_u16(&bytes[body + 14]);
      have_fmt = true;
    } else if (std::memcmp(&bytes[pos], "data", 4) == 0 && have_fmt) {
      clip->samples.resize(avail / 2);
      std::memcpy(clip->samples.data(), &bytes[body], clip->samples.size() * 2);
      break;
    }
    pos = body + size + (size & 1);
  }
  if (!have_fmt || bits != 16 || clip->channels < 1 || clip->channels > 2 || clip->rate < 8000 ||
      clip->rate > 192000)
    return bad(path, "needs 16-bit PCM, 1 or 2 channels, 8-192 kHz");
  if (clip->samples.size() < static_cast<std::size_t>(clip->channels))
    return bad(path, "has no audio data");
  clip->samples.resize(clip->samples.size() - clip->samples.size() % clip->channels);
  return std::shared_ptr<const WavClip>(std::move(clip));
}

GstElement* make_wav_clip_source(std::shared_ptr<const WavClip> clip) {
  GstElement* bin = gst_bin_new(nullptr);
  GstElement* src = gst_element_factory_make("appsrc", "wav-clip");
  // clocksync paces the in-memory samples to real time, like a microphone would deliver them.
  GstElement* pace = gst_element_factory_make("clocksync", nullptr);
  GstCaps* caps = gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "layout",
                                      G_TYPE_STRING, "interleaved", "rate", G_TYPE_INT, clip->rate,
                                      "channels", G_TYPE_INT, clip->channels, nullptr);
  g_object_set(src, "caps", caps, "format", GST_FORMAT_TIME, "is-live", TRUE, "max-bytes",
               static_cast<guint64>(clip->rate * clip->channels * 2 / 5), nullptr);
  gst_caps_unref(caps);
  GstAppSrcCallbacks callbacks{};
  callbacks.need_data = on_need_data;
  gst_app_src_set_callbacks(GST_APP_SRC(src), &callbacks, new LoopState{std::move(clip)},
                            free_loop_state);
  g_object_set(pace, "sync", TRUE, nullptr);
  gst_bin_add_many(GST_BIN(bin), src, pace, nullptr);
  gst_element_link(src, pace);
  GstPad* pad = gst_element_get_static_pad(pace, "src");
  gst_element_add_pad(bin, gst_ghost_pad_new("src", pad));
  gst_object_unref(pad);
  return bin;
}

}  // namespace telpanel::media
