// SPDX-License-Identifier: GPL-3.0-or-later
// vCard 2.1/3.0/4.0 reader (RFC 2426, RFC 6350 and what phones and mail programs really
// write): folded lines, quoted-printable with soft line breaks and a CHARSET (iconv), escaped
// commas/semicolons/newlines, several TELs, TYPE lists in any of their spellings, item groups
// with X-ABLabel. Written by hand: Debian's vCard libraries are either strict RFC 6350 only
// (belcard: refuses 3.0 quoted-printable), 2.1-era (libvformat, libvc) or part of a desktop
// stack (evolution-data-server). Any thread.
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "contacts/contact_files.hpp"

namespace telpanel::contacts {

namespace {

struct Property {
  int line = 0;
  std::string group;                                        // "item1" of "item1.TEL", lower case
  std::string name;                                         // upper case
  std::vector<std::pair<std::string, std::string>> params;  // upper-case names, raw values
  std::string value;

  std::vector<std::string> param(const std::string& key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : params)
      if (k == key) out.push_back(v);
    return out;
  }
};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

bool is_quoted_printable(const std::string& line) {
  const auto colon = line.find(':');
  return upper(line.substr(0, colon)).find("QUOTED-PRINTABLE") != std::string::npos;
}

// Physical lines -> logical lines (unfolded), each with its first physical line number.
std::vector<std::pair<int, std::string>> unfold(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<std::pair<int, std::string>> out;
  int number = 0;
  bool qp_continues = false;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (qp_continues) {
      out.back().second += line;  // the previous line ended with a soft break "="
    } else if (!out.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      out.back().second += line.substr(1);
    } else {
      out.push_back({number, std::string(line)});
    }
    auto& last = out.back().second;
    qp_continues = !last.empty() && last.back() == '=' && is_quoted_printable(last);
    if (qp_continues) last.pop_back();
  }
  return out;
}

std::optional<Property> parse_property(int line, const std::string& text) {
  Property p;
  p.line = line;
  bool quoted = false;
  std::size_t colon = std::string::npos;
  std::vector<std::size_t> semis;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (text[i] == ';') semis.push_back(i);
    if (text[i] == ':') {
      colon = i;
      break;
    }
  }
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  semis.push_back(colon);
  std::string name = text.substr(0, semis[0]);
  if (auto dot = name.find('.'); dot != std::string::npos) {
    p.group = lower(name.substr(0, dot));
    name = name.substr(dot + 1);
  }
  p.name = upper(trim(name));
  for (std::size_t i = 0; i + 1 < semis.size(); ++i) {
    std::string param = text.substr(semis[i] + 1, semis[i + 1] - semis[i] - 1);
    const auto eq = param.find('=');
    std::string key = eq == std::string::npos ? "" : upper(trim(param.substr(0, eq)));
    std::string value = eq == std::string::npos ? trim(param) : trim(param.substr(eq + 1));
    if (key.empty()) {  // vCard 2.1 bare parameters: "TEL;WORK;QUOTED-PRINTABLE:"
      const auto u = upper(value);
      key = (u == "QUOTED-PRINTABLE" || u == "BASE64" || u == "8BIT") ? "ENCODING" : "TYPE";
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    p.params.push_back({key, value});
  }
  p.value = text.substr(colon + 1);
  return p;
}

std::string decode_quoted_printable(const std::string& s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Text in `charset` (e.g. windows-1251 from old phones) as UTF-8; unchanged when unknown.
std::string to_utf8(const std::string& s, const std::string& charset) {
  const auto cs = upper(charset);
  if (cs.empty() || cs == "UTF-8" || cs == "UTF8" || cs == "US-ASCII") return s;
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return s;
  std::string out(s.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size(), out_left = out.size();
  char* dst = out.data();
  const auto rc = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return s;
  out.resize(out.size() - out_left);
  return out;
}

// Splits on unescaped `sep` (";" for N and ORG), then resolves \n \, \; \\ in each part.
std::vector<std::string> split_unescape(const std::string& s, char sep) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      parts.back() += (c == 'n' || c == 'N') ? '\n' : c;
    } else if (s[i] == sep) {
      parts.emplace_back();
    } else {
      parts.back() += s[i];
    }
  }
  return parts;
}

std::string text_value(const Property& p, char sep = '\0') {
  std::string raw = p.value;
  for (const auto& enc : p.param("ENCODING"))
    if (upper(enc) == "QUOTED-PRINTABLE") raw = decode_quoted_printable(raw);
  const auto charsets = p.param("CHARSET");
  if (!charsets.empty()) raw = to_utf8(raw, charsets.front());
  if (sep) return raw;
  return trim(split_unescape(raw, '\0').front());
}

std::vector<std::string> structured_value(const Property& p) {
  auto parts = split_unescape(text_value(p, ';'), ';');
  for (auto& part : parts) part = trim(part);
  return parts;
}

std::string join_nonempty(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& part : parts)
    if (!part.empty()) out += (out.empty() ? "" : sep) + part;
  return out;
}

