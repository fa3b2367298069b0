// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/transfer_text.hpp"

#include <cctype>
#include <cstdio>

namespace telpanel::sip {

namespace {

bool header_char_ok(unsigned char c) {
  if (std::isalnum(c)) return true;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '!':
    case '~':
    case '*':
    case '\'':
    case '(':
    case ')':
    case '[':
    case ']':
    case '/':
    case '?':
    case ':':
    case '+':
    case '$':
      return true;
    default:
      return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

std::string escape_uri_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size() * 2);
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (header_char_ok(c)) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string unescape_uri(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string replaces_value(std::string_view call_id, std::string_view to_tag,
                           std::string_view from_tag) {
  std::string out(call_id);
  out += ";to-tag=";
  out += to_tag;
  out += ";from-tag=";
  out += from_tag;
  return out;
}

std::string refer_to_with_replaces(std::string_view target, std::string_view call_id,
                                   std::string_view to_tag, std::string_view from_tag) {
  std::string uri(target);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
    uri = uri.substr(1, uri.size() - 2);
  uri += uri.find('?') == std::string::npos ? '?' : '&';
  uri += "Replaces=" + escape_uri_header_value(replaces_value(call_id, to_tag, from_tag));
  return "<" + uri + ">";
}

std::optional<std::string> uri_header(std::string_view headers, std::string_view name) {
  while (!headers.empty()) {
    const auto amp = headers.find('&');
    const std::string_view item = headers.substr(0, amp);
    const auto eq = item.find('=');
    if (eq != std::string_view::npos && iequals(item.substr(0, eq), name))
      return unescape_uri(item.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    headers.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::optional<SipFrag> parse_sipfrag(std::string_view body) {
  constexpr std::string_view prefix = "SIP/2.0 ";
  if (body.size() < prefix.size() + 3 || !iequals(body.substr(0, prefix.size()), prefix))
    return std::nullopt;
  body.remove_prefix(prefix.size());
  int status = 0;
  for (int i = 0; i < 3; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(body[static_cast<std::size_t>(i)])))
      return std::nullopt;
    status = status * 10 + (body[static_cast<std::size_t>(i)] - '0');
  }
  if (status < 100) return std::nullopt;
  body.remove_prefix(3);
  if (!body.empty() && body.front() != ' ' && body.front() != '\r' && body.front() != '\n')
    return std::nullopt;
  const auto eol = body.find_first_of("\r\n");
  std::string_view phrase = body.substr(0, eol);
  while (!phrase.empty() && phrase.front() == ' ') phrase.remove_prefix(1);
  return SipFrag{status, std::string(phrase)};
}

}  // namespace telpanel::sip
