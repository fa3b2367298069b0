// SPDX-License-Identifier: GPL-3.0-or-later
// Why an account is not connected, as the window writes it: by the problem's kind, with the
// server's status line where it helps; an unknown kind keeps the reason as it is.
#include "widgets/registration_text.hpp"

#include <gtest/gtest.h>

namespace telpanel::widgets {
namespace {

core::RegistrationStatus failed(std::string reason, int sip_status,
                                core::RegistrationProblem problem) {
  return {core::RegistrationState::Failed, std::move(reason), sip_status, problem};
}

TEST(RegistrationText, EachKindIsASentenceWithTheServersStatus) {
  using P = core::RegistrationProblem;
  EXPECT_EQ(
      registration_problem_text(failed("401 wrong user name or password", 401, P::Credentials)),
      "wrong user name or password (401)");
  EXPECT_EQ(
      registration_problem_text(failed("unreachable: 408 Request Timeout", 408, P::Unreachable)),
      "the server cannot be reached (408 Request Timeout); trying again");
  EXPECT_EQ(registration_problem_text(failed("404 Not Found", 404, P::Refused)),
            "the server refused (404 Not Found); trying again");
  EXPECT_EQ(registration_problem_text(failed("no password for sip:1001@pbx ...", 0, P::NoPassword))
                .find("no password in the settings file or the keyring"),
            0u);
  EXPECT_EQ(registration_problem_text(failed("something new", 500, P::None)), "something new");
}

}  // namespace
}  // namespace telpanel::widgets
