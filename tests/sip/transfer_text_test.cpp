// SPDX-License-Identifier: GPL-3.0-or-later
// Replaces in Refer-To and sipfrag parsing: the transfer text Sofia does not build for us.
#include "sip/transfer_text.hpp"

#include <gtest/gtest.h>

namespace telpanel::sip {
namespace {

TEST(TransferText, ReplacesIsCallIdThenTheTargetsTagThenOurs) {
  EXPECT_EQ(replaces_value("abc@host", "their", "ours"), "abc@host;to-tag=their;from-tag=ours");
}

TEST(TransferText, ReferToEscapesReplacesLikeRfc3891Example) {
  // RFC 3891 §7 / baresip: ?Replaces=<callid>%3Bto-tag%3D<remote>%3Bfrom-tag%3D<local>.
  EXPECT_EQ(refer_to_with_replaces("sip:1003@127.0.0.1:5060", "425928@bobster.example.org", "7743",
                                   "6472"),
            "<sip:1003@127.0.0.1:5060?Replaces=425928%40bobster.example.org%3Bto-tag%3D7743%3B"
            "from-tag%3D6472>");
}

TEST(TransferText, ReferToKeepsUriParametersAndExistingHeaders) {
  EXPECT_EQ(refer_to_with_replaces("<sip:c@h;transport=tcp>", "i", "t", "f"),
            "<sip:c@h;transport=tcp?Replaces=i%3Bto-tag%3Dt%3Bfrom-tag%3Df>");
  EXPECT_EQ(refer_to_with_replaces("sip:c@h?X=1", "i", "t", "f"),
            "<sip:c@h?X=1&Replaces=i%3Bto-tag%3Dt%3Bfrom-tag%3Df>");
}

TEST(TransferText, EscapingCoversEveryUnsafeCharacterAndRoundTrips) {
  const std::string raw = "a;b=c&d%e@f g\"h<i>j,k";
  const std::string escaped = escape_uri_header_value(raw);
  EXPECT_EQ(escaped, "a%3Bb%3Dc%26d%25e%40f%20g%22h%3Ci%3Ej%2Ck");
  EXPECT_EQ(unescape_uri(escaped), raw);
  EXPECT_EQ(escape_uri_header_value("AZaz09-_.!~*'()[]/?:+$"), "AZaz09-_.!~*'()[]/?:+$");
}

TEST(TransferText, UnescapeKeepsMalformedEscapes) {
  EXPECT_EQ(unescape_uri("100%"), "100%");
  EXPECT_EQ(unescape_uri("%zz%4"), "%zz%4");
  EXPECT_EQ(unescape_uri("%3b%3D"), ";=");
}

TEST(TransferText, UriHeaderFindsReplacesCaseInsensitively) {
  EXPECT_EQ(uri_header("replaces=i%3Bto-tag%3Dt%3Bfrom-tag%3Df", "Replaces"),
            "i;to-tag=t;from-tag=f");
  EXPECT_EQ(uri_header("X=1&Replaces=abc&Y=2", "replaces"), "abc");
  EXPECT_FALSE(uri_header("X=1&Y=2", "Replaces"));
  EXPECT_FALSE(uri_header("", "Replaces"));
}

TEST(TransferText, SipfragStatusLine) {
  auto ok = parse_sipfrag("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->phrase, "OK");
  auto trying = parse_sipfrag("SIP/2.0 100 Trying");
  ASSERT_TRUE(trying);
  EXPECT_EQ(trying->status, 100);
  EXPECT_EQ(trying->phrase, "Trying");
  auto busy = parse_sipfrag("SIP/2.0 486 Busy Here\n");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 486);
  EXPECT_EQ(busy->phrase, "Busy Here");
}

TEST(TransferText, SipfragRejectsWhatIsNotAStatusLine) {
  EXPECT_FALSE(parse_sipfrag(""));
  EXPECT_FALSE(parse_sipfrag("INVITE sip:a@b SIP/2.0"));
  EXPECT_FALSE(parse_sipfrag("SIP/2.0 2x0 OK"));
  EXPECT_FALSE(parse_sipfrag("SIP/2.0 099 Low"));
  EXPECT_FALSE(parse_sipfrag("SIP/2.0 2000 OK"));
}

}  // namespace
}  // namespace telpanel::sip
