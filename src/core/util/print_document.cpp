// Renders a PrintDocument (util/print_document.hpp) as Markdown, CSV or HTML.
#include <algorithm>
#include <collab/util/print_document.hpp>
#include <collab/util/text.hpp>
#include <fmt/format.h>

namespace collab::util {

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        }
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            continue;
        }
        out += text[i];
    }
    return out;
}

namespace print_parts {

// --- Markdown ---

// A cell of a pipe table: one line, `|` escaped, and `<`, `&` as entities so that a
// value is never taken for inline HTML.
std::string md_cell(std::string_view raw) {
    std::string out;
    const auto text = trim(printable(raw));
    for (const char c : text) {
        switch (c) {
        case '|':
            out += "\\|";
            break;
        case '\n':
            out += "<br>";
            break;
        case '<':
            out += "&lt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            out += c;
        }
    }
    return out.empty() ? " " : out;
}

// Headings and notes: one line of text.
std::string md_line(std::string_view raw) {
    auto out = md_cell(raw);
    for (std::size_t at = out.find("<br>"); at != std::string::npos; at = out.find("<br>", at)) {
        out.replace(at, 4, " ");
    }
    return out;
}

bool is_numeric(const std::vector<bool>& numeric, std::size_t column) {
    return column < numeric.size() && numeric[column];
}

void md_table(std::string& out, const std::vector<std::string>& header,
              const std::vector<std::vector<std::string>>& rows,
              const std::vector<bool>& numeric = {}) {
    const auto line = [&](const std::vector<std::string>& cells) {
        out += "|";
        for (std::size_t i = 0; i < header.size(); ++i) {
            out += " " + md_cell(i < cells.size() ? cells[i] : std::string()) + " |";
        }
        out += "\n";
    };
    line(header);
    out += "|";
    for (std::size_t i = 0; i < header.size(); ++i) {
        out += is_numeric(numeric, i) ? " ---: |" : " --- |";
    }
    out += "\n";
    for (const auto& row : rows) {
        line(row);
    }
    out += "\n";
}

void md_fields(std::string& out, const PrintDocument& doc, const std::vector<PrintField>& fields) {
    if (fields.empty()) {
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [label, value] : fields) {
        rows.push_back({label, value});
    }
    md_table(out, {doc.field_heading, doc.value_heading}, rows);
}

// --- CSV ---

std::string csv_cell(std::string_view raw) {
    auto text = printable(raw);
    const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '@' ||
                                           (text[0] == '-' && text.size() > 1));
    if (formula) {
        text.insert(0, "'");
    }
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

void csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += (i == 0 ? "" : ",") + csv_cell(cells[i]);
    }
    out += "\r\n";
}

void csv_fields(std::string& out, const std::vector<PrintField>& fields) {
    for (const auto& [label, value] : fields) {
        csv_row(out, {label, value});
    }
}

// --- HTML ---

std::string html_text(std::string_view raw) {
    return xml_escape(printable(raw));
}

void html_fields(std::string& out, const std::vector<PrintField>& fields) {
    if (fields.empty()) {
        return;
    }
    out += "<table class=\"fields\">\n";
    for (const auto& [label, value] : fields) {
        out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", html_text(label),
                           html_text(value));
    }
    out += "</table>\n";
}

void html_table(std::string& out, const PrintSection& section) {
    out += "<table class=\"rows\">\n<thead><tr>";
    for (const auto& cell : section.header) {
        out += "<th scope=\"col\">" + html_text(cell) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : section.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < section.header.size(); ++i) {
            out += (is_numeric(section.numeric, i) ? "<td class=\"num\">" : "<td>") +
                   html_text(i < row.size() ? row[i] : std::string()) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

std::string html_body(const PrintDocument& doc) {
    std::string out = "<header>\n<h1>" + html_text(doc.title) + "</h1>\n";
    html_fields(out, doc.head);
    out += "</header>\n";
    for (const auto& section : doc.sections) {
        out += section.new_page ? "<section class=\"new-page\">\n" : "<section>\n";
        out += "<h2>" + html_text(section.title) + "</h2>\n";
        html_fields(out, section.fields);
        if (!section.header.empty() && !section.rows.empty()) {
            html_table(out, section);
        }
        if (!section.svg.empty()) {
            out += "<figure>\n" + section.svg + "</figure>\n";
        }
        if (!section.note.empty()) {
            out += "<p class=\"note\">" + html_text(section.note) + "</p>\n";
        }
        out += "</section>\n";
    }
    return out;
}

} // namespace print_parts

std::string render_markdown(const PrintDocument& doc) {
    std::string out = "# " + print_parts::md_line(doc.title) + "\n\n";
    print_parts::md_fields(out, doc, doc.head);
    for (const auto& section : doc.sections) {
        out += "## " + print_parts::md_line(section.title) + "\n\n";
        print_parts::md_fields(out, doc, section.fields);
        if (!section.header.empty() && !section.rows.empty()) {
            print_parts::md_table(out, section.header, section.rows, section.numeric);
        }
        if (!section.note.empty()) {
            out += "> " + print_parts::md_line(section.note) + "\n\n";
        }
    }
    if (!doc.footer.empty()) {
        out += "---\n\n" + print_parts::md_line(doc.footer) + "\n";
    }
    return out;
}

std::string render_csv(const PrintDocument& doc) {
    std::string out = "\xEF\xBB\xBF";
    print_parts::csv_row(out, {doc.title});
    print_parts::csv_fields(out, doc.head);
    for (const auto& section : doc.sections) {
        out += "\r\n";
        print_parts::csv_row(out, {section.title});
        print_parts::csv_fields(out, section.fields);
        if (!section.header.empty() && !section.rows.empty()) {
            print_parts::csv_row(out, section.header);
            for (const auto& row : section.rows) {
                print_parts::csv_row(out, row);
            }
        }
        if (!section.note.empty()) {
            print_parts::csv_row(out, {section.note});
        }
    }
    return out;
}

std::string render_html_body(const PrintDocument& doc) {
    return print_parts::html_body(doc);
}

std::string fill_page(std::string_view page,
                      const std::vector<std::pair<std::string_view, std::string>>& values) {
    std::string out;
    std::size_t at = 0;
    while (at < page.size()) {
        const auto open = page.find("{{", at);
        if (open == std::string_view::npos) {
            break;
        }
        out += page.substr(at, open - at);
        bool replaced = false;
        for (const auto& [name, text] : values) {
            if (page.substr(open, name.size()) == name) {
                out += text;
                at = open + name.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += "{{";
            at = open + 2;
        }
    }
    out += page.substr(std::min(at, page.size()));
    return out;
}

std::string render_html(const PrintDocument& doc, std::string_view page) {
    return fill_page(page, {
                               {"{{lang}}", print_parts::html_text(doc.lang)},
                               {"{{title}}", print_parts::html_text(doc.title)},
                               {"{{body}}", print_parts::html_body(doc)},
                               {"{{footer}}", print_parts::html_text(doc.footer)},
                           });
}

} // namespace collab::util
