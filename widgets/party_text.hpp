// SPDX-License-Identifier: GPL-3.0-or-later
// How a call's other party is written for people: the display name when there is one, and
// the number (the user part of a SIP URI) rather than the whole URI. Pure; main thread.
#pragma once

#include <glibmm/ustring.h>

#include <chrono>
#include <string>

namespace telpanel::widgets {

/// "sip:+79123456789@pbx;user=phone" -> "+79123456789"; "tel:+7912" -> "+7912"; other text as is.
Glib::ustring party_number(const std::string& uri);
/// The display name if not empty, else party_number(uri).
Glib::ustring party_title(const std::string& display, const std::string& uri);
/// "0:07", "12:34", "1:02:03".
Glib::ustring clock_text(std::chrono::seconds elapsed);

}  // namespace telpanel::widgets
