// SPDX-License-Identifier: GPL-3.0-or-later
// Where telpanel keeps its files, per the XDG base directories (architecture §12). Main thread.
#pragma once

#include <string>

namespace telpanel::app {

std::string config_file_path();  // $XDG_CONFIG_HOME/telpanel/telpanel.conf
std::string data_dir();          // $XDG_DATA_HOME/telpanel
std::string database_path();     // $XDG_DATA_HOME/telpanel/telpanel.db
std::string recordings_dir();    // $XDG_DATA_HOME/telpanel/recordings

}  // namespace telpanel::app
