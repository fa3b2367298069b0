// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/dialog_info.hpp"

#include "sip/xml_tree.hpp"

namespace telpanel::sip {

namespace {

bool blank(std::string_view body) {
  return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

core::Result<bool> parse_dialog_info_on_call(std::string_view body) {
  if (blank(body)) return false;
  auto doc = xml::parse(body, "dialog-info");
  if (!doc) return doc.error();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!xml::is(root, xml::kDialogInfoNs, "dialog-info"))
    return core::make_error(core::ErrorCode::Protocol,
                            "dialog-info body has no <dialog-info> root");
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (!xml::is(c, xml::kDialogInfoNs, "dialog")) continue;
    if (xml::text(xml::child(c, xml::kDialogInfoNs, "state")) == "confirmed") return true;
  }
  return false;
}

std::optional<long long> dialog_info_version(std::string_view body) {
  if (blank(body)) return std::nullopt;
  auto doc = xml::parse(body, "dialog-info");
  if (!doc) return std::nullopt;
  const std::string v = xml::attribute(xmlDocGetRootElement(doc->get()), "version");
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 18)
    return std::nullopt;
  return std::stoll(v);
}

core::Result<bool> parse_reginfo_registered(std::string_view body) {
  if (blank(body)) return false;
  auto doc = xml::parse(body, "reginfo");
  if (!doc) return doc.error();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!xml::is(root, xml::kReginfoNs, "reginfo"))
    return core::make_error(core::ErrorCode::Protocol, "reginfo body has no <reginfo> root");
  for (const xmlNode* r = root->children; r; r = r->next) {
    if (!xml::is(r, xml::kReginfoNs, "registration") || xml::attribute(r, "state") != "active")
      continue;
    for (const xmlNode* c = r->children; c; c = c->next) {
      if (xml::is(c, xml::kReginfoNs, "contact") && xml::attribute(c, "state") == "active")
        return true;
    }
  }
  return false;
}

}  // namespace telpanel::sip
