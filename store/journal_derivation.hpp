// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps the calls table's derived columns (status, new_number, needs_attention) equal to what
// core/journal_rules.hpp says, for the number a changed call belongs to. Stored rather than
// computed on read so filters on them use indexes over a million rows; re-derived from the
// changed call's local day on, which in normal use is a handful of rows. Main thread.
#pragma once

#include "core/call_history.hpp"
#include "core/local_calendar.hpp"

namespace telpanel::store {

class Database;

/// Re-derives every call with the same remote_number as call `id` from the start of that
/// call's local day on (a call without a number alone). Run inside the transaction that
/// changed the call. A call not normalised yet (remote_number NULL) is left for backfill.
core::Result<void> rederive_number_of(Database& db, core::JournalId id,
                                      const core::LocalCalendar& calendar);

}  // namespace telpanel::store
