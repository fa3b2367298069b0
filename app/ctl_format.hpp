// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-text rendering of telpanelctl's answers for people (without --json). Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace telpanel::app {

std::string format_status(const nlohmann::json& status);
std::string format_journal(const nlohmann::json& entries);

}  // namespace telpanel::app
