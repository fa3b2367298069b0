// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal_rules.hpp"

#include <cctype>

namespace telpanel::core {

NumberKey journal_match_key(const NumberNormalizer& numbers, std::string_view remote_party) {
  NumberKey key = numbers.normalize(remote_party);
  if (!key.value.empty()) return key;
  std::string_view address = remote_party;
  for (std::string_view scheme : {"sips:", "sip:"}) {
    if (address.substr(0, scheme.size()) == scheme) address.remove_prefix(scheme.size());
  }
  address = address.substr(0, address.find_first_of(";?>"));
  for (char ch : address)
    key.value += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return key;
}

std::optional<CallStatus> call_status(const CallFacts& call, bool registered, bool later_contact) {
  if (call.internal) return std::nullopt;
  const bool incoming = call.direction == CallDirection::Incoming;
  if (call.answered) return incoming ? CallStatus::Accepted : CallStatus::Reached;
  if (!call.ended) return std::nullopt;  // still ringing: nothing to say yet
  if (!incoming) return CallStatus::Cancelled;
  if (!registered && !later_contact) return CallStatus::Lost;
  return CallStatus::NoAnswer;
}

std::vector<DerivedValues> derive_for_number(std::span<const CallFacts> calls, NumberPast past,
                                             const LocalCalendar& calendar) {
  std::vector<DerivedValues> out(calls.size());
  bool any = past.any_call;
  bool answered_before = past.answered_call;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const CallFacts& c = calls[i];
    DerivedValues& d = out[i];
    if (c.internal) continue;  // colleagues: no status, no indicators, not a contact either
    const TimePoint day_end = calendar.end_of_day(c.started_at);
    bool later_contact = false;
    for (std::size_t j = i + 1; j < calls.size() && calls[j].started_at < day_end; ++j) {
      if (!calls[j].internal && calls[j].answered) {
        later_contact = true;
        break;
      }
    }
    d.status = call_status(c, answered_before, later_contact);
    d.new_number = !any;
    const bool missed = d.status == CallStatus::NoAnswer || d.status == CallStatus::Lost;
    d.needs_attention = missed && !later_contact && !c.attention_cleared;
    any = true;
    answered_before = answered_before || c.answered;
  }
  return out;
}

}  // namespace telpanel::core
