// Lays out a page of `collab site` (util/site_page.hpp).
#include <algorithm>
#include <collab/util/print_document.hpp>
#include <collab/util/site_page.hpp>
#include <collab/util/text.hpp>
#include <fmt/format.h>

namespace collab::util {

namespace {

std::string site_text(std::string_view raw) {
    return xml_escape(printable(raw));
}

// The folders above a page: "people/li.html" is one down, "index.html" none.
std::size_t depth_of(std::string_view path) {
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
}

std::string root_of(std::string_view path) {
    std::string up;
    for (std::size_t i = 0; i < depth_of(path); ++i) {
        up += "../";
    }
    return up;
}

std::string site_cell_html(const SitePage& page, const SiteCellText& cell) {
    std::string inner = site_text(cell.text);
    if (!cell.href.empty()) {
        inner =
            fmt::format("<a href=\"{}\">{}</a>", site_text(site_href(page.path, cell.href)), inner);
    }
    if (!cell.note.empty()) {
        inner += "<br/><small>" + site_text(cell.note) + "</small>";
    }
    std::vector<std::string_view> classes;
    if (cell.number) {
        classes.emplace_back("num");
    }
    if (cell.late) {
        classes.emplace_back("late");
    }
    std::string open = "<td>";
    if (!classes.empty()) {
        open = fmt::format("<td class=\"{}\">", fmt::join(classes, " "));
    }
    return open + inner + "</td>";
}

void site_table_html(std::string& out, const SitePage& page, const SiteTableText& table) {
    out += table.id.empty() ? std::string("<section>\n")
                            : fmt::format("<section id=\"{}\">\n", site_text(table.id));
    out += "<h2>" + site_text(table.title) + "</h2>\n";
    if (table.rows.empty()) {
        out += "<p class=\"empty\">" + site_text(table.empty) + "</p>\n</section>\n";
        return;
    }
    out += "<table class=\"rows\">\n<thead><tr>";
    for (const auto& cell : table.header) {
        out += "<th scope=\"col\">" + site_text(cell) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < table.header.size(); ++i) {
            out += i < row.size() ? site_cell_html(page, row[i]) : std::string("<td></td>");
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</section>\n";
}

std::string site_nav_html(const SitePage& page) {
    std::string out = "<nav>";
    for (const auto& [label, path] : page.nav) {
        out += fmt::format("<a href=\"{}\">{}</a> ", site_text(site_href(page.path, path)),
                           site_text(label));
    }
    return out + "</nav>";
}

std::string site_body_html(const SitePage& page) {
    std::string out = "<header>\n<h1>" + site_text(page.title) + "</h1>\n";
    if (!page.head.empty()) {
        out += "<table class=\"fields\">\n";
        for (const auto& [label, value] : page.head) {
            out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", site_text(label),
                               site_text(value));
        }
        out += "</table>\n";
    }
    out += "</header>\n" + page.html;
    for (const auto& table : page.tables) {
        site_table_html(out, page, table);
    }
    return out;
}

} // namespace

std::string site_href(std::string_view from, std::string_view to) {
    // Both are paths in the site of at most one folder: go up to the root, then down,
    // unless both are in the same folder.
    const auto folder = [](std::string_view path) {
        const auto slash = path.rfind('/');
        return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
    };
    if (!folder(from).empty() && folder(from) == folder(to)) {
        return std::string(to.substr(folder(to).size()));
    }
    return root_of(from) + std::string(to);
}

std::string render_site_page(const SitePage& page, std::string_view layout) {
    return fill_page(layout, {
                                 {"{{lang}}", site_text(page.lang)},
                                 {"{{title}}", site_text(page.title)},
                                 {"{{root}}", root_of(page.path)},
                                 {"{{nav}}", site_nav_html(page)},
                                 {"{{body}}", site_body_html(page)},
                                 {"{{footer}}", site_text(page.footer)},
                             });
}

} // namespace collab::util
