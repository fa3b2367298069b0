// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_status.hpp"

#include <utility>

namespace telpanel::core {

namespace {
constexpr std::pair<CallStatus, const char*> kNames[] = {
    {CallStatus::Accepted, "accepted"},   {CallStatus::Reached, "reached"},
    {CallStatus::NoAnswer, "no_answer"},  {CallStatus::Lost, "lost"},
    {CallStatus::Cancelled, "cancelled"},
};
}  // namespace

const char* call_status_name(CallStatus status) {
  for (const auto& [s, name] : kNames)
    if (s == status) return name;
  return "accepted";  // unreachable: every enumerator is listed
}

std::optional<CallStatus> parse_call_status(std::string_view name) {
  for (const auto& [s, n] : kNames)
    if (name == n) return s;
  return std::nullopt;
}

}  // namespace telpanel::core
