// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/pidf.hpp"

#include <glib.h>
#include <libxml/tree.h>

#include <cstring>

#include "sip/xml_tree.hpp"

namespace telpanel::sip {

namespace {

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

std::string utc_text(core::TimePoint t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch());
  GDateTime* dt = g_date_time_new_from_unix_utc(secs.count());
  gchar* s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
  std::string out = s ? s : "";
  g_free(s);
  g_date_time_unref(dt);
  return out;
}

std::optional<core::TimePoint> parse_time(const std::string& text) {
  if (text.empty()) return std::nullopt;
  GDateTime* dt = g_date_time_new_from_iso8601(text.c_str(), nullptr);
  if (!dt) return std::nullopt;
  const auto secs = g_date_time_to_unix(dt);
  g_date_time_unref(dt);
  return core::TimePoint(std::chrono::seconds(secs));
}

// RFC 4480 activities, as our four colours.
void apply_activity(const xmlNode* node, core::PresenceDocument& doc) {
  const char* name = reinterpret_cast<const char*>(node->name);
  static const char* const kAway[] = {"away",     "vacation",          "holiday",
                                      "sleeping", "permanent-absence", "steering",
                                      "travel",   "in-transit"};
  for (const char* a : kAway) {
    if (std::strcmp(name, a) == 0 && doc.activity == core::Presence::Available)
      doc.activity = core::Presence::Away;
  }
  if (std::strcmp(name, "on-the-phone") == 0) doc.on_the_phone = true;
  static const char* const kBusy[] = {"busy",    "on-the-phone", "meeting",    "appointment",
                                      "meal",    "breakfast",    "lunch",      "dinner",
                                      "working", "presentation", "performance"};
  for (const char* b : kBusy) {
    if (std::strcmp(name, b) == 0 && doc.activity != core::Presence::Dnd)
      doc.activity = core::Presence::Busy;
  }
  if (std::strcmp(name, "other") == 0 && xml::text(node) == "dnd")
    doc.activity = core::Presence::Dnd;
}

void read_person(const xmlNode* person, core::PresenceDocument& doc) {
  for (const xmlNode* c = person->children; c; c = c->next) {
    if (xml::is(c, xml::kRpidNs, "activities")) {
      for (const xmlNode* a = c->children; a; a = a->next) {
        if (a->type == XML_ELEMENT_NODE) apply_activity(a, doc);
      }
    } else if (xml::is(c, xml::kRpidNs, "user-input")) {
      if (xml::text(c) == "idle") doc.last_input = parse_time(xml::attribute(c, "last-input"));
    } else if ((xml::is(c, xml::kDataModelNs, "note") || xml::is(c, xml::kRpidNs, "note")) &&
               doc.note.empty()) {
      doc.note = xml::text(c);
    }
  }
}

}  // namespace

std::string build_pidf(const std::string& entity, const core::PresenceDocument& d) {
  xmlDoc* doc = xmlNewDoc(x("1.0"));
  xmlNode* root = xmlNewNode(nullptr, x("presence"));
  xmlDocSetRootElement(doc, root);
  xmlNs* pidf = xmlNewNs(root, x(xml::kPidfNs), nullptr);
  xmlSetNs(root, pidf);
  xmlNs* dm = xmlNewNs(root, x(xml::kDataModelNs), x("dm"));
  xmlNs* rpid = xmlNewNs(root, x(xml::kRpidNs), x("rpid"));
  xmlNewProp(root, x("entity"), x(entity.c_str()));

  xmlNode* tuple = xmlNewChild(root, pidf, x("tuple"), nullptr);
  xmlNewProp(tuple, x("id"), x("telpanel"));
  xmlNode* status = xmlNewChild(tuple, pidf, x("status"), nullptr);
  xmlNewChild(status, pidf, x("basic"), x(d.open ? "open" : "closed"));
  xmlNewTextChild(tuple, pidf, x("contact"), x(entity.c_str()));
  if (!d.note.empty()) xmlNewTextChild(tuple, pidf, x("note"), x(d.note.c_str()));

  xmlNode* person = xmlNewChild(root, dm, x("person"), nullptr);
  xmlNewProp(person, x("id"), x("p1"));
  xmlNode* activities = xmlNewChild(person, rpid, x("activities"), nullptr);
  if (d.open) {
    switch (d.activity) {
      case core::Presence::Away:
        xmlNewChild(activities, rpid, x("away"), nullptr);
        break;
      case core::Presence::Busy:
        xmlNewChild(activities, rpid, x("busy"), nullptr);
        break;
      case core::Presence::Dnd:
        xmlNewChild(activities, rpid, x("busy"), nullptr);
        xmlNewChild(activities, rpid, x("other"), x("dnd"));
        break;
      default:
        break;
    }
    if (d.on_the_phone) xmlNewChild(activities, rpid, x("on-the-phone"), nullptr);
  }
  if (d.last_input && d.activity == core::Presence::Away) {
    xmlNode* input = xmlNewChild(person, rpid, x("user-input"), x("idle"));
    xmlNewProp(input, x("last-input"), x(utc_text(*d.last_input).c_str()));
  }
  if (!d.note.empty()) xmlNewTextChild(person, dm, x("note"), x(d.note.c_str()));

  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
  std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  xmlFreeDoc(doc);
  return text;
}

core::Result<core::PresenceDocument> parse_pidf(std::string_view body) {
  auto doc = xml::parse(body, "PIDF");
  if (!doc) return doc.error();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!xml::is(root, xml::kPidfNs, "presence"))
    return core::make_error(core::ErrorCode::Protocol, "PIDF body has no <presence> root");
  core::PresenceDocument out;
  bool any_tuple = false, any_open = false;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (xml::is(c, xml::kPidfNs, "tuple")) {
      any_tuple = true;
      const xmlNode* basic =
          xml::child(xml::child(c, xml::kPidfNs, "status"), xml::kPidfNs, "basic");
      if (xml::text(basic) == "open") any_open = true;
      if (out.note.empty()) out.note = xml::text(xml::child(c, xml::kPidfNs, "note"));
    } else if (xml::is(c, xml::kDataModelNs, "person") || xml::is(c, xml::kRpidNs, "person")) {
      read_person(c, out);
    } else if (xml::is(c, xml::kPidfNs, "note") && out.note.empty()) {
      out.note = xml::text(c);
    }
  }
  // A document with only a person element says nothing about reachability: treat as open.
  out.open = any_tuple ? any_open : true;
  return out;
}

}  // namespace telpanel::sip
