// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's derived values (JRN-2 status, JRN-3 indicators) as pure rules over the calls of
// ONE number in time order. The store keeps the results and re-runs these rules for a number's
// day whenever one of its calls starts, is answered or ends. Pure.
//
// The rules, as written in the README ("Call journal"):
//  - The day of a call is the rest of its local calendar day: from its start up to the next
//    local midnight (LocalCalendar::end_of_day), DST days included.
//  - A later contact is a later call with the same number (either direction) that was answered
//    and started before the end of that day.
//  - Accepted: incoming, answered. Reached: outgoing, answered.
//  - Cancelled: outgoing, never answered (the spec's only status for an unanswered outgoing
//    call; the end reason — cancelled, busy, declined — stays in the entry's facts).
//  - Lost: incoming, never answered, from a new (unregistered) number — one that had no answered
//    call before — and not called back within the day (no later contact).
//  - No answer: every other incoming call that was never answered (a known number, or a new one
//    that was called back within the day). Provisional until the day ends: a callback turns a
//    lost call into no_answer.
//  - No status (null): internal calls (colleagues' extensions) and calls still ringing.
//  - New number: the first call ever with that number (either direction); never for internal.
//  - Needs attention: missed (no_answer or lost) with no later contact within the day, unless a
//    manager cleared it; clearing keeps the status.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/call.hpp"
#include "core/call_status.hpp"
#include "core/local_calendar.hpp"
#include "core/number_normalizer.hpp"

namespace telpanel::core {

/// The facts of one call the rules read.
struct CallFacts {
  CallDirection direction = CallDirection::Incoming;
  bool internal = false;
  TimePoint started_at{};
  bool answered = false;
  bool ended = false;
  bool attention_cleared = false;  // a manager cleared "needs attention"
};

/// What is known about the number before the first call handed to derive_for_number().
struct NumberPast {
  bool any_call = false;       // some earlier call with the number exists
  bool answered_call = false;  // some earlier call with the number was answered
};

struct DerivedValues {
  std::optional<CallStatus> status;
  bool new_number = false;
  bool needs_attention = false;

  bool operator==(const DerivedValues&) const = default;
};

/// `calls`: every call of one number from some moment on, sorted by start (ties in insertion
/// order); `past`: what came before that moment. Returns one result per call, same order.
/// Calls after the span do not matter as long as the span reaches the end of the last call's
/// day, which the store guarantees by loading the whole day.
std::vector<DerivedValues> derive_for_number(std::span<const CallFacts> calls, NumberPast past,
                                             const LocalCalendar& calendar);

/// The key a call's remote party is matched on: the normaliser's key, or for a peer with no
/// number ("sip:alice@example.org") its lower-case user@host, so calls with alice still match
/// each other. Empty only when the party is empty.
NumberKey journal_match_key(const NumberNormalizer& numbers, std::string_view remote_party);

/// The status alone, given whether the number was registered (answered before) and whether a
/// later contact came within the day.
std::optional<CallStatus> call_status(const CallFacts& call, bool registered, bool later_contact);

}  // namespace telpanel::core
