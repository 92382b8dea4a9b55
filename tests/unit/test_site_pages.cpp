// The site's pure parts: page models (rules/site_pages), their layout
// (util/site_page), bar charts (util/bar_chart_svg), and Markdown/HTML numbers.
#include "fixtures.hpp"

#include <collab/rules/request_digest.hpp>
#include <collab/rules/site_pages.hpp>
#include <collab/util/bar_chart_svg.hpp>
#include <collab/util/print_document.hpp>
#include <collab/util/site_page.hpp>
#include <doctest/doctest.h>

namespace test_site_pages {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

// A request submitted to li on 2026-07-01 10:00: li's review is due two working days
// later (2026-07-03 18:00).
model::Request submitted(const std::string& id) {
    auto r = fixtures::request(fixtures::k_one_department_form, id);
    add_event(r, 1, "2026-07-01T09:00", r.form.initiator, "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", r.form.initiator, "submit", hash(r), "to: li");
    return r;
}

const SiteTable* table_titled(const SitePageModel& page, const std::string& text,
                              i18n::Language lang = i18n::Language::en) {
    for (const auto& table : page.tables) {
        if (form_text(table.title, lang) == text) {
            return &table;
        }
    }
    return nullptr;
}

} // namespace

TEST_SUITE("collab::rules::site_pages") {

    TEST_CASE("page paths: the contract, and no unsafe name ever becomes a path") {
        CHECK(site_page_path({SiteLink::Kind::request, "R-7KQ2XM"}) == "requests/R-7KQ2XM.html");
        CHECK(site_page_path({SiteLink::Kind::person, "li"}) == "people/li.html");
        CHECK_FALSE(site_page_path({SiteLink::Kind::none, "li"}));
        for (const char* bad :
             {"", "..", ".", "../x", "a/b", "a\\b", ".hidden", "x.", "a b", "é", "a\nb"}) {
            CAPTURE(bad);
            CHECK_FALSE(safe_site_name(bad));
            CHECK_FALSE(site_page_path({SiteLink::Kind::person, bad}));
        }
        CHECK_FALSE(safe_site_name(std::string(65, 'a')));
        CHECK(safe_site_name("zhang.min_2"));
    }

    TEST_CASE("overview: each department's late steps first, findings, people, requests") {
        const fixtures::World world;
        // 2026-07-06 is a Monday: li's review of both is one working day late.
        const auto context = world.at("2026-07-06 10:00");
        const auto late = digest_request(submitted("R-AAAAAA"), context);
        const auto page = overview_page({late}, context);
        CHECK(form_text(page.title, i18n::Language::en) == "Overview");
        const auto* cs = table_titled(page, "客服部: waiting to act");
        REQUIRE(cs != nullptr);
        // li, and chen, li's delegate, for li.
        REQUIRE(cs->rows.size() == 2);
        const auto& row = cs->rows.front();
        REQUIRE(cs->rows[1][3].note);
        CHECK(form_text(*cs->rows[1][3].note, i18n::Language::en) == "(for 李华 (li))");
        CHECK(form_text(row[0].text, i18n::Language::en) == "李华 (li)");
        CHECK(site_page_path(row[0].link) == "people/li.html");
        CHECK(site_page_path(row[1].link) == "requests/R-AAAAAA.html");
        CHECK(row[3].late);
        CHECK(form_text(row[4].text, i18n::Language::en) ==
              "was due 2026-07-03 18:00: 1 working day late");
        // check's finding on li sits under li's department.
        const auto* findings = table_titled(page, "客服部: late or wrong");
        REQUIRE(findings != nullptr);
        CHECK(form_text(findings->rows.front()[2].text, i18n::Language::en) == "review.overdue");
        const auto* people = table_titled(page, "People");
        REQUIRE(people != nullptr);
        CHECK(people->rows.size() == world.roster.people().size());
        CHECK(people->rows.front()[2].number);
        const auto* requests = table_titled(page, "Requests");
        REQUIRE(requests != nullptr);
        CHECK(form_text(requests->rows.front()[2].text, i18n::Language::zh) == "待初审");
        // Chinese: the same table in the catalog's words.
        CHECK(table_titled(page, "客服部：待处理", i18n::Language::zh) != nullptr);
    }

    TEST_CASE("person page: the inbox, overdue first; nothing waiting says so") {
        const fixtures::World world;
        const auto context = world.at("2026-07-02 10:00");
        const auto on_time = digest_request(submitted("R-BBBBBB"), context);
        auto earlier = submitted("R-CCCCCC");
        earlier.events[0].at = *time::parse_timestamp("2026-06-26 09:00", world.zone);
        earlier.events[1].at = *time::parse_timestamp("2026-06-26 10:00", world.zone);
        const auto overdue = digest_request(earlier, context);
        const auto page = person_page("li", {on_time, overdue}, context);
        REQUIRE(page.tables.size() == 1);
        const auto& rows = page.tables.front().rows;
        REQUIRE(rows.size() == 2);
        CHECK(form_text(rows[0][0].text, i18n::Language::en) == "R-CCCCCC");
        CHECK(rows[0][0].late);
        CHECK_FALSE(rows[1][0].late);
        const auto nobody = person_page("sun", {on_time}, context);
        CHECK(nobody.tables.front().rows.empty());
        CHECK(form_text(nobody.tables.front().empty, i18n::Language::en) == "Nothing waiting.");
    }
}

