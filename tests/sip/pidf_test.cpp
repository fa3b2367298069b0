// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/pidf.hpp"

#include <gtest/gtest.h>

#include "sip/dialog_info.hpp"

namespace telpanel::sip {
namespace {

using core::Presence;
using core::PresenceDocument;

PresenceDocument round_trip(const PresenceDocument& in) {
  auto out = parse_pidf(build_pidf("sip:1001@example.org", in));
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().detail);
  return out.value_or(PresenceDocument{});
}

TEST(Pidf, EveryStatusSurvivesARoundTrip) {
  for (auto p : {Presence::Available, Presence::Busy, Presence::Dnd, Presence::Away}) {
    PresenceDocument d;
    d.activity = p;
    d.note = "Back at 15:00 <soon> & \"later\" — ок";
    if (p == Presence::Away) d.last_input = core::TimePoint(std::chrono::seconds(1800000000));
    EXPECT_EQ(round_trip(d), d) << core::presence_name(p);
  }
  PresenceDocument closed;
  closed.open = false;
  EXPECT_FALSE(round_trip(closed).open);
}

// baresip finds these with regular expressions, so the exact spelling matters.
TEST(Pidf, KeepsTheRpidPrefixBaresipLooksFor) {
  PresenceDocument d;
  EXPECT_EQ(build_pidf("sip:a@b", d).find("<rpid:busy/>"), std::string::npos);
  EXPECT_NE(build_pidf("sip:a@b", d).find("<basic>open</basic>"), std::string::npos);
  d.activity = Presence::Busy;
  EXPECT_NE(build_pidf("sip:a@b", d).find("<rpid:busy/>"), std::string::npos);
  d.activity = Presence::Away;
  EXPECT_NE(build_pidf("sip:a@b", d).find("<rpid:away/>"), std::string::npos);
  d.open = false;
  EXPECT_NE(build_pidf("sip:a@b", d).find("<basic>closed</basic>"), std::string::npos);
}

TEST(Pidf, ReadsBaresipsAndKamailiosDocuments) {
  const char* baresip =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
 xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:1002@127.0.0.1:15060">
  <dm:person id="p4159"><rpid:activities/></dm:person>
  <tuple id="t4109"><status><basic>open</basic></status><contact>sip:1002@x</contact></tuple>
</presence>)";
  auto d = parse_pidf(baresip);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->open);
  EXPECT_EQ(d->activity, Presence::Available);
  // Other prefixes, on-the-phone, a note at the top level.
  auto p = parse_pidf(
      R"(<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:r="urn:ietf:params:xml:ns:pidf:rpid"
 xmlns:d="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:x@y"><p:tuple id="a"><p:status>
 <p:basic>closed</p:basic></p:status></p:tuple><p:tuple id="b"><p:status><p:basic>open</p:basic>
 </p:status></p:tuple><d:person id="x"><r:activities><r:on-the-phone/></r:activities></d:person>
 <p:note>calling</p:note></p:presence>)");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->open);
  EXPECT_TRUE(p->on_the_phone);
  EXPECT_EQ(p->activity, Presence::Busy);
  EXPECT_EQ(p->note, "calling");
}

TEST(Pidf, RefusesWhatIsNotPidf) {
  for (const char* bad : {"", "<presence", "<x xmlns='urn:other'/>", "not xml at all",
                          "<!DOCTYPE a [<!ENTITY b SYSTEM 'file:///etc/passwd'>]><a>&b;</a>"}) {
    auto r = parse_pidf(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code, core::ErrorCode::Protocol);
    }
  }
}

TEST(DialogInfo, ConfirmedIsOnACallEarlyAndTerminatedAreNot) {
  auto body = [](const char* state) {
    return std::string(
               R"(<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="2" state="full"
 entity="sip:1002@127.0.0.1"><dialog id="d1" direction="recipient"><state>)") +
           state + "</state></dialog></dialog-info>";
  };
  EXPECT_FALSE(*parse_dialog_info_on_call(body("early")));
  EXPECT_TRUE(*parse_dialog_info_on_call(body("confirmed")));
  EXPECT_FALSE(*parse_dialog_info_on_call(body("terminated")));
  EXPECT_FALSE(*parse_dialog_info_on_call(""));  // Kamailio's first NOTIFY
  EXPECT_FALSE(parse_dialog_info_on_call("<dialog-info"));
}

TEST(DialogInfo, VersionOrdersTheDocumentsOfASubscription) {
  EXPECT_EQ(dialog_info_version(
                R"(<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="7" state="full"
 entity="sip:1002@127.0.0.1"/>)"),
            7);
  EXPECT_EQ(dialog_info_version(""), std::nullopt);
  EXPECT_EQ(dialog_info_version(R"(<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"/>)"),
            std::nullopt);
  EXPECT_EQ(dialog_info_version(
                R"(<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="-1"/>)"),
            std::nullopt);
}

TEST(Reginfo, ActiveContactMeansRegistered) {
  const char* active =
      R"(<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="1" state="full">
<registration aor="sip:1002@127.0.0.1" id="a" state="active"><contact id="c" state="active"
 event="registered"><uri>sip:1002@127.0.0.1:5070</uri></contact></registration></reginfo>)";
  EXPECT_TRUE(*parse_reginfo_registered(active));
  const char* gone =
      R"(<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="2" state="full">
<registration aor="sip:1002@127.0.0.1" id="a" state="terminated"><contact id="c"
 state="terminated" event="expired"><uri>sip:1002@x</uri></contact></registration></reginfo>)";
  EXPECT_FALSE(*parse_reginfo_registered(gone));
  EXPECT_FALSE(*parse_reginfo_registered(""));
  EXPECT_FALSE(parse_reginfo_registered("<reginfo xmlns='urn:x'/>"));
}

}  // namespace
}  // namespace telpanel::sip
