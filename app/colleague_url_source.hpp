// SPDX-License-Identifier: GPL-3.0-or-later
// Colleagues from an http(s) URL (PRES-6, `[presence] colleagues_url`): fetched without
// blocking the main loop once the panel runs, then again every `refresh` so a directory that
// changes reaches the panel without a restart. A failed fetch keeps the last list and is tried
// again sooner. Main thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "chat/curl_http_client.hpp"
#include "core/presence_controller.hpp"
#include "core/scheduler.hpp"

namespace telpanel::app {

class ColleagueUrlSource {
 public:
  /// `refresh` zero: fetched until it works once, then kept.
  ColleagueUrlSource(std::string url, std::chrono::seconds refresh, core::Scheduler& scheduler,
                     core::PresenceController& presence);
  void start();

 private:
  void fetch();
  void on_reply(const chat::HttpResponse& reply);

  std::string m_url;
  std::chrono::seconds m_refresh;
  core::Scheduler& m_scheduler;
  core::PresenceController& m_presence;
  chat::CurlHttpClient m_http;  // drops requests in flight, uncalled, when destroyed
  core::TimerHandle m_next;
  int m_failures = 0;
};

}  // namespace telpanel::app
