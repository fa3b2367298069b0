// SPDX-License-Identifier: GPL-3.0-or-later
// The regions libphonenumber knows, with country names from iso-codes (translated through its
// iso_3166-1 gettext domain) for the settings dialog's Numbers page. Main thread.
#pragma once

#include "widgets/settings_form.hpp"

namespace telpanel::app {

/// Sorted by name; a region iso-codes does not name (or no iso-codes at all) shows its code.
widgets::RegionList region_list();

}  // namespace telpanel::app
