// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/dtmf_sender.hpp"

#include <cstring>
#include <exception>

namespace telpanel::media {

namespace {
constexpr const char* k_digits = "0123456789*#ABCD";
}

int DtmfSender::event_number(char digit) {
  if (digit >= 'a' && digit <= 'd') digit = static_cast<char>(digit - 'a' + 'A');
  const char* found = digit == '\0' ? nullptr : std::strchr(k_digits, digit);
  return found == nullptr ? -1 : static_cast<int>(found - k_digits);
}

char DtmfSender::digit_for(int event_number) {
  return event_number >= 0 && event_number < 16 ? k_digits[event_number] : '\0';
}

void DtmfSender::attach(GstElement* source) {
  m_timer.reset();
  m_queue.clear();
  m_active = -1;
  m_source = source;
}

void DtmfSender::enqueue(int event_number) {
  m_queue.push_back(event_number);
  if (!m_timer.active()) start_next();
}

void DtmfSender::start_next() {
  if (m_queue.empty() || m_source == nullptr) return;
  m_active = m_queue.front();
  m_queue.pop_front();
  send(true, m_active);
  m_timer.reset(g_timeout_add(k_tone_ms, on_timer, this));
}

gboolean DtmfSender::on_timer(gpointer data) noexcept {
  auto* self = static_cast<DtmfSender*>(data);
  try {
    self->m_timer.forget();
    if (self->m_active >= 0) {
      // Tone done: stop it, then keep the line quiet for a gap before the next digit.
      self->send(false, self->m_active);
      self->m_active = -1;
      if (!self->m_queue.empty()) self->m_timer.reset(g_timeout_add(k_gap_ms, on_timer, self));
    } else {
      self->start_next();
    }
  } catch (const std::exception& e) {
    g_critical("DTMF timer: %s", e.what());
  }
  return G_SOURCE_REMOVE;
}

void DtmfSender::send(bool start, int number) {
  GstStructure* s = gst_structure_new("dtmf-event", "type", G_TYPE_INT, 1, "start", G_TYPE_BOOLEAN,
                                      start ? TRUE : FALSE, nullptr);
  if (start) gst_structure_set(s, "number", G_TYPE_INT, number, "volume", G_TYPE_INT, 25, nullptr);
  // Straight into rtpdtmfsrc's src pad: GstBaseSrc's send_event() ignores custom events.
  GstPad* pad = gst_element_get_static_pad(m_source, "src");
  const gboolean taken =
      gst_pad_send_event(pad, gst_event_new_custom(GST_EVENT_CUSTOM_UPSTREAM, s));
  gst_object_unref(pad);
  if (!taken) g_debug("rtpdtmfsrc refused DTMF %s of event %d", start ? "start" : "stop", number);
}

}  // namespace telpanel::media
