// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/colleague_file.hpp"

#include <csv.h>
#include <glib.h>

#include <map>
#include <nlohmann/json.hpp>

namespace telpanel::app {

namespace {

core::Error bad(const std::string& origin, const std::string& what) {
  return core::make_error(core::ErrorCode::InvalidArgument, origin + ": " + what);
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

core::Result<std::vector<core::ColleagueEntry>> parse_json(const std::string& text,
                                                           const std::string& origin) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return bad(origin, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_array()) return bad(origin, "JSON must be an array of colleague objects");
  std::vector<core::ColleagueEntry> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& o = j[i];
    const std::string where = "entry " + std::to_string(i + 1);
    if (!o.is_object() || !o.contains("extension"))
      return bad(origin, where + " has no \"extension\"");
    core::ColleagueEntry c;
    const auto& ext = o["extension"];
    c.extension = ext.is_number_integer() ? std::to_string(ext.get<long long>())
                  : ext.is_string()       ? ext.get<std::string>()
                                          : "";
    if (!valid_extension(c.extension))
      return bad(origin, where + ": extension " + ext.dump() + " is not a SIP user part");
    for (const char* key : {"name", "position"}) {
      if (o.contains(key) && !o[key].is_string())
        return bad(origin, where + ": \"" + key + "\" must be a string");
    }
    c.name = o.value("name", "");
    c.position = o.value("position", "");
    if (o.contains("groups")) {
      if (o["groups"].is_string()) {
        c.groups = split_groups(o["groups"].get<std::string>());
      } else if (o["groups"].is_array()) {
        for (const auto& g : o["groups"]) {
          if (!g.is_string()) return bad(origin, where + ": \"groups\" must hold strings");
          c.groups.push_back(g.get<std::string>());
        }
      } else {
        return bad(origin, where + ": \"groups\" must be a list or a ';'-separated string");
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

struct CsvState {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
};

core::Result<std::vector<core::ColleagueEntry>> parse_csv(const std::string& text,
                                                          const std::string& origin) {
  csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) return bad(origin, "cannot start the CSV reader");
  CsvState state;
  auto on_field = [](void* data, size_t len, void* p) {
    static_cast<CsvState*>(p)->row.emplace_back(static_cast<const char*>(data), len);
  };
  auto on_row = [](int, void* p) {
    auto* s = static_cast<CsvState*>(p);
    s->rows.push_back(std::move(s->row));
    s->row.clear();
  };
  const bool ok =
      csv_parse(&parser, text.data(), text.size(), on_field, on_row, &state) == text.size() &&
      csv_fini(&parser, on_field, on_row, &state) == 0;
  const std::string error = ok ? "" : csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok) return bad(origin, "not valid CSV: " + error);
  if (state.rows.empty()) return bad(origin, "empty file (expected a header line)");
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < state.rows[0].size(); ++i) column[trim(state.rows[0][i])] = i;
  if (!column.count("extension")) return bad(origin, "the header line has no \"extension\" column");
  auto field = [&](const std::vector<std::string>& row, const char* name) {
    auto it = column.find(name);
    return it != column.end() && it->second < row.size() ? trim(row[it->second]) : "";
  };
  std::vector<core::ColleagueEntry> out;
  for (std::size_t r = 1; r < state.rows.size(); ++r) {
    const auto& row = state.rows[r];
    core::ColleagueEntry c;
    c.extension = field(row, "extension");
    if (!valid_extension(c.extension))
      return bad(origin, "line " + std::to_string(r + 1) + ": extension '" + c.extension +
                             "' is not a SIP user part");
    c.name = field(row, "name");
    c.position = field(row, "position");
    c.groups = split_groups(field(row, "groups"));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

bool valid_extension(const std::string& e) {
  if (e.empty() || e.size() > 64) return false;
  for (char c : e) {
    if (!g_ascii_isalnum(c) && c != '.' && c != '_' && c != '-' && c != '+' && c != '*')
      return false;
  }
  return true;
}

std::vector<std::string> split_groups(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ";") {
    if (c == ';' || c == ',') {
      if (!trim(cur).empty()) out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

core::Result<std::vector<core::ColleagueEntry>> parse_colleagues(const std::string& text,
                                                                 const std::string& origin) {
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (text[first] == '[' || text[first] == '{'))
    return parse_json(text, origin);
  return parse_csv(text, origin);
}

core::Result<std::vector<core::ColleagueEntry>> load_colleague_file(const std::string& path) {
  gchar* contents = nullptr;
  gsize length = 0;
  GError* error = nullptr;
  if (!g_file_get_contents(path.c_str(), &contents, &length, &error)) {
    std::string message = "colleagues file " + path + ": " + error->message;
    g_error_free(error);
    return core::make_error(core::ErrorCode::Io, message);
  }
  std::string text(contents, length);
  g_free(contents);
  return parse_colleagues(text, "colleagues file " + path);
}

}  // namespace telpanel::app
