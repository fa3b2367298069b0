// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/xml_tree.hpp"

#include <libxml/parser.h>

#include <cstring>

namespace telpanel::sip::xml {

core::Result<Doc> parse(std::string_view text, const char* what) {
  if (text.size() > 1024 * 1024)
    return core::make_error(core::ErrorCode::Protocol, std::string(what) + " body is too large");
  // NONET: never fetch a DTD; no NOENT, so entities are not expanded (no billion laughs).
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc || !xmlDocGetRootElement(doc)) {
    if (doc) xmlFreeDoc(doc);
    return core::make_error(core::ErrorCode::Protocol,
                            std::string(what) + " body is not well-formed XML");
  }
  return Doc(doc);
}

bool is(const xmlNode* node, const char* ns, const char* name) {
  return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

xmlNode* child(const xmlNode* node, const char* ns, const char* name) {
  if (!node) return nullptr;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (is(c, ns, name)) return c;
  }
  return nullptr;
}

std::string text(const xmlNode* node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  const auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(" \t\r\n");
  return out.substr(first, last - first + 1);
}

std::string attribute(const xmlNode* node, const char* name) {
  if (!node) return {};
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

}  // namespace telpanel::sip::xml
