// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/rtp_sockets.hpp"

namespace telpanel::media {

namespace {

core::Result<GSocket*> bind_one(GInetAddress* address, int* port, const char* what) {
  GError* error = nullptr;
  GSocket* socket = g_socket_new(g_inet_address_get_family(address), G_SOCKET_TYPE_DATAGRAM,
                                 G_SOCKET_PROTOCOL_UDP, &error);
  if (socket != nullptr) {
    GSocketAddress* where = g_inet_socket_address_new(address, 0);
    const gboolean bound = g_socket_bind(socket, where, FALSE, &error);
    g_object_unref(where);
    if (bound) {
      GSocketAddress* local = g_socket_get_local_address(socket, &error);
      if (local != nullptr) {
        *port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local));
        g_object_unref(local);
        return socket;
      }
    }
    g_object_unref(socket);
  }
  std::string detail = std::string("cannot bind the ") + what +
                       " socket: " + (error != nullptr ? error->message : "unknown error");
  g_clear_error(&error);
  return core::make_error(core::ErrorCode::Io, detail);
}

}  // namespace

core::Result<void> RtpSockets::bind(const std::string& local_address) {
  close();
  GInetAddress* address = g_inet_address_new_from_string(local_address.c_str());
  if (address == nullptr) {
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "local media address '" + local_address + "' is not an IP address");
  }
  auto rtp = bind_one(address, &m_rtp_port, "RTP");
  auto rtcp = rtp ? bind_one(address, &m_rtcp_port, "RTCP") : rtp;
  g_object_unref(address);
  if (!rtp) return rtp.error();
  if (!rtcp) {
    g_object_unref(rtp.value());
    return rtcp.error();
  }
  m_rtp = rtp.value();
  m_rtcp = rtcp.value();
  return {};
}

void RtpSockets::close() {
  for (GSocket** socket : {&m_rtp, &m_rtcp}) {
    if (*socket == nullptr) continue;
    g_socket_close(*socket, nullptr);
    g_object_unref(*socket);
    *socket = nullptr;
  }
  m_rtp_port = m_rtcp_port = 0;
}

}  // namespace telpanel::media
