// SPDX-License-Identifier: GPL-3.0-or-later
// The RTP and RTCP UDP sockets of one call, bound to OS-assigned ports before the SDP is
// written and shared by the call's udpsrc (receive) and udpsink (send, symmetric RTP) across
// pipeline rebuilds. Main thread.
#pragma once

#include <gio/gio.h>

#include <string>

#include "core/result.hpp"

namespace telpanel::media {

class RtpSockets {
 public:
  RtpSockets() = default;
  ~RtpSockets() { close(); }
  RtpSockets(const RtpSockets&) = delete;
  RtpSockets& operator=(const RtpSockets&) = delete;

  /// Binds two UDP sockets on `local_address` (an IP literal) with port 0.
  core::Result<void> bind(const std::string& local_address);
  void close();

  GSocket* rtp() const { return m_rtp; }
  GSocket* rtcp() const { return m_rtcp; }
  int rtp_port() const { return m_rtp_port; }
  int rtcp_port() const { return m_rtcp_port; }

 private:
  GSocket* m_rtp = nullptr;
  GSocket* m_rtcp = nullptr;
  int m_rtp_port = 0;
  int m_rtcp_port = 0;
};

}  // namespace telpanel::media
