// SPDX-License-Identifier: GPL-3.0-or-later
// CSV address books on libcsv (quoted fields with delimiters, doubled quotes and line breaks,
// CRLF, a UTF-8 byte order mark, ";" from spreadsheets in many locales). Rows keep the line
// they start on for error reports. Any thread.
#include <csv.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "contacts/contact_files.hpp"

namespace telpanel::contacts {

namespace {

// libcsv's parser state before any byte of a row (ROW_NOT_BEGUN in libcsv.c, 0 since 1.0).
constexpr int kRowNotBegun = 0;

std::string lower_trim(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

struct Rows {
  std::vector<std::pair<int, std::vector<std::string>>> rows;  // start line, fields
  std::vector<std::string> fields;
  int start_line = 1;
};

void on_field(void* data, std::size_t len, void* rows) {
  static_cast<Rows*>(rows)->fields.emplace_back(static_cast<const char*>(data), len);
}

void on_row(int, void* data) {
  auto* r = static_cast<Rows*>(data);
  r->rows.push_back({r->start_line, std::move(r->fields)});
  r->fields.clear();
}

char pick_delimiter(std::string_view header) {
  const auto line = header.substr(0, header.find('\n'));
  const auto count = [&](char c) { return std::count(line.begin(), line.end(), c); };
  if (count('\t') > count(',') && count('\t') > count(';')) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

// Fields of column `index`, or "" when the row is short.
const std::string& field(const std::vector<std::string>& row, std::optional<std::size_t> index) {
  static const std::string none;
  return index && *index < row.size() ? row[*index] : none;
}

}  // namespace

ParsedContacts parse_csv(std::string_view text) {
  ParsedContacts out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  csv_parser parser;
  csv_init(&parser, 0);
  csv_set_delim(&parser, static_cast<unsigned char>(pick_delimiter(text)));
  Rows rows;
  int line = 0;
  // One physical line at a time so every row knows the line it starts on.
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto chunk = text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1);
    text.remove_prefix(chunk.size());
    ++line;
    if (parser.pstate == kRowNotBegun) rows.start_line = line;
    csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_row, &rows);
  }
  // An open quote at the end swallowed everything after it into one field: that row is lost
  // (CSV_STRICT_FINI would say so only in strict mode, which refuses too much else).
  const bool unterminated = parser.pstate != kRowNotBegun && parser.quoted;
  const int open_row = rows.start_line;
  csv_fini(&parser, on_field, on_row, &rows);
  if (unterminated) {
    if (!rows.rows.empty()) rows.rows.pop_back();
    out.problems.push_back({open_row, "unterminated quoted field"});
  }
  csv_free(&parser);
  if (rows.rows.empty()) {
    out.problems.push_back({1, "no header row (name, organization, contact, phone, ...)"});
    return out;
  }

  const auto& header = rows.rows.front().second;
  std::optional<std::size_t> name, organization, contact, label, email, note;
  std::vector<std::size_t> phones;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto h = lower_trim(header[i]);
    if (h == "name")
      name = i;
    else if (h == "organization" || h == "organisation")
      organization = i;
    else if (h == "contact")
      contact = i;
    else if (h.rfind("phone", 0) == 0)
      phones.push_back(i);
    else if (h == "label")
      label = i;
    else if (h == "email")
      email = i;
    else if (h == "note")
      note = i;
    else
      out.problems.push_back(
          {rows.rows.front().first, "unknown column '" + header[i] + "' ignored"});
  }
  if (!name) {
    out.problems.push_back({rows.rows.front().first, "the header has no 'name' column"});
    return out;
  }

  for (std::size_t r = 1; r < rows.rows.size(); ++r) {
    const auto& [start, row] = rows.rows[r];
    if (std::all_of(row.begin(), row.end(), [](const auto& f) { return trim(f).empty(); }))
      continue;
    if (row.size() > header.size()) {
      out.problems.push_back({start, std::to_string(row.size()) + " fields, but the header has " +
                                         std::to_string(header.size())});
      continue;
    }
    core::Client c;
    c.name = trim(field(row, name));
    c.organization = trim(field(row, organization));
    c.note = trim(field(row, note));
    std::vector<core::ClientPhone> numbers;
    for (auto index : phones) {
      const auto number = trim(field(row, index));
      if (!number.empty()) numbers.push_back({number, {}, trim(field(row, label))});
    }
    const auto person = trim(field(row, contact));
    if (person.empty()) {
      c.email = trim(field(row, email));
      c.phones = std::move(numbers);
    } else {
      c.contacts.push_back({0, person, trim(field(row, email)), std::move(numbers)});
    }
    out.records.push_back({start, std::move(c)});
  }
  return out;
}

namespace {

void put_row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ',';
    first = false;
    std::string quoted(f.size() * 2 + 2, '\0');
    quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
    out += quoted;
  }
  out += "\r\n";
}

}  // namespace

std::string write_csv(const std::vector<core::Client>& clients) {
  std::string out;
  put_row(out, {"name", "organization", "contact", "phone", "label", "email", "note"});
  for (const auto& c : clients) {
    // The client's own row(s) first: one per phone, and one even without phones.
    bool first = true;
    for (std::size_t i = 0; i < std::max<std::size_t>(c.phones.size(), 1); ++i) {
      const core::ClientPhone none;
      const auto& p = i < c.phones.size() ? c.phones[i] : none;
      put_row(out, {c.name, c.organization, "", p.number, p.label, first ? c.email : "",
                    first ? c.note : ""});
      first = false;
    }
    for (const auto& person : c.contacts) {
      for (std::size_t i = 0; i < std::max<std::size_t>(person.phones.size(), 1); ++i) {
        const core::ClientPhone none;
        const auto& p = i < person.phones.size() ? person.phones[i] : none;
        put_row(out, {c.name, c.organization, person.name, p.number, p.label,
                      i == 0 ? person.email : "", ""});
      }
    }
  }
  return out;
}

core::Result<ContactFormat> detect_format(const std::string& path, std::string_view text) {
  const auto dot = path.rfind('.');
  const auto ext = dot == std::string::npos ? "" : lower_trim(path.substr(dot + 1));
  if (ext == "vcf" || ext == "vcard") return ContactFormat::VCard;
  if (ext == "csv" || ext == "tsv") return ContactFormat::Csv;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto head = lower_trim(std::string(text.substr(0, 64)));
  if (head.find("begin:vcard") != std::string::npos) return ContactFormat::VCard;
  if (head.rfind("name", 0) == 0 || head.find("\"name\"") != std::string::npos)
    return ContactFormat::Csv;
  return core::make_error(core::ErrorCode::InvalidArgument,
                          path + ": neither a vCard (.vcf) nor a CSV file (.csv)");
}

}  // namespace telpanel::contacts
