// SPDX-License-Identifier: GPL-3.0-or-later
// Names of the directory's enums for JSON and logs. Any thread.
#include "core/client_directory.hpp"

namespace telpanel::core {

const char* search_match_name(SearchMatch m) {
  switch (m) {
    case SearchMatch::ExactNumber:
      return "exact_number";
    case SearchMatch::NumberPrefix:
      return "number_prefix";
    case SearchMatch::NumberInfix:
      return "number_infix";
    case SearchMatch::NameExact:
      return "name_exact";
    case SearchMatch::NamePrefix:
      return "name_prefix";
    case SearchMatch::ContactPrefix:
      return "contact_prefix";
    case SearchMatch::NameInfix:
      return "name_infix";
    case SearchMatch::ContactInfix:
      return "contact_infix";
  }
  return "unknown";
}

}  // namespace telpanel::core
