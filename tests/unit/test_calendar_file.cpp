// Reading calendar files: inline YAML in, a CalendarYear or whole diagnostics out,
// plus the shipped 2026 template checked against the State Council's dates.
#include <collab/time/calendar_file.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

namespace test_calendar_file {

namespace {

using namespace collab;
using namespace collab::time;
using namespace date::literals;

struct Read {
    std::optional<CalendarYear> calendar;
    std::vector<std::string> diagnostics; // rendered in English
};

Read read(const std::string& text, const std::string& path = "cal.yaml") {
    Diagnostics out;
    const auto root = yaml::parse(text, path, out);
    REQUIRE(root.has_value());
    REQUIRE(out.empty());
    Read result;
    result.calendar = read_calendar_year(*root, path, out);
    for (const auto& item : out.items()) {
        result.diagnostics.push_back(format_diagnostic(i18n::Language::en, item));
    }
    return result;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_SUITE("collab::time") {

    TEST_CASE("read_calendar_year reads a well-formed file") {
        const auto result = read("year: 2026\n"
                                 "region: CN\n"
                                 "holidays:\n"
                                 "  - name: 国庆节 National Day\n"
                                 "    from: 2026-10-01\n"
                                 "    to: 2026-10-07\n"
                                 "    workdays: [2026-09-20, 2026-10-10]\n"
                                 "  - name: 清明节 Qingming Festival\n"
                                 "    from: 2026-04-04\n"
                                 "    to: 2026-04-06\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        const CalendarYear& calendar = *result.calendar;
        CHECK(calendar.year == 2026);
        CHECK(calendar.region == "CN");
        CHECK(calendar.path == "cal.yaml");
        REQUIRE(calendar.holidays.size() == 2);
        CHECK(calendar.holidays[0].name == "国庆节 National Day");
        CHECK(calendar.holidays[0].from == 2026_y / 10 / 1);
        CHECK(calendar.holidays[0].to == 2026_y / 10 / 7);
        CHECK(calendar.holidays[0].workdays ==
              std::vector<Date>{2026_y / 9 / 20, 2026_y / 10 / 10});
        CHECK(calendar.holidays[1].workdays.empty());
    }

    TEST_CASE("workdays may be one date, an empty list or empty") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: A\n"
                                 "    from: 2026-01-01\n"
                                 "    to: 2026-01-03\n"
                                 "    workdays: 2026-01-04\n"
                                 "  - name: B\n"
                                 "    from: 2026-06-19\n"
                                 "    to: 2026-06-21\n"
                                 "    workdays: []\n"
                                 "  - name: C\n"
                                 "    from: 2026-09-25\n"
                                 "    to: 2026-09-27\n"
                                 "    workdays:\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        REQUIRE(result.calendar->holidays.size() == 3);
        CHECK(result.calendar->holidays[0].workdays == std::vector<Date>{2026_y / 1 / 4});
        CHECK(result.calendar->holidays[1].workdays.empty());
        CHECK(result.calendar->holidays[2].workdays.empty());
        CHECK(result.calendar->region.empty());
    }

    TEST_CASE("a year without holidays is an empty list") {
        const auto result = read("year: 2026\nholidays: []\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        CHECK(result.calendar->holidays.empty());
    }

    TEST_CASE("a date that is not a date") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: X\n"
                                 "    from: 2026-13-01\n"
                                 "    to: 2026-10-07\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(result.diagnostics ==
              Lines{"cal.yaml:4:11: error: '2026-13-01' is not a date; write YYYY-MM-DD"});
    }

    TEST_CASE("dates must be written in full and be real") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: X\n"
                                 "    from: 2026-2-28\n"
                                 "    to: 2026-02-29\n"
                                 "    workdays: [[2026-02-14]]\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(result.diagnostics ==
              Lines{"cal.yaml:4:11: error: '2026-2-28' is not a date; write YYYY-MM-DD",
                    "cal.yaml:5:9: error: '2026-02-29' is not a date; write YYYY-MM-DD",
                    "cal.yaml:6:16: error: expected a date (YYYY-MM-DD) here"});
    }

