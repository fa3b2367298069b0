// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/colleague_url_source.hpp"

#include <glib.h>

#include <algorithm>

#include "app/colleague_file.hpp"

namespace telpanel::app {

namespace {

constexpr long kTimeoutMs = 10000;
constexpr std::size_t kMaxBody = 16 * 1024 * 1024;  // no real colleague list is this large
constexpr std::chrono::seconds kFirstRetry{5};
constexpr std::chrono::seconds kLongestRetry{300};

}  // namespace

ColleagueUrlSource::ColleagueUrlSource(std::string url, std::chrono::seconds refresh,
                                       core::Scheduler& scheduler,
                                       core::PresenceController& presence)
    : m_url(std::move(url)), m_refresh(refresh), m_scheduler(scheduler), m_presence(presence) {}

void ColleagueUrlSource::start() { fetch(); }

void ColleagueUrlSource::fetch() {
  chat::HttpRequest request;
  request.url = m_url;
  request.follow_redirects = true;
  request.timeout_ms = kTimeoutMs;
  m_http.perform(std::move(request), [this](chat::HttpResponse reply) { on_reply(reply); });
}

void ColleagueUrlSource::on_reply(const chat::HttpResponse& reply) {
  core::Result<std::vector<core::ColleagueEntry>> list =
      core::make_error(core::ErrorCode::Unreachable, "");
  const std::string origin = "colleagues URL " + m_url;
  if (reply.status == 0) {
    list = core::make_error(core::ErrorCode::Unreachable, origin + ": " + reply.error);
  } else if (reply.status != 200) {
    list = core::make_error(core::ErrorCode::Unreachable,
                            origin + ": HTTP " + std::to_string(reply.status));
  } else if (reply.body.size() > kMaxBody) {
    list = core::make_error(core::ErrorCode::InvalidArgument, origin + ": larger than 16 MiB");
  } else {
    list = parse_colleagues(reply.body, origin);
  }
  if (list) {
    m_failures = 0;
    g_message("%zu colleagues from %s", list->size(), m_url.c_str());
    m_presence.set_provisioned(std::move(*list));
    if (m_refresh.count() > 0) m_next = m_scheduler.after(m_refresh, [this] { fetch(); });
    return;
  }
  // The last good list stays: a directory server that is down must not empty the panel.
  g_warning("colleagues from the URL are missing this time: %s", list.error().detail.c_str());
  auto wait = kFirstRetry * (1 << std::min(m_failures++, 6));
  wait = std::min(wait, kLongestRetry);
  if (m_refresh.count() > 0) wait = std::min(wait, m_refresh);
  m_next = m_scheduler.after(wait, [this] { fetch(); });
}

}  // namespace telpanel::app
