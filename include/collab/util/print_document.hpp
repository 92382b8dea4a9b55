#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collab::util {

// A document of labelled fields and tables, already in words: what `collab export
// --form` renders as Markdown, HTML or CSV.
using PrintField = std::pair<std::string, std::string>; // label, value

struct PrintSection {
    std::string title;
    std::vector<PrintField> fields;
    std::vector<std::string> header; // a table's header, empty for none
    std::vector<std::vector<std::string>> rows;
    // Which columns of the table hold numbers: right-aligned in Markdown (`---:`),
    // <td class="num"> in HTML. Shorter than the header: the rest are text.
    std::vector<bool> numeric;
    std::string note;
    // A chart drawn by collab (util/bar_chart_svg), an <svg> element shown in HTML only:
    // markup, never escaped, so never a record's text.
    std::string svg;
    bool new_page = false; // starts another record: a page of its own when printed
};

struct PrintDocument {
    std::string lang; // the HTML language tag: "en", "zh-CN"
    std::string title;
    std::vector<PrintField> head;
    std::vector<PrintSection> sections;
    // The header of a table of fields (Markdown tables need one): "Field", "Value".
    std::string field_heading;
    std::string value_heading;
    std::string footer;
};

// GitHub/GitLab Markdown: a heading per section, pipe tables (a `|` in a cell escaped,
// line breaks as <br>), notes as quotes.
std::string render_markdown(const PrintDocument& doc);

// CSV for Excel and WPS: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends,
// one block of rows per section. A cell that a spreadsheet would take for a formula
// (=, +, @, or - followed by more) gets a leading apostrophe.
std::string render_csv(const PrintDocument& doc);

// A standalone HTML page: `page` is the skeleton with {{lang}}, {{title}}, {{body}} and
// {{footer}}, each replaced once, in one pass (a value that contains a placeholder
// stays as written). Every text is escaped.
std::string render_html(const PrintDocument& doc, std::string_view page);

// The page's body alone (a <header> with the title and head, a <section> per section),
// for a page that holds several documents (`collab site`).
std::string render_html_body(const PrintDocument& doc);

// Replaces each {{name}} of `page` by its value, once, in one pass: a value that holds a
// placeholder stays as written, an unknown placeholder stays in the page.
std::string fill_page(std::string_view page,
                      const std::vector<std::pair<std::string_view, std::string>>& values);

// The text without control characters a terminal or a spreadsheet would act on (line
// breaks and tabs stay; CRLF becomes LF).
std::string printable(std::string_view text);

} // namespace collab::util
