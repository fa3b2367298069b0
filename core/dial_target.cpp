// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dial_target.hpp"

#include <cctype>
#include <string_view>

namespace telpanel::core {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Length in bytes of a UTF-8 space or dash at `i` that people and web pages put into numbers
// (U+00A0, U+2009, U+202F, U+2010..U+2015, U+2212), else 0.
std::size_t unicode_separator_length(const std::string& s, std::size_t i) {
  static const char* const separators[] = {
      "\xC2\xA0",     "\xE2\x80\x89", "\xE2\x80\xAF", "\xE2\x80\x90", "\xE2\x80\x91",
      "\xE2\x80\x92", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95", "\xE2\x88\x92"};
  for (const char* sep : separators) {
    const std::string_view v(sep);
    if (s.compare(i, v.size(), v) == 0) return v.size();
  }
  return 0;
}

}  // namespace

Result<std::string> dial_target_to_uri(const std::string& raw, const std::string& domain) {
  std::string target = trim(raw);
  if (target.empty()) return make_error(ErrorCode::InvalidArgument, "empty dial target");
  if (starts_with(target, "sip:") || starts_with(target, "sips:")) {
    if (target.find('@') == std::string::npos && target.size() <= 5)
      return make_error(ErrorCode::InvalidArgument, "incomplete SIP URI: " + target);
    for (char c : target) {
      if (std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == '"')
        return make_error(ErrorCode::InvalidArgument,
                          "SIP URI contains '" + std::string(1, c) + "': " + target);
    }
    return target;
  }
  for (const char* scheme : {"tel:", "callto:", "callto://"}) {
    if (starts_with(target, scheme)) target = target.substr(std::string(scheme).size());
  }
  if (starts_with(target, "//")) target = target.substr(2);
  // tel: URIs may carry parameters (";phone-context=...") that are not part of the number.
  if (auto semi = target.find(';'); semi != std::string::npos) target.resize(semi);

  std::string user;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (const std::size_t skip = unicode_separator_length(target, i); skip > 0) {
      i += skip - 1;  // copied from a web page: no-break spaces, dashes, minus signs
      continue;
    }
    const char c = target[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == '#') {
      user += c;
    } else if (c == '+' && user.empty()) {
      user += c;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') {
      continue;
    } else {
      return make_error(ErrorCode::InvalidArgument,
                        "not a phone number or SIP URI: '" + trim(raw) + "'");
    }
  }
  if (user.empty() || user == "+")
    return make_error(ErrorCode::InvalidArgument, "no digits in '" + trim(raw) + "'");
  // '#' is reserved in URIs; escape it so "*72#" reaches the PBX intact.
  std::string escaped;
  for (char c : user) escaped += (c == '#') ? std::string("%23") : std::string(1, c);
  return "sip:" + escaped + "@" + domain;
}

}  // namespace telpanel::core
