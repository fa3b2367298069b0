// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/registration.hpp"

#include <algorithm>

namespace telpanel::core {

const char* registration_state_name(RegistrationState state) {
  switch (state) {
    case RegistrationState::Unregistered:
      return "unregistered";
    case RegistrationState::Registering:
      return "registering";
    case RegistrationState::Registered:
      return "registered";
    case RegistrationState::Failed:
      return "failed";
  }
  return "failed";
}

std::chrono::milliseconds RetryPolicy::delay(int attempt) const {
  if (attempt < 1) attempt = 1;
  auto d = first;
  for (int i = 1; i < attempt && d < max; ++i) d *= 2;
  return std::min(d, max);
}

}  // namespace telpanel::core
