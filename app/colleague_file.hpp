// SPDX-License-Identifier: GPL-3.0-or-later
// Colleague provisioning (PRES-6): a JSON array or a CSV file with the same fields as the
// [colleague:EXT] groups (README "Colleagues"). Read once at start. Main thread.
#pragma once

#include <string>
#include <vector>

#include "core/presence.hpp"
#include "core/result.hpp"

namespace telpanel::app {

/// JSON when the first non-blank character is '[', else CSV with a header line naming the
/// columns (extension required; name, position, groups optional; groups split on ';'). The
/// error names the file and the entry or line that is wrong.
core::Result<std::vector<core::ColleagueEntry>> load_colleague_file(const std::string& path);

/// Same as above for text already read (a file, an http(s) reply); `origin` names it in
/// errors.
core::Result<std::vector<core::ColleagueEntry>> parse_colleagues(const std::string& text,
                                                                 const std::string& origin);

/// An extension is a SIP user part we can put in sip:EXT@domain: letters, digits, ". _ - + *".
bool valid_extension(const std::string& extension);

std::vector<std::string> split_groups(const std::string& text);

}  // namespace telpanel::app
