// SPDX-License-Identifier: GPL-3.0-or-later
// The schema's history: ordered steps from an empty file to the current version, tracked in
// PRAGMA user_version and applied one transaction per step. Main thread.
#pragma once

#include <span>

#include "core/result.hpp"

namespace telpanel::store {

class Database;

/// Brings the schema from `version - 1` to `version`. Never edit a released step; add one.
struct Migration {
  int version;
  const char* sql;
};

/// Every step, in increasing version order; numbers reserved per feature may be missing.
std::span<const Migration> migrations();

/// The version this build creates and understands (the last step's).
int latest_schema_version();

/// The file's PRAGMA user_version (0 for a new or pre-versioning file).
core::Result<int> schema_version(Database& db);

/// Applies the steps newer than the file's version. A file newer than the last of `steps` is
/// refused ("database schema version N is newer than this telpanel supports (M)").
core::Result<void> migrate(Database& db, std::span<const Migration> steps);

}  // namespace telpanel::store
