// SPDX-License-Identifier: GPL-3.0-or-later
// libxml2 glue for the event bodies (PIDF, dialog-info, reginfo): a parsed document that frees
// itself, and element lookups by namespace and local name, so any prefix a server chooses
// works. Safe against outside input: no network, no entity expansion. Any thread.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace telpanel::sip::xml {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

inline constexpr const char* kPidfNs = "urn:ietf:params:xml:ns:pidf";
inline constexpr const char* kRpidNs = "urn:ietf:params:xml:ns:pidf:rpid";
inline constexpr const char* kDataModelNs = "urn:ietf:params:xml:ns:pidf:data-model";
inline constexpr const char* kDialogInfoNs = "urn:ietf:params:xml:ns:dialog-info";
inline constexpr const char* kReginfoNs = "urn:ietf:params:xml:ns:reginfo";

/// Parses `text`; a Protocol error naming `what` when it is not well-formed XML.
core::Result<Doc> parse(std::string_view text, const char* what);

/// True when `node` is an element named `name` in namespace `ns`.
bool is(const xmlNode* node, const char* ns, const char* name);
/// The first child element named `name` in `ns`, or null.
xmlNode* child(const xmlNode* node, const char* ns, const char* name);
/// Text content of `node` with surrounding white space removed ("" for null).
std::string text(const xmlNode* node);
/// Attribute value ("" when absent).
std::string attribute(const xmlNode* node, const char* name);

}  // namespace telpanel::sip::xml
