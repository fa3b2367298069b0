// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/paths.hpp"

#include <glib.h>

namespace telpanel::app {

std::string config_file_path() {
  return std::string(g_get_user_config_dir()) + "/telpanel/telpanel.conf";
}

std::string data_dir() { return std::string(g_get_user_data_dir()) + "/telpanel"; }

std::string database_path() { return data_dir() + "/telpanel.db"; }

std::string recordings_dir() { return data_dir() + "/recordings"; }

}  // namespace telpanel::app