std::string tel_label(const Property& p, const std::map<std::string, std::string>& group_labels) {
  if (!p.group.empty()) {
    if (auto it = group_labels.find(p.group); it != group_labels.end()) return it->second;
  }
  std::vector<std::string> types;
  for (const auto& t : p.param("TYPE")) {
    for (auto& one : split_unescape(t, ',')) {
      one = lower(trim(one));
      if (!one.empty() && one != "voice" && one != "pref" && one != "internet")
        types.push_back(one);
    }
  }
  return join_nonempty(types, ",");
}

// "_$!<Mobile>!$_" (Apple's built-in labels) -> "Mobile".
std::string ab_label(std::string s) {
  if (s.rfind("_$!<", 0) == 0 && s.size() > 8 && s.substr(s.size() - 4) == ">!$_")
    s = s.substr(4, s.size() - 8);
  return s;
}

// One card's properties -> a record, or the reason it cannot be one.
core::Result<core::Client> build_client(const std::vector<Property>& props) {
  core::Client c;
  std::vector<std::string> n;
  std::vector<std::string> notes;
  std::map<std::string, std::string> group_labels;
  for (const auto& p : props)
    if (p.name == "X-ABLABEL" && !p.group.empty()) group_labels[p.group] = ab_label(text_value(p));
  std::map<std::string, std::size_t> person_index;
  auto person = [&](const std::string& name) -> core::ContactPerson& {
    auto [it, added] = person_index.try_emplace(name, c.contacts.size());
    if (added) c.contacts.push_back(core::ContactPerson{0, name, {}, {}});
    return c.contacts[it->second];
  };
  for (const auto& p : props) {
    if (p.name == "FN" && c.name.empty()) {
      c.name = text_value(p);
    } else if (p.name == "N" && n.empty()) {
      n = structured_value(p);
    } else if (p.name == "ORG" && c.organization.empty()) {
      c.organization = join_nonempty(structured_value(p), ", ");
    } else if (p.name == "EMAIL" && c.email.empty()) {
      c.email = text_value(p);
    } else if (p.name == "NOTE") {
      notes.push_back(text_value(p));
    } else if (p.name == "X-TELPANEL-CONTACT") {
      auto& who = person(text_value(p));
      if (auto email = p.param("EMAIL"); !email.empty()) who.email = email.front();
    } else if (p.name == "TEL") {
      std::string number = text_value(p);
      if (lower(number.substr(0, 4)) == "tel:") number = number.substr(4);
      if (number.empty()) continue;
      core::ClientPhone phone{number, {}, tel_label(p, group_labels)};
      if (auto owner = p.param("X-TELPANEL-CONTACT"); !owner.empty())
        person(owner.front()).phones.push_back(std::move(phone));
      else
        c.phones.push_back(std::move(phone));
    }
  }
  if (c.name.empty() && !n.empty()) {
    // N = family;given;additional;prefix;suffix -> "prefix given additional family suffix"
    n.resize(5);
    c.name = join_nonempty({n[3], n[1], n[2], n[0], n[4]}, " ");
  }
  if (c.name.empty()) c.name = c.organization;
  if (c.name.empty()) return core::make_error(core::ErrorCode::InvalidArgument, "");
  c.note = join_nonempty(notes, "\n");
  for (const auto& person : c.contacts) {
    if (person.name.empty())
      return core::make_error(core::ErrorCode::InvalidArgument,
                              "X-TELPANEL-CONTACT without a name");
  }
  return c;
}

}  // namespace

ParsedContacts parse_vcards(std::string_view text) {
  ParsedContacts out;
  int begin = 0;  // line of the open card's BEGIN; 0 outside a card
  std::optional<core::ImportProblem> card_problem;
  std::vector<Property> props;
  for (const auto& [line, raw] : unfold(text)) {
    const std::string t = trim(raw);
    const std::string u = upper(t);
    if (u == "BEGIN:VCARD") {
      if (begin) out.problems.push_back({begin, "BEGIN:VCARD without END:VCARD"});
      begin = line;
      card_problem.reset();
      props.clear();
      continue;
    }
    if (t.empty()) continue;
    if (!begin) {
      out.problems.push_back({line, u == "END:VCARD" ? "END:VCARD without BEGIN:VCARD"
                                                     : "text outside a vCard: '" + t + "'"});
      continue;
    }
    if (u == "END:VCARD") {
      if (!card_problem) {
        auto client = build_client(props);
        if (client)
          out.records.push_back({begin, std::move(*client)});
        else
          card_problem = core::ImportProblem{begin, client.error().detail.empty()
                                                        ? "vCard without a name (FN, N or ORG)"
                                                        : client.error().detail};
      }
      if (card_problem) out.problems.push_back(*card_problem);
      begin = 0;
      continue;
    }
    auto prop = parse_property(line, raw);
    if (!prop) {
      if (!card_problem)
        card_problem = core::ImportProblem{line, "not a vCard property line: '" + t + "'"};
      continue;
    }
    if (prop->name == "VERSION") {
      const auto v = trim(prop->value);
      if (v != "2.1" && v != "3.0" && v != "4.0" && !card_problem)
        card_problem = core::ImportProblem{line, "vCard version '" + v + "' is not supported"};
    }
    props.push_back(std::move(*prop));
  }
  if (begin) out.problems.push_back({begin, "BEGIN:VCARD without END:VCARD"});
  return out;
}

}  // namespace telpanel::contacts
