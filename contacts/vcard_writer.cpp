// SPDX-License-Identifier: GPL-3.0-or-later
// vCard 3.0 writer (RFC 2426): escaped text, lines folded at 75 octets without splitting a
// UTF-8 character, CRLF line ends. Any thread.
#include "contacts/contact_files.hpp"

namespace telpanel::contacts {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ',' || c == ';') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// A parameter value: quoted, with the double quotes it cannot hold dropped.
std::string param_value(const std::string& s) {
  std::string out = "\"";
  for (char c : s)
    if (c != '"' && c != '\n' && c != '\r') out += c;
  return out + "\"";
}

void put(std::string& out, const std::string& line) {
  std::size_t pos = 0, width = 75;
  while (line.size() - pos > width) {
    std::size_t cut = pos + width;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(pos, cut - pos) + "\r\n ";
    pos = cut;
    width = 74;  // the leading space of a continuation counts
  }
  out += line.substr(pos) + "\r\n";
}

std::string tel(const core::ClientPhone& p, const std::string& person) {
  std::string line = "TEL";
  if (!p.label.empty()) line += ";TYPE=" + param_value(p.label);
  if (!person.empty()) line += ";X-TELPANEL-CONTACT=" + param_value(person);
  return line + ":" + escape(p.number);
}

}  // namespace

std::string write_vcards(const std::vector<core::Client>& clients) {
  std::string out;
  for (const auto& c : clients) {
    put(out, "BEGIN:VCARD");
    put(out, "VERSION:3.0");
    put(out, "FN:" + escape(c.name));
    put(out, "N:;;;;");  // required by 3.0; the name is the client's, not split into parts
    if (!c.organization.empty()) put(out, "ORG:" + escape(c.organization));
    if (!c.email.empty()) put(out, "EMAIL;TYPE=INTERNET:" + escape(c.email));
    if (!c.note.empty()) put(out, "NOTE:" + escape(c.note));
    for (const auto& p : c.phones) put(out, tel(p, ""));
    for (const auto& person : c.contacts) {
      put(out, "X-TELPANEL-CONTACT" +
                   (person.email.empty() ? "" : ";EMAIL=" + param_value(person.email)) + ":" +
                   escape(person.name));
      for (const auto& p : person.phones) put(out, tel(p, person.name));
    }
    put(out, "END:VCARD");
  }
  return out;
}

}  // namespace telpanel::contacts
