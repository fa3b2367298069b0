// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/transfer.hpp"

namespace telpanel::core {

const char* transfer_kind_name(TransferKind kind) {
  switch (kind) {
    case TransferKind::Blind:
      return "blind";
    case TransferKind::Deflect:
      return "deflect";
    case TransferKind::Attended:
      return "attended";
    case TransferKind::Consultation:
      return "consultation";
    case TransferKind::Referred:
      return "referred";
    case TransferKind::ReferredCall:
      return "referred_call";
    case TransferKind::Replacing:
      return "replacing";
  }
  return "blind";
}

const char* transfer_state_name(TransferState state) {
  switch (state) {
    case TransferState::Consulting:
      return "consulting";
    case TransferState::Trying:
      return "trying";
    case TransferState::Succeeded:
      return "succeeded";
    case TransferState::Failed:
      return "failed";
    case TransferState::Cancelled:
      return "cancelled";
  }
  return "trying";
}

}  // namespace telpanel::core
