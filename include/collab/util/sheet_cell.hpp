#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// What a spreadsheet cell holds, read from the text a document shows: the XLSX
// renderer writes dates and numbers as real cells, so a spreadsheet can sort, sum and
// filter them, and everything else as text.
enum class CellKind {
    text,
    date,     // YYYY-MM-DD
    datetime, // YYYY-MM-DD HH:MM
    number,   // 12, -3, 4.5
    percent,  // 85% (the number is 0.85)
};

struct SheetCell {
    CellKind kind = CellKind::text;
    double number = 0; // the value of a number or percent, the Excel serial of a date
};

// The cell for a text. A number with a leading zero ("007") or more than 15 digits
// stays text: a spreadsheet would drop the zero or round it. A date that does not exist
// (2026-02-30) stays text.
SheetCell classify_cell(std::string_view text);

// The Excel serial of a day (1900 date system, as Excel and WPS count it from 1900-03-01
// on): 2026-09-08 is 46273.
double excel_serial(int year, unsigned month, unsigned day);

// A column's width in characters for its widest cell: the display columns of its
// longest line (a CJK character counts two) plus two, at most k_max_column_width.
inline constexpr int k_max_column_width = 60;
int sheet_column_width(std::string_view text);

// Names for the worksheets of titles: Excel's rules (at most 31 characters, none of
// []:*?/\, not empty, no leading or trailing apostrophe, unique regardless of case),
// each as close to its title as they allow; a repeated name gets " (2)", " (3)". A title
// too long is cut at a word where it can be and ends with "…", so that the reader sees
// it was shortened.
std::vector<std::string> sheet_names(const std::vector<std::string>& titles);

} // namespace collab::util
