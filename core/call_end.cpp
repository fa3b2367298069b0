// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_end.hpp"

namespace telpanel::core {

std::string end_reason_for_status(int sip_status) {
  switch (sip_status) {
    case 486:
    case 600:
      return "busy";
    case 603:
      return "declined";
    case 487:
      return "cancelled";
    case 404:
    case 604:
      return "not_found";
    case 408:
    case 480:
      return "no_answer";
    case 488:
    case 606:
      return "no_common_codec";
    case 401:
    case 403:
    case 407:
      return "forbidden";
    case 502:
    case 503:
    case 504:
      return "unreachable";
    default:
      return "failed";
  }
}

CallEnd ended_locally(int sip_status, std::string reason, std::string detail) {
  return CallEnd{EndedBy::Local, sip_status, std::move(reason), std::move(detail)};
}

CallEnd end_from_response(int sip_status, const std::string& phrase) {
  CallEnd end;
  // A timeout or transport failure is the network's doing, not the callee's.
  const bool network = sip_status == 408 || sip_status == 503 || sip_status >= 900;
  end.by = network ? EndedBy::System : EndedBy::Remote;
  end.sip_status = sip_status;
  end.reason = sip_status >= 900 ? "unreachable" : end_reason_for_status(sip_status);
  end.detail = std::to_string(sip_status) + " " + phrase;
  return end;
}

}  // namespace telpanel::core