TEST_SUITE("collab::util::site_page") {

    TEST_CASE("links are relative to the page, texts escaped") {
        CHECK(util::site_href("index.html", "people/li.html") == "people/li.html");
        CHECK(util::site_href("people/li.html", "requests/R-1.html") == "../requests/R-1.html");
        CHECK(util::site_href("people/li.html", "people/wang.html") == "wang.html");
        CHECK(util::site_href("requests/R-1.html", "index.html") == "../index.html");
        util::SitePage page;
        page.lang = "en";
        page.path = "people/li.html";
        page.title = "Inbox <li>";
        page.nav = {{"Overview", "index.html"}};
        util::SiteTableText table;
        table.title = "Steps";
        table.header = {"Request", "Count"};
        table.rows = {{{"R-1", "requests/R-1.html", "", false, true}, {"3", "", "", true, false}}};
        page.tables.push_back(table);
        page.tables.push_back({"none", "Empty", {"A"}, {}, "Nothing here."});
        const auto html = util::render_site_page(
            page, "<html lang=\"{{lang}}\"><link href=\"{{root}}site.css\"/>{{nav}}{{body}}"
                  "<footer>{{footer}}</footer>{{unknown}}</html>");
        CHECK(html.find("href=\"../site.css\"") != std::string::npos);
        CHECK(html.find("<a href=\"../index.html\">Overview</a>") != std::string::npos);
        CHECK(html.find("<h1>Inbox &lt;li&gt;</h1>") != std::string::npos);
        CHECK(html.find("<td class=\"late\"><a href=\"../requests/R-1.html\">R-1</a></td>") !=
              std::string::npos);
        CHECK(html.find("<td class=\"num\">3</td>") != std::string::npos);
        CHECK(html.find("<section id=\"none\">\n<h2>Empty</h2>\n<p class=\"empty\">Nothing "
                        "here.</p>") != std::string::npos);
        CHECK(html.find("{{unknown}}") != std::string::npos);
    }
}

TEST_SUITE("collab::util::bar_chart_svg") {

    TEST_CASE("bars scale to the full scale, texts escaped, no script or style") {
        util::BarChart chart;
        chart.id = "chart-shares";
        chart.title = "Shares <%>";
        chart.max = 100;
        chart.bars = {
            {"On time", 50, "50%"}, {"First pass & more", 100, "100%"}, {"Below", -3, "-3"}};
        const auto svg = util::bar_chart_svg(chart);
        CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-shares\"", 0) == 0);
        CHECK(svg.find("<title>Shares &lt;%&gt;</title>") != std::string::npos);
        CHECK(svg.find("First pass &amp; more") != std::string::npos);
        // The bar area is 320 px: half of it, all of it, none of it.
        CHECK(svg.find("width=\"160\" height=\"16\" fill=\"#4a7fd4\"") != std::string::npos);
        CHECK(svg.find("width=\"320\" height=\"16\" fill=\"#4a7fd4\"") != std::string::npos);
        CHECK(svg.find("width=\"0\" height=\"16\" fill=\"#4a7fd4\"") != std::string::npos);
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find("<style") == std::string::npos);
        CHECK(svg.find("<?xml") == std::string::npos);
    }

    TEST_CASE("without a full scale the largest bar fills it; all zero draws empty bars") {
        util::BarChart chart;
        chart.bars = {{"a", 2, "2"}, {"b", 8, "8"}};
        CHECK(util::bar_chart_svg(chart).find("width=\"80\" height=\"16\" fill=\"#4a7fd4\"") !=
              std::string::npos);
        chart.bars = {{"a", 0, "0"}};
        CHECK(util::bar_chart_svg(chart).find("width=\"0\" height=\"16\" fill=\"#4a7fd4\"") !=
              std::string::npos);
    }

    TEST_CASE("an SVG document as an element: the XML declaration dropped") {
        CHECK(util::svg_element("<?xml version=\"1.0\"?>\n<svg a=\"1\"/>") == "<svg a=\"1\"/>");
        CHECK(util::svg_element("<svg/>") == "<svg/>");
    }
}

TEST_SUITE("collab::util::print_document numbers") {

    TEST_CASE("numeric columns: right-aligned in Markdown, class num in HTML, charts in HTML") {
        util::PrintDocument doc;
        doc.title = "Stats";
        util::PrintSection section;
        section.title = "Figures";
        section.header = {"Metric", "Value"};
        section.numeric = {false, true};
        section.rows = {{"Requests", "3"}};
        section.svg = "<svg id=\"c\"></svg>";
        doc.sections.push_back(section);
        const auto md = util::render_markdown(doc);
        CHECK(md.find("| Metric | Value |\n| --- | ---: |\n| Requests | 3 |\n") !=
              std::string::npos);
        CHECK(md.find("<svg") == std::string::npos);
        const auto html = util::render_html_body(doc);
        CHECK(html.find("<tr><td>Requests</td><td class=\"num\">3</td></tr>") != std::string::npos);
        CHECK(html.find("<figure>\n<svg id=\"c\"></svg></figure>") != std::string::npos);
    }
}

} // namespace test_site_pages
