// SPDX-License-Identifier: GPL-3.0-or-later
// Number keys with libphonenumber; URI user parts taken apart by hand (RFC 3261/3966 syntax
// needs only a few cuts here). Any thread.
#include "numbers/phone_number_normalizer.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace telpanel::numbers {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// "Alice <sip:+7912...@pbx;user=phone>", "sip:101@pbx", "tel:+7-912;phone-context=x", "101@pbx"
// -> the part that may be a number. Plain numbers pass unchanged.
std::string number_part(std::string_view in) {
  in = trim(in);
  if (auto open = in.find('<'); open != std::string_view::npos) {
    const auto close = in.find('>', open);
    in = trim(in.substr(open + 1, close == std::string_view::npos ? close : close - open - 1));
  }
  bool uri = false;
  for (std::string_view scheme : {"sips:", "sip:", "tel:"}) {
    if (starts_with_nocase(in, scheme)) {
      in.remove_prefix(scheme.size());
      uri = true;
      break;
    }
  }
  if (auto at = in.find('@'); at != std::string_view::npos) in = in.substr(0, at);
  if (uri) in = in.substr(0, std::min(in.find(';'), in.find('?')));
  return percent_decode(in);
}

}  // namespace

std::vector<std::string> supported_regions() {
  std::set<std::string> regions;
  i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return {regions.begin(), regions.end()};
}

core::Result<ExtensionRule> ExtensionRule::parse(const std::string& text) {
  const std::string t(trim(text));
  if (t.empty() || t == "none") return ExtensionRule{0, 0};
  auto bad = [&] {
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "extension_length must be like 2-5, 3 or none, not '" + text + "'");
  };
  int lo = 0, hi = 0;
  const char* end = t.data() + t.size();
  auto [p, ec] = std::from_chars(t.data(), end, lo);
  if (ec != std::errc()) return bad();
  hi = lo;
  if (p != end) {
    if (*p != '-') return bad();
    auto [q, ec2] = std::from_chars(p + 1, end, hi);
    if (ec2 != std::errc() || q != end) return bad();
  }
  if (lo < 1 || hi < lo || hi > 15) return bad();
  return ExtensionRule{lo, hi};
}

core::Result<PhoneNumberNormalizer> PhoneNumberNormalizer::create(const std::string& region,
                                                                  ExtensionRule rule) {
  std::string upper = region;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::set<std::string> known;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&known);
  if (!known.count(upper))
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "region '" + region + "' is not a known ISO 3166 country code");
  return PhoneNumberNormalizer(upper, rule);
}

core::NumberKey PhoneNumberNormalizer::normalize(std::string_view number_or_uri) const {
  const std::string text = number_part(number_or_uri);
  std::string digits;
  bool plus = false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (!(std::isspace(u) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')) {
      return {};  // letters (a SIP name), * and # (service codes), a second "+": not a number
    }
  }
  if (digits.empty()) return {};
  if (!plus && m_rule.matches(digits.size())) return {digits, true};

  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util->Parse((plus ? "+" : "") + digits, m_region, &parsed) ==
          PhoneNumberUtil::NO_PARSING_ERROR &&
      util->IsPossibleNumberWithReason(parsed) == PhoneNumberUtil::IS_POSSIBLE) {
    std::string e164;
    util->Format(parsed, PhoneNumberUtil::E164, &e164);
    return {e164, false};
  }
  return {(plus ? "+" : "") + digits, false};
}

}  // namespace telpanel::numbers
