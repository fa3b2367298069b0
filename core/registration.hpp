// SPDX-License-Identifier: GPL-3.0-or-later
// Registration state of one SIP account and the retry policy used when it fails. Main thread.
#pragma once

#include <chrono>
#include <string>

namespace telpanel::core {

enum class RegistrationState { Unregistered, Registering, Registered, Failed };
const char* registration_state_name(RegistrationState state);

/// Why an account is not registered, as a kind the window can put in the person's language
/// (`reason` keeps the details in English for logs and telpanelctl).
enum class RegistrationProblem {
  None,
  Credentials,  // the registrar refused the user name or password (401/403 after answering)
  NoPassword,   // none in the config file or the keyring
  Unreachable,  // no answer, transport error or 503: retried by itself
  Refused,      // any other final answer of the registrar, e.g. 404: retried by itself
};

struct RegistrationStatus {
  RegistrationState state = RegistrationState::Unregistered;
  std::string reason;  // "403 wrong password", "unreachable: ...", "" when registered
  int sip_status = 0;
  RegistrationProblem problem = RegistrationProblem::None;
};

/// Exponential backoff with a cap: 1 s, 2 s, 4 s ... max. `attempt` counts from 1. A registrar
/// that comes back is found again within `max` of its return.
struct RetryPolicy {
  std::chrono::milliseconds first{1000};
  std::chrono::milliseconds max{16000};
  std::chrono::milliseconds delay(int attempt) const;
};

}  // namespace telpanel::core
