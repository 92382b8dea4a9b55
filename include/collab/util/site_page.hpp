#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collab::util {

// A page of `collab site`, already in words: tables whose cells may link to other
// pages of the site, and markup collab drew (forms, charts). Laid out by
// render_site_page into the site's page template.

struct SiteCellText {
    std::string text;
    std::string href; // a page's path in the site ("requests/R-7KQ2XM.html"); empty: none
    std::string note; // a second line, smaller
    bool number = false;
    bool late = false;
};

struct SiteTableText {
    std::string id; // the section's HTML id; empty for none
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<SiteCellText>> rows;
    std::string empty; // shown instead of a table without rows
};

struct SitePage {
    std::string lang;  // the HTML language tag: "en", "zh-CN"
    std::string path;  // the page's own path in the site: "index.html", "people/li.html"
    std::string title; // <title> and <h1>
    std::vector<std::pair<std::string, std::string>> nav;  // label, path in the site
    std::vector<std::pair<std::string, std::string>> head; // label, value under the title
    std::vector<SiteTableText> tables;
    // Body before the tables: markup collab made (util/print_document's HTML
    // body, util/gantt_svg, util/bar_chart_svg), never a record's text unescaped.
    std::string html;
    std::string footer;
};

// `to`, a path in the site, as a link from the page at `from`: "../requests/R-1.html"
// from "people/li.html". Relative, so the site works from any folder and from disk.
std::string site_href(std::string_view from, std::string_view to);

// The page: `layout` is the template with {{lang}}, {{title}}, {{root}} (the way up to
// the site's root: "" or "../", for the style sheet), {{nav}}, {{body}} and {{footer}},
// each replaced once. Every text is escaped; a number cell is <td class="num">, a late
// row's cells class "late".
std::string render_site_page(const SitePage& page, std::string_view layout);

} // namespace collab::util
