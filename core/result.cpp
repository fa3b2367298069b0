// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/result.hpp"

namespace telpanel::core {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid_argument";
    case ErrorCode::InvalidState:
      return "invalid_state";
    case ErrorCode::NotFound:
      return "not_found";
    case ErrorCode::Unauthorized:
      return "unauthorized";
    case ErrorCode::Forbidden:
      return "forbidden";
    case ErrorCode::Busy:
      return "busy";
    case ErrorCode::Declined:
      return "declined";
    case ErrorCode::Timeout:
      return "timeout";
    case ErrorCode::Unreachable:
      return "unreachable";
    case ErrorCode::NoCommonCodec:
      return "no_common_codec";
    case ErrorCode::Protocol:
      return "protocol";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Database:
      return "database";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace telpanel::core
