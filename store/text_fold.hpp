// SPDX-License-Identifier: GPL-3.0-or-later
// Folding names for case-insensitive search without ICU: ASCII and Cyrillic (Russian,
// Ukrainian, Belarusian letters) to lower case, "ё" to "е", runs of white space to one space,
// trimmed. Other scripts pass unchanged (and then match case-sensitively). Any thread.
#pragma once

#include <string>
#include <string_view>

namespace telpanel::store {

std::string fold_for_search(std::string_view text);

}  // namespace telpanel::store
