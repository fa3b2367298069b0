// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/party_text.hpp"

#include <cstdio>

namespace telpanel::widgets {

Glib::ustring party_number(const std::string& uri) {
  std::string s = uri;
  for (const char* scheme : {"sips:", "sip:", "tel:"}) {
    if (s.rfind(scheme, 0) == 0) {
      s = s.substr(std::char_traits<char>::length(scheme));
      break;
    }
  }
  const auto at = s.find('@');
  if (at != std::string::npos && at > 0) s = s.substr(0, at);
  const auto params = s.find(';');
  if (params != std::string::npos && params > 0) s = s.substr(0, params);
  return s.empty() ? Glib::ustring(uri) : Glib::ustring(s);
}

Glib::ustring party_title(const std::string& display, const std::string& uri) {
  return display.empty() ? party_number(uri) : Glib::ustring(display);
}

Glib::ustring clock_text(std::chrono::seconds elapsed) {
  const long total = elapsed.count() < 0 ? 0 : static_cast<long>(elapsed.count());
  char buf[32];
  if (total >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
  return buf;
}

}  // namespace telpanel::widgets
