// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media_types.hpp"

#include <strings.h>

namespace telpanel::core {

bool same_codec(const Codec& a, const Codec& b) {
  return a.clock_rate == b.clock_rate && strcasecmp(a.name.c_str(), b.name.c_str()) == 0;
}

const char* media_direction_name(MediaDirection direction) {
  switch (direction) {
    case MediaDirection::SendRecv:
      return "sendrecv";
    case MediaDirection::SendOnly:
      return "sendonly";
    case MediaDirection::RecvOnly:
      return "recvonly";
    case MediaDirection::Inactive:
      return "inactive";
  }
  return "inactive";
}

std::optional<Codec> choose_codec(const std::vector<Codec>& ours,
                                  const std::vector<Codec>& theirs) {
  // The offerer's order wins (RFC 3264 §6.1 lets the answerer pick; following the offer keeps
  // both ends on the same codec without a second round trip).
  for (const auto& remote : theirs) {
    for (const auto& local : ours) {
      if (same_codec(local, remote)) return remote;
    }
  }
  return std::nullopt;
}

}  // namespace telpanel::core
