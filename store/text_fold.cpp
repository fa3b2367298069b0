// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 case folding for the scripts clients' names are written in here. Any thread.
#include "store/text_fold.hpp"

#include <cstdint>

namespace telpanel::store {

namespace {

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;  // А-Я -> а-я
  if (c >= 0x400 && c <= 0x40F) c += 80;        // Ѐ-Џ (Ё, Є, І, Ї, Ў...) -> ѐ-џ
  if (c == 0x451) return 0x435;                 // ё -> е (Russian writes both)
  return c;
}

}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    char32_t c = b;
    std::size_t len = 1;
    if (b >= 0xF0 && i + 3 < text.size()) {
      c = ((b & 0x07) << 18) | ((text[i + 1] & 0x3F) << 12) | ((text[i + 2] & 0x3F) << 6) |
          (text[i + 3] & 0x3F);
      len = 4;
    } else if (b >= 0xE0 && i + 2 < text.size()) {
      c = ((b & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
      len = 3;
    } else if (b >= 0xC0 && i + 1 < text.size()) {
      c = ((b & 0x1F) << 6) | (text[i + 1] & 0x3F);
      len = 2;
    }
    i += len;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (len == 1 && b >= 0x80)
      out += static_cast<char>(b);  // a stray byte of broken UTF-8 stays as it was
    else
      append_utf8(out, fold(c));
  }
  return out;
}

}  // namespace telpanel::store
