// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/region_names.hpp"

#include <glib/gi18n.h>
#include <glibmm/ustring.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "numbers/phone_number_normalizer.hpp"

namespace telpanel::app {

namespace {

// iso-codes' data file (Debian package iso-codes); its names are the msgids of the
// iso_3166-1 gettext domain.
constexpr const char* k_iso_3166 = "/usr/share/iso-codes/json/iso_3166-1.json";

std::map<std::string, std::string> country_names() {
  std::map<std::string, std::string> out;
  std::ifstream in(k_iso_3166);
  if (!in) return out;
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("3166-1")) return out;
  for (const auto& c : doc["3166-1"]) {
    if (!c.contains("alpha_2") || !c.contains("name")) continue;
    // The common name ("Russia", "Bolivia") reads better than the official one.
    const std::string name = c.value("common_name", c["name"].get<std::string>());
    out[c["alpha_2"].get<std::string>()] = dgettext("iso_3166-1", name.c_str());
  }
  return out;
}

}  // namespace

widgets::RegionList region_list() {
  const auto names = country_names();
  widgets::RegionList out;
  for (const auto& code : numbers::supported_regions()) {
    auto it = names.find(code);
    out.emplace_back(code, it == names.end() ? std::string() : it->second);
  }
  // By name as people read it in their language; unnamed codes last, by code.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.second.empty() != b.second.empty()) return b.second.empty();
    if (a.second.empty()) return a.first < b.first;
    return Glib::ustring(a.second).collate_key() < Glib::ustring(b.second).collate_key();
  });
  return out;
}

}  // namespace telpanel::app
