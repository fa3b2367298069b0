// SPDX-License-Identifier: GPL-3.0-or-later
// vCard 2.1/3.0/4.0 quirks, CSV quirks, broken records reported by line with the good ones
// kept, and export -> import round trips.
#include "contacts/contact_files.hpp"

#include <gtest/gtest.h>

namespace telpanel::contacts {
namespace {

using core::ClientPhone;

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

std::string problems(const ParsedContacts& p) {
  std::string out;
  for (const auto& pr : p.problems) out += std::to_string(pr.line) + ": " + pr.message + "\n";
  return out;
}

TEST(VCardReaderTest, Version3FoldedQuotedPrintableEscapesAndSeveralTels) {
  const auto parsed = parse_vcards(crlf(
      "BEGIN:VCARD\n"
      "VERSION:3.0\n"
      "N:Petrov;Ivan;Sergeevich;Dr.;\n"
      "ORG:Romashka\\, LLC;Sales\n"
      "TEL;TYPE=WORK,VOICE:+7 (495) 123-45-67\n"
      "TEL;type=cell;type=pref:8 912 345\n"
      " -67-89\n"
      "EMAIL;TYPE=INTERNET:ivan@romashka.example\n"
      "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=D0=9F=D0=BE=D0=B7=D0=B2=D0=BE=D0=BD=D0=B8=\n"
      "=D1=82=D1=8C; call\\, then write\\nsecond line\n"
      "END:VCARD\n"));
  EXPECT_EQ(problems(parsed), "");
  ASSERT_EQ(parsed.records.size(), 1u);
  const auto& c = parsed.records[0].client;
  EXPECT_EQ(parsed.records[0].line, 1);
  EXPECT_EQ(c.name, "Dr. Ivan Sergeevich Petrov");
  EXPECT_EQ(c.organization, "Romashka, LLC, Sales");
  EXPECT_EQ(c.email, "ivan@romashka.example");
  EXPECT_EQ(c.note, "Позвонить; call, then write\nsecond line");
  EXPECT_EQ(c.phones, (std::vector<ClientPhone>{{"+7 (495) 123-45-67", "", "work"},
                                                {"8 912 345-67-89", "", "cell"}}));
}

TEST(VCardReaderTest, Version4UriTelsQuotedTypeListsAndGroups) {
  const auto parsed = parse_vcards(
      "BEGIN:VCARD\n"
      "VERSION:4.0\n"
      "FN:Anna Smith\n"
      "TEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-201-555-0123\n"
      "item1.TEL:+44 20 7946 0018\n"
      "item1.X-ABLabel:_$!<Office>!$_\n"
      "item2.TEL:+49 30 1234567\n"
      "ITEM2.X-ABLABEL:Berlin desk\n"
      "END:VCARD\n");
  EXPECT_EQ(problems(parsed), "");
  ASSERT_EQ(parsed.records.size(), 1u);
  EXPECT_EQ(parsed.records[0].client.name, "Anna Smith");
  EXPECT_EQ(parsed.records[0].client.phones,
            (std::vector<ClientPhone>{{"+1-201-555-0123", "", "home"},
                                      {"+44 20 7946 0018", "", "Office"},
                                      {"+49 30 1234567", "", "Berlin desk"}}));
}

TEST(VCardReaderTest, Version21BareParametersAndWindows1251) {
  // "Иван" in windows-1251, quoted-printable, as old phones export it.
  const auto parsed = parse_vcards(
      "BEGIN:VCARD\r\nVERSION:2.1\r\n"
      "N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:;=C8=E2=E0=ED;;;\r\n"
      "TEL;CELL;PREF:89123456789\r\nEND:VCARD\r\n");
  EXPECT_EQ(problems(parsed), "");
  ASSERT_EQ(parsed.records.size(), 1u);
  EXPECT_EQ(parsed.records[0].client.name, "Иван");
  EXPECT_EQ(parsed.records[0].client.phones,
            (std::vector<ClientPhone>{{"89123456789", "", "cell"}}));
}

TEST(VCardReaderTest, BrokenCardsAreReportedByLineAndTheRestKept) {
  const auto parsed = parse_vcards(
      "BEGIN:VCARD\n"           // 1
      "VERSION:3.0\n"           // 2
      "FN:Good One\n"           // 3
      "TEL:89121111111\n"       // 4
      "END:VCARD\n"             // 5
      "BEGIN:VCARD\n"           // 6
      "VERSION:3.0\n"           // 7
      "TEL:89122222222\n"       // 8: no name at all
      "END:VCARD\n"             // 9
      "garbage here\n"          // 10
      "BEGIN:VCARD\n"           // 11
      "VERSION:3.0\n"           // 12
      "FN:Broken line\n"        // 13
      "this has no colon\n"     // 14
      "END:VCARD\n"             // 15
      "BEGIN:VCARD\n"           // 16
      "VERSION:5.0\n"           // 17
      "FN:Future\n"             // 18
      "END:VCARD\n"             // 19
      "END:VCARD\n"             // 20
      "BEGIN:VCARD\n"           // 21
      "FN:Org only\n"           // 22: no END before the next BEGIN
      "BEGIN:VCARD\n"           // 23
      "ORG:Only An Org\n"       // 24
      "TEL:+7 912 333 33 33\n"  // 25
      "END:VCARD\n"             // 26
      "BEGIN:VCARD\n"           // 27
      "FN:Cut off\n");          // 28
  EXPECT_EQ(problems(parsed),
            "6: vCard without a name (FN, N or ORG)\n"
            "10: text outside a vCard: 'garbage here'\n"
            "14: not a vCard property line: 'this has no colon'\n"
            "17: vCard version '5.0' is not supported\n"
            "20: END:VCARD without BEGIN:VCARD\n"
            "21: BEGIN:VCARD without END:VCARD\n"
            "27: BEGIN:VCARD without END:VCARD\n");
  ASSERT_EQ(parsed.records.size(), 2u);
  EXPECT_EQ(parsed.records[0].line, 1);
  EXPECT_EQ(parsed.records[0].client.name, "Good One");
  EXPECT_EQ(parsed.records[1].line, 23);
  EXPECT_EQ(parsed.records[1].client.name, "Only An Org");
}

core::Client sample_client() {
  core::Client c;
  c.name = "ООО \"Ромашка\"; филиал, Москва";
  c.organization = "Ромашка";
  c.email = "office@romashka.example";
  c.note = "Line one\nline two, with \\ backslash";
  c.phones = {{"8 (495) 123-45-67", "", "work"}, {"+7 912 345 67 89", "", ""}};
  c.contacts = {{0,
                 "Ольга Петрова-Водкина с очень длинной фамилией для переноса строки",
                 "olga@romashka.example",
                 {{"+7 912 000 00 01", "", "cell"}}},
                {0, "Без телефона", "", {}}};
  return c;
}

TEST(VCardWriterTest, ExportReadsBackTheSame) {
  core::Client other;
  other.name = "Second";
  const auto text = write_vcards({sample_client(), other});
  for (std::size_t pos = 0; (pos = text.find("\r\n", pos)) != std::string::npos; pos += 2) {
    const auto start = text.rfind("\r\n", pos == 0 ? 0 : pos - 1);
    EXPECT_LE(pos - (start == std::string::npos ? 0 : start + 2), 75u) << "line not folded";
  }
  const auto parsed = parse_vcards(text);
  EXPECT_EQ(problems(parsed), "");
  ASSERT_EQ(parsed.records.size(), 2u);
  EXPECT_EQ(parsed.records[0].client, sample_client());
  EXPECT_EQ(parsed.records[1].client, other);
}

TEST(CsvContactsTest, QuotedFieldsSemicolonsBomAndLineNumbers) {
  const auto parsed = parse_csv(
      "\xEF\xBB\xBFName;Phone;Organization;Contact;Email;Note\r\n"         // 1
      "\"Ромашка; ООО\";8 912 111-11-11;Ромашка;;a@r.example;\"multi\r\n"  // 2
      "line note\"\r\n"                                                    // 3
      "Ромашка ООО;+7 912 222 22 22;Ромашка;Olga;olga@r.example;\r\n"      // 4
      "\r\n"                                                               // 5
      "Plain;89123333333;;;;\"he said \"\"hi\"\"\"\r\n");                  // 6
  EXPECT_EQ(problems(parsed), "");
  ASSERT_EQ(parsed.records.size(), 3u);
  EXPECT_EQ(parsed.records[0].line, 2);
  EXPECT_EQ(parsed.records[0].client.name, "Ромашка; ООО");
  EXPECT_EQ(parsed.records[0].client.note, "multi\r\nline note");
  EXPECT_EQ(parsed.records[0].client.phones,
            (std::vector<ClientPhone>{{"8 912 111-11-11", "", ""}}));
  EXPECT_EQ(parsed.records[1].line, 4);
  EXPECT_EQ(parsed.records[1].client.contacts,
            (std::vector<core::ContactPerson>{
                {0, "Olga", "olga@r.example", {{"+7 912 222 22 22", "", ""}}}}));
  EXPECT_EQ(parsed.records[2].line, 6);
  EXPECT_EQ(parsed.records[2].client.note, "he said \"hi\"");
}

TEST(CsvContactsTest, BadRowsAreReportedByLineAndGoodRowsKept) {
  const auto parsed = parse_csv(
      "name,phone,phone2,label,colour\n"          // 1: unknown column
      "Alpha,89121111111,89121111112,work,red\n"  // 2
      "Beta,89122222222,,,,extra,fields\n"        // 3: too many fields
      "Gamma\n"                                   // 4: short rows are fine
      "\"Delta,89124444444\n"                     // 5: unterminated quote swallows the rest
      "Epsilon,89125555555\n");
  EXPECT_EQ(problems(parsed),
            "5: unterminated quoted field\n"
            "1: unknown column 'colour' ignored\n"
            "3: 7 fields, but the header has 5\n");
  ASSERT_EQ(parsed.records.size(), 2u);
  EXPECT_EQ(parsed.records[0].line, 2);
  EXPECT_EQ(parsed.records[0].client.phones,
            (std::vector<ClientPhone>{{"89121111111", "", "work"}, {"89121111112", "", "work"}}));
  EXPECT_EQ(parsed.records[1].line, 4);
  EXPECT_EQ(parsed.records[1].client.name, "Gamma");
}

TEST(CsvContactsTest, HeaderWithoutNameIsRefused) {
  EXPECT_EQ(problems(parse_csv("phone,email\n891,\n")), "1: the header has no 'name' column\n");
  EXPECT_EQ(problems(parse_csv("")),
            "1: no header row (name, organization, contact, phone, ...)\n");
}

TEST(CsvContactsTest, ExportReadsBackAsTheSameClientsAfterMerging) {
  const auto text = write_csv({sample_client()});
  const auto parsed = parse_csv(text);
  EXPECT_EQ(problems(parsed), "");
  // Rows: two client phones, one contact with a phone, one contact without.
  ASSERT_EQ(parsed.records.size(), 4u);
  const auto& first = parsed.records[0].client;
  EXPECT_EQ(first.name, sample_client().name);
  EXPECT_EQ(first.note, sample_client().note);
  EXPECT_EQ(first.email, sample_client().email);
  EXPECT_EQ(parsed.records[1].client.phones[0].number, "+7 912 345 67 89");
  EXPECT_EQ(parsed.records[2].client.contacts[0].name, sample_client().contacts[0].name);
  EXPECT_EQ(parsed.records[2].client.contacts[0].email, "olga@romashka.example");
  EXPECT_EQ(parsed.records[3].client.contacts[0].name, "Без телефона");
  EXPECT_TRUE(parsed.records[3].client.contacts[0].phones.empty());
}

TEST(ContactFormatTest, ByExtensionThenContent) {
  EXPECT_EQ(*detect_format("/x/book.VCF", ""), ContactFormat::VCard);
  EXPECT_EQ(*detect_format("/x/book.csv", "BEGIN:VCARD"), ContactFormat::Csv);
  EXPECT_EQ(*detect_format("/x/book", "BEGIN:VCARD\r\n"), ContactFormat::VCard);
  EXPECT_EQ(*detect_format("/x/book", "\xEF\xBB\xBFname,phone\n"), ContactFormat::Csv);
  auto bad = detect_format("/x/book.txt", "hello");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().detail, "/x/book.txt: neither a vCard (.vcf) nor a CSV file (.csv)");
}

}  // namespace
}  // namespace telpanel::contacts
