#pragma once

#include "cli/session.hpp"

#include <collab/util/print_document.hpp>
#include <string>

namespace collab::cli {

// Writes `doc` as an XLSX workbook to `output` (-o, relative to -C): a first worksheet
// with the title and the head's fields (and the footer), then one worksheet per section
// named after its title: its title, its fields, its table with the header row bold and
// frozen, its note. Dates, date-times, numbers and percents (util::classify_cell) are
// real cells with a number format; columns are as wide as their widest field or table
// cell (CJK characters count two). A workbook is binary: without -o it is a usage error
// (exit 2). The file appears whole or not at all.
void write_xlsx_output(Session& session, const util::PrintDocument& doc, const std::string& output);

} // namespace collab::cli
