// SPDX-License-Identifier: GPL-3.0-or-later
// Recordings and personal settings on the control interface (data/org.telpanel.Recordings1.xml:
// org.telpanel.Recordings1 and org.telpanel.Settings1), plus their "recording" events. Main
// thread.
#pragma once

#include "app/dbus_service.hpp"
#include "core/call_recorder.hpp"
#include "core/personal_settings.hpp"
#include "core/recording_catalog.hpp"

namespace telpanel::app {

/// `catalog` may be null (no journal). Everything must outlive `service`.
void export_recordings(DbusService& service, core::CallRecorder& recorder,
                       core::RecordingCatalog* catalog, core::PersonalSettingsKeeper& settings);

}  // namespace telpanel::app
