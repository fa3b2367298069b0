// SPDX-License-Identifier: GPL-3.0-or-later
// Journal columns (JRN-6) and status names: parsing and bad input.
#include "core/journal_query.hpp"

#include <gtest/gtest.h>

#include "core/call_status.hpp"
#include "core/journal_table.hpp"

using namespace telpanel::core;

TEST(JournalColumns, ParsesAListInTheGivenOrder) {
  auto cols = parse_journal_columns("status, number,date");
  ASSERT_TRUE(cols) << cols.error().detail;
  EXPECT_EQ(*cols,
            (std::vector{JournalColumn::Status, JournalColumn::PhoneNumber, JournalColumn::Date}));
  EXPECT_EQ(
      default_journal_columns(),
      (std::vector{JournalColumn::Date, JournalColumn::WaitDuration, JournalColumn::TalkDuration,
                   JournalColumn::ClientName, JournalColumn::EmployeeName,
                   JournalColumn::PhoneNumber, JournalColumn::Status}));
  for (auto c :
       {JournalColumn::Date, JournalColumn::WaitDuration, JournalColumn::TalkDuration,
        JournalColumn::EmployeePosition, JournalColumn::ClientName, JournalColumn::EmployeeName,
        JournalColumn::PhoneNumber, JournalColumn::ResponsibleManager,
        JournalColumn::ResponsibleMatches, JournalColumn::Status})
    EXPECT_EQ(parse_journal_column(journal_column_name(c)), c);
}

TEST(JournalColumns, BadListsAreRefusedByName) {
  auto unknown = parse_journal_columns("date,colour");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().detail.find("unknown journal column 'colour'"), std::string::npos);
  auto twice = parse_journal_columns("date,date");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().detail.find("listed twice"), std::string::npos);
  EXPECT_FALSE(parse_journal_columns(""));
}

TEST(CallStatusNames, RoundTripAndRejectOthers) {
  for (auto s : {CallStatus::Accepted, CallStatus::Reached, CallStatus::NoAnswer, CallStatus::Lost,
                 CallStatus::Cancelled})
    EXPECT_EQ(parse_call_status(call_status_name(s)), s);
  EXPECT_EQ(std::string(call_status_name(CallStatus::NoAnswer)), "no_answer");
  EXPECT_FALSE(parse_call_status("missed"));
}

TEST(JournalTable, ColumnsInTheUsersOrderAndCsvQuoting) {
  JournalEntry e;
  e.direction = CallDirection::Incoming;
  e.remote_party = "sip:+79123456789@pbx";
  e.remote_number = "+79123456789";
  e.remote_display = "Petrov, \"Ivan\"\nLtd";
  e.started_at = Clock::from_time_t(1773126000);
  e.answered_at = e.started_at + std::chrono::seconds(4);
  e.ended_at = e.started_at + std::chrono::seconds(64);
  e.status = CallStatus::Accepted;
  JournalEntry formula = e;
  formula.remote_display = "=HYPERLINK(\"x\")";
  const auto table =
      journal_table({e, formula}, {JournalColumn::ClientName, JournalColumn::TalkDuration,
                                   JournalColumn::Status, JournalColumn::PhoneNumber});
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][1].number, 60.0);
  EXPECT_EQ(table_to_csv(table),
            "Client,\"Talk, s\",Status,Phone number\r\n"
            "\"Petrov, \"\"Ivan\"\"\nLtd\",60,accepted,+79123456789\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",60,accepted,+79123456789\r\n");
}

TEST(JournalTable, DirectoryClientAndTheReadersWords) {
  JournalEntry e;
  e.remote_number = "+79123456789";
  e.remote_display = "Caller ID name";
  e.status = CallStatus::Lost;
  const std::vector<JournalColumn> columns{JournalColumn::ClientName, JournalColumn::Status};
  EXPECT_EQ(journal_table({e}, columns).rows[0][0].text, "Caller ID name");
  e.client_id = 7;
  e.client_name = "ООО Ромашка";
  TableWords words;
  words.title = [](JournalColumn c) { return c == JournalColumn::Status ? "Статус" : "Клиент"; };
  words.status = [](const JournalEntry& x) { return x.status ? "Потерян" : ""; };
  const auto table = journal_table({e}, columns, words);
  EXPECT_EQ(table.header, (std::vector<std::string>{"Клиент", "Статус"}));
  EXPECT_EQ(table.rows[0][0].text, "ООО Ромашка");
  EXPECT_EQ(table.rows[0][1].text, "Потерян");
}