    TEST_CASE("every date must be in the file's year") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: 元旦 New Year's Day\n"
                                 "    from: 2026-12-31\n"
                                 "    to: 2027-01-02\n"
                                 "    workdays: [2026-12-27, 2027-01-04]\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(
            result.diagnostics ==
            Lines{"cal.yaml:5:9: error: 2027-01-02 is not in 2026, the year of this file; a "
                  "holiday that spans New Year goes in both years' files, each with its own days",
                  "cal.yaml:6:28: error: 2027-01-04 is not in 2026, the year of this file; a "
                  "holiday that spans New Year goes in both years' files, each with its own days"});
    }

    TEST_CASE("a holiday must not end before it starts") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: 国庆节 National Day\n"
                                 "    from: 2026-10-07\n"
                                 "    to: 2026-10-01\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(result.diagnostics == Lines{"cal.yaml:5:9: error: the holiday ends (2026-10-01) "
                                          "before it starts (2026-10-07)"});
    }

    TEST_CASE("a make-up day inside a holiday is an error") {
        // Oct 3 is inside its own holiday; Oct 4 (listed under Mid-Autumn) inside another.
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: 中秋节 Mid-Autumn Festival\n"
                                 "    from: 2026-09-25\n"
                                 "    to: 2026-09-27\n"
                                 "    workdays: [2026-10-04]\n"
                                 "  - name: 国庆节 National Day\n"
                                 "    from: 2026-10-01\n"
                                 "    to: 2026-10-07\n"
                                 "    workdays: [2026-09-20, 2026-10-03]\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(
            result.diagnostics ==
            Lines{"cal.yaml:6:16: error: make-up day 2026-10-04 falls inside 国庆节 National Day "
                  "(2026-10-01 to 2026-10-07); a day cannot be both off and worked",
                  "cal.yaml:10:28: error: make-up day 2026-10-03 falls inside 国庆节 National Day "
                  "(2026-10-01 to 2026-10-07); a day cannot be both off and worked"});
    }

    TEST_CASE("a make-up day on a Monday-to-Friday day is only a warning") {
        // Oct 9, 2026 is a Friday: listing it changes nothing, so it is probably a typo.
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: 国庆节 National Day\n"
                                 "    from: 2026-10-01\n"
                                 "    to: 2026-10-07\n"
                                 "    workdays: [2026-10-09, 2026-10-10]\n");
        REQUIRE(result.calendar.has_value());
        CHECK(result.calendar->holidays[0].workdays ==
              std::vector<Date>{2026_y / 10 / 9, 2026_y / 10 / 10});
        CHECK(result.diagnostics ==
              Lines{"cal.yaml:6:16: warning: make-up day 2026-10-09 is a Monday-to-Friday day, "
                    "already a working day; make-up days are weekend days worked instead"});
    }

    TEST_CASE("the year is required and must be four digits") {
        const auto missing = read("region: CN\nholidays: []\n");
        CHECK_FALSE(missing.calendar.has_value());
        CHECK(missing.diagnostics == Lines{"cal.yaml:1:1: error: missing field 'year'"});

        const auto short_year = read("year: 26\nholidays: []\n");
        CHECK_FALSE(short_year.calendar.has_value());
        CHECK(short_year.diagnostics ==
              Lines{"cal.yaml:1:7: error: '26' is not a year; write four digits, such as 2026"});

        const auto text_year = read("year: next\nholidays: []\n");
        CHECK_FALSE(text_year.calendar.has_value());
        CHECK(text_year.diagnostics ==
              Lines{"cal.yaml:1:7: error: 'next' is not a year; write four digits, such as 2026"});
    }

    TEST_CASE("holidays must be a list") {
        const auto result = read("year: 2026\nholidays: none\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(result.diagnostics ==
              Lines{"cal.yaml:2:11: error: 'holidays' must be a list of holidays"});
    }

    TEST_CASE("every problem in a file is reported at once") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: A\n"
                                 "    from: 2026-02-30\n"
                                 "    to: 2026-03-01\n"
                                 "  - name: B\n"
                                 "    from: 2026-05-05\n"
                                 "    to: 2026-05-01\n"
                                 "    workdays: [2026-05-09]\n");
        CHECK_FALSE(result.calendar.has_value());
        CHECK(result.diagnostics ==
              Lines{"cal.yaml:4:11: error: '2026-02-30' is not a date; write YYYY-MM-DD",
                    "cal.yaml:8:9: error: the holiday ends (2026-05-01) before it starts "
                    "(2026-05-05)"});
    }

    TEST_CASE("an unknown key is a warning, not a failure") {
        const auto result = read("year: 2026\n"
                                 "holidays:\n"
                                 "  - name: A\n"
                                 "    from: 2026-01-01\n"
                                 "    to: 2026-01-03\n"
                                 "    source: State Council notice\n");
        REQUIRE(result.calendar.has_value());
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].rfind("cal.yaml:6:5: warning: ", 0) == 0);
    }

    TEST_CASE("calendar diagnostics read in Chinese too") {
        Diagnostics out;
        const auto root = yaml::parse("year: 2026\n"
                                      "holidays:\n"
                                      "  - name: X\n"
                                      "    from: 2026-13-01\n"
                                      "    to: 2026-10-07\n",
                                      "cal.yaml", out);
        REQUIRE(root.has_value());
        CHECK_FALSE(read_calendar_year(*root, "cal.yaml", out).has_value());
        REQUIRE(out.size() == 1);
        CHECK(format_diagnostic(i18n::Language::zh, out.items()[0]) ==
              "cal.yaml:4:11: 错误: '2026-13-01' 不是日期；请写成 YYYY-MM-DD");
    }

    TEST_CASE("every time message has both languages and the same arguments") {
        int rows = 0;
        for (const auto& entry : i18n::catalog()) {
            const std::string id = entry.id;
            if (id.rfind("time.", 0) != 0) {
                continue;
            }
            ++rows;
            CAPTURE(id);
            CHECK(std::string(entry.en).size() > 0);
            CHECK(std::string(entry.zh).size() > 0);
            for (int arg = 0; arg < 5; ++arg) {
                const std::string placeholder = "{" + std::to_string(arg) + "}";
                CHECK((std::string(entry.en).find(placeholder) == std::string::npos) ==
                      (std::string(entry.zh).find(placeholder) == std::string::npos));
            }
        }
        CHECK(rows > 0);
    }

    TEST_CASE("the shipped 2026 template matches the State Council's dates") {
        const std::string path = COLLAB_SOURCE_DIR "/templates/calendars/cn-2026.yaml";
        std::ifstream file(path);
        REQUIRE(file.good());
        std::stringstream text;
        text << file.rdbuf();
        const auto result = read(text.str(), path);
        CHECK(result.diagnostics == Lines{}); // not even a warning
        REQUIRE(result.calendar.has_value());
        const CalendarYear& calendar = *result.calendar;
        CHECK(calendar.year == 2026);
        CHECK(calendar.region == "CN");
        REQUIRE(calendar.holidays.size() == 7);

        struct Expected {
            const char* name;
            Date from;
            Date to;
            std::vector<Date> workdays;
        };
        const std::vector<Expected> official = {
            {"元旦 New Year's Day", 2026_y / 1 / 1, 2026_y / 1 / 3, {2026_y / 1 / 4}},
            {"春节 Spring Festival",
             2026_y / 2 / 15,
             2026_y / 2 / 23,
             {2026_y / 2 / 14, 2026_y / 2 / 28}},
            {"清明节 Qingming Festival", 2026_y / 4 / 4, 2026_y / 4 / 6, {}},
            {"劳动节 Labour Day", 2026_y / 5 / 1, 2026_y / 5 / 5, {2026_y / 5 / 9}},
            {"端午节 Dragon Boat Festival", 2026_y / 6 / 19, 2026_y / 6 / 21, {}},
            {"中秋节 Mid-Autumn Festival", 2026_y / 9 / 25, 2026_y / 9 / 27, {}},
            {"国庆节 National Day",
             2026_y / 10 / 1,
             2026_y / 10 / 7,
             {2026_y / 9 / 20, 2026_y / 10 / 10}},
        };
        for (std::size_t i = 0; i < official.size(); ++i) {
            CAPTURE(official[i].name);
            CHECK(calendar.holidays[i].name == official[i].name);
            CHECK(calendar.holidays[i].from == official[i].from);
            CHECK(calendar.holidays[i].to == official[i].to);
            CHECK(calendar.holidays[i].workdays == official[i].workdays);
        }

        // And used as a calendar: the Spring Festival and National Day examples.
        const Calendar china(default_work_week(), {calendar}, UncoveredYears::error);
        CHECK(std::get<Date>(china.add(2026_y / 2 / 14, 1)) == 2026_y / 2 / 24);
        CHECK(std::get<Date>(china.add(2026_y / 9 / 30, 3)) == 2026_y / 10 / 10);
        CHECK(std::get<int>(china.between(2025_y / 12 / 31, 2026_y / 12 / 31)) == 248);
    }

} // TEST_SUITE

} // namespace test_calendar_file
