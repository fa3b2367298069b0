// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing address-book files for the client directory (DIR-2): vCard 2.1/3.0/4.0
// (vcard_reader.cpp, vcard_writer.cpp, by hand: see vcard_reader.cpp for why) and CSV with the
// columns documented in the README (csv_contacts.cpp, on libcsv). Pure functions on text; any
// thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/client_directory.hpp"
#include "core/result.hpp"

namespace telpanel::contacts {

/// Records to import (each with the line it starts on) and the parts of the file that could
/// not be read, by line. A bad record never hides the good ones around it.
struct ParsedContacts {
  std::vector<core::ImportRecord> records;
  std::vector<core::ImportProblem> problems;
};

ParsedContacts parse_vcards(std::string_view text);
/// vCard 3.0, one card per client: FN, ORG, EMAIL, NOTE, TEL (TYPE from the label); contact
/// persons as X-TELPANEL-CONTACT properties and their phones as TELs with an
/// X-TELPANEL-CONTACT parameter, which parse_vcards() reads back.
std::string write_vcards(const std::vector<core::Client>& clients);

/// Columns (header row required, any order, case-insensitive): name (required),
/// organization, contact, phone, phone2..., label, email, note. Delimiter ",", ";" or tab,
/// taken from the header row. One row per phone or contact person is fine: rows with the same
/// name and organization become one client (core::ClientDirectory::import).
ParsedContacts parse_csv(std::string_view text);
std::string write_csv(const std::vector<core::Client>& clients);

enum class ContactFormat { VCard, Csv };
/// By extension (.vcf/.vcard, .csv), else by content (BEGIN:VCARD); InvalidArgument otherwise.
core::Result<ContactFormat> detect_format(const std::string& path, std::string_view text);

}  // namespace telpanel::contacts
