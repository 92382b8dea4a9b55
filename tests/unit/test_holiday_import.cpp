// Importing the official holiday data: holiday-cn JSON and iCalendar in, a
// CalendarYear or diagnostics out; the rendered calendar file read back; every
// shipped calendar re-imported from its JSON byte for byte.
#include <collab/model/config_edit.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/time/holiday_import.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace test_holiday_import {

namespace {

using namespace collab;
using namespace collab::time;
using namespace date::literals;
using Lines = std::vector<std::string>;

struct Imported {
    std::optional<CalendarYear> calendar;
    Lines diagnostics; // rendered in English
};

Imported import(const std::string& text, const std::string& path = "2027.json") {
    Diagnostics out;
    Imported result;
    result.calendar = import_holidays(text, path, path, out);
    for (const auto& item : out.items()) {
        result.diagnostics.push_back(format_diagnostic(i18n::Language::en, item));
    }
    return result;
}

// A holiday-cn file of `year` with the given days, one per line.
std::string json(int year, const Lines& days) {
    std::string text = fmt::format("{{\n\"year\": {},\n\"papers\": [\"https://www.gov.cn/x\"],\n"
                                   "\"days\": [\n",
                                   year);
    for (std::size_t i = 0; i < days.size(); ++i) {
        text += days[i] + (i + 1 < days.size() ? ",\n" : "\n");
    }
    return text + "]\n}\n";
}

std::string day(const std::string& name, const std::string& date, bool off) {
    return fmt::format(R"({{"name": "{}", "date": "{}", "isOffDay": {}}})", name, date,
                       off ? "true" : "false");
}

std::string read_source(const std::string& relative) {
    std::ifstream file(COLLAB_SOURCE_DIR "/" + relative, std::ios::binary);
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// Reads a rendered calendar file back the way a workspace does.
std::optional<CalendarYear> read_back(const std::string& text, Lines& diagnostics) {
    Diagnostics out;
    const auto root = yaml::parse(text, "cn.yaml", out);
    REQUIRE(root.has_value());
    auto calendar = read_calendar_year(*root, "cn.yaml", out);
    for (const auto& item : out.items()) {
        diagnostics.push_back(format_diagnostic(i18n::Language::en, item));
    }
    return calendar;
}

} // namespace

TEST_SUITE("collab::time") {

    TEST_CASE("holiday import: a Spring Festival with make-up days") {
        const auto result = import(json(2027, {
                                                  day("元旦", "2027-01-01", true),
                                                  day("春节", "2027-02-06", true),
                                                  day("春节", "2027-02-07", true),
                                                  day("春节", "2027-02-08", true),
                                                  day("春节", "2027-01-31", false),
                                                  day("春节", "2027-02-20", false),
                                                  // a Monday "worked": changes nothing, left out
                                                  day("春节", "2027-02-15", false),
                                              }));
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        const auto& calendar = *result.calendar;
        CHECK(calendar.year == 2027);
        CHECK(calendar.region == "CN");
        CHECK(calendar.source == "2027.json");
        CHECK(calendar.papers == Lines{"https://www.gov.cn/x"});
        REQUIRE(calendar.holidays.size() == 2);
        CHECK(calendar.holidays[0].name == "元旦 New Year's Day");
        CHECK(calendar.holidays[0].from == 2027_y / 1 / 1);
        CHECK(calendar.holidays[0].to == 2027_y / 1 / 1);
        CHECK(calendar.holidays[0].workdays.empty());
        CHECK(calendar.holidays[1].name == "春节 Spring Festival");
        CHECK(calendar.holidays[1].from == 2027_y / 2 / 6);
        CHECK(calendar.holidays[1].to == 2027_y / 2 / 8);
        CHECK(calendar.holidays[1].workdays == std::vector<Date>{2027_y / 1 / 31, 2027_y / 2 / 20});

        // The rendered file reads back to the same holidays, without a warning.
        const auto text = render_calendar_year(calendar);
        CHECK(text.find("source: 2027.json\n") != std::string::npos);
        CHECK(text.find("papers:\n  - https://www.gov.cn/x\n") != std::string::npos);
        Lines diagnostics;
        const auto back = read_back(text, diagnostics);
        CHECK(diagnostics == Lines{});
        REQUIRE(back.has_value());
        CHECK(back->source == "2027.json");
        CHECK(back->papers == calendar.papers);
        REQUIRE(back->holidays.size() == 2);
        CHECK(back->holidays[1].workdays == calendar.holidays[1].workdays);
    }

    TEST_CASE("holiday import: a line break in the source name stays inside its comment") {
        Diagnostics out;
        const auto calendar = import_holidays(json(2027, {day("春节", "2027-02-06", true)}),
                                              "x.json", "x\nyear: 1999\n.json", out);
        REQUIRE(calendar.has_value());
        Lines diagnostics;
        const auto back = read_back(render_calendar_year(*calendar), diagnostics);
        REQUIRE(back.has_value());
        CHECK(back->year == 2027);
        CHECK(back->source == "x\nyear: 1999\n.json");
    }

    TEST_CASE("holiday import: unlisted weekend days inside a holiday are bridged") {
        // Qingming 2014: 04-05 (Sat) and 04-07 (Mon) are listed, Sunday 04-06 is not.
        const auto bridged = import(
            json(2014, {day("清明节", "2014-04-05", true), day("清明节", "2014-04-07", true)}));
        REQUIRE(bridged.calendar.has_value());
        REQUIRE(bridged.calendar->holidays.size() == 1);
        CHECK(bridged.calendar->holidays[0].to == 2014_y / 4 / 7);
        // A weekday between two days off of one name is not bridged.
        const auto split = import(
            json(2014, {day("清明节", "2014-04-07", true), day("清明节", "2014-04-09", true)}));
        REQUIRE(split.calendar.has_value());
        CHECK(split.calendar->holidays.size() == 2);
    }

    TEST_CASE("holiday import: the New Year spill-over into the previous December") {
        // 2008.json: 2007-12-29 worked, 2007-12-30..2008-01-01 off.
        const auto result =
            import(json(2008, {day("元旦", "2007-12-29", false), day("元旦", "2007-12-30", true),
                               day("元旦", "2007-12-31", true), day("元旦", "2008-01-01", true)}));
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        REQUIRE(result.calendar->holidays.size() == 1);
        const auto& holiday = result.calendar->holidays[0];
        CHECK(holiday.from == 2007_y / 12 / 30);
        CHECK(holiday.to == 2008_y / 1 / 1);
        CHECK(holiday.workdays == std::vector<Date>{2007_y / 12 / 29});
        const auto text = render_calendar_year(*result.calendar);
        CHECK(text.find("New Year spill-over") != std::string::npos);
        Lines diagnostics;
        const auto back = read_back(text, diagnostics);
        CHECK(diagnostics == Lines{});
        REQUIRE(back.has_value());

        // The calendar honours the December days, even with 2007 counted by weekends alone.
        const Calendar calendar(default_work_week(), {*back}, UncoveredYears::weekends_only);
        CHECK(std::get<bool>(calendar.is_working_day(2007_y / 12 / 29)));  // a Saturday worked
        CHECK(!std::get<bool>(calendar.is_working_day(2007_y / 12 / 31))); // a Monday off
        CHECK(std::get<int>(calendar.between(2007_y / 12 / 28, 2008_y / 1 / 2)) == 2);
        const Calendar strict(default_work_week(), {*back}, UncoveredYears::error);
        CHECK(std::holds_alternative<UncoveredYear>(strict.is_working_day(2007_y / 12 / 31)));
    }

    TEST_CASE("holiday import: December days outside the New Year holiday are refused") {
        // A December day of another holiday, a December day a week too early, and a day
        // of the following year.
        const auto result =
            import(json(2008, {day("圣诞", "2007-12-26", true), day("元旦", "2007-12-20", true),
                               day("元旦", "2008-01-01", true), day("元旦", "2009-01-01", true)}));
        CHECK(!result.calendar.has_value());
        CHECK(result.diagnostics ==
              Lines{"2027.json:6:1: error: 2007-12-20 is not in 2008, the year of this file; only "
                    "days of the New Year holiday may fall in the last week of December 2007",
                    "2027.json:8:1: error: 2009-01-01 is not in 2008, the year of this file; only "
                    "days of the New Year holiday may fall in the last week of December 2007",
                    "2027.json:5:1: error: 2007-12-26 is in the December before 2008: only the "
                    "holiday that runs into 1 January 2008 may begin, or have make-up days, in "
                    "the last week of that December; put other days in the 2007 file"});
    }

    TEST_CASE("holiday import refuses bad files with file, line and field") {
        const auto first = [](const std::string& text) {
            const auto result = import(text);
            CHECK(!result.calendar.has_value());
            return result.diagnostics.empty() ? std::string() : result.diagnostics.front();
        };
        CHECK(first(json(2027, {})) ==
              "2027.json:4:9: error: field 'days' is empty: the State Council notice for 2027 is "
              "not out yet (it is published each November or December); import the file again "
              "once it lists the days");
        CHECK(first("{\"days\": [" + day("春节", "2027-02-06", true) + "]}").find("'year'") !=
              std::string::npos);
        CHECK(first("{\"year\": \"2027\", \"days\": [" + day("春节", "2027-02-06", true) + "]}") ==
              "2027.json:1:10: error: field 'year': '2027' is not a year; write a number such "
              "as 2027");
        CHECK(first(json(2027, {day("春节", "2027-02-30", true)})) ==
              "2027.json:5:24: error: field 'date': '2027-02-30' is not a date; write YYYY-MM-DD");
        CHECK(
            first(json(2027, {R"({"name": "春节", "date": "2027-02-06", "isOffDay": "true"})"})) ==
            "2027.json:5:50: error: field 'isOffDay' must be true or false (without quotes)");
        CHECK(first(json(2027, {R"({"name": ["春节"], "date": "2027-02-06", "isOffDay": true})"}))
                  .find("name") != std::string::npos);
        CHECK(first(json(2027, {day("春节", "2026-02-06", true)})) ==
              "2027.json:5:1: error: 2026-02-06 is not in 2027, the year of this file; only days "
              "of the New Year holiday may fall in the last week of December 2026");
        CHECK(
            first(json(2027, {day("春节", "2027-02-06", true), day("春节", "2027-02-06", true)})) ==
            "2027.json:6:1: error: 2027-02-06 is listed twice (first on line 5); list each date "
            "once");
        CHECK(first(json(2027,
                         {day("春节", "2027-02-06", true), day("春节", "2027-02-06", false)})) ==
              "2027.json:6:1: error: 2027-02-06 is listed both as a day off and as a make-up "
              "working day (the other on line 5); a day cannot be both");
        CHECK(first(json(2027,
                         {day("春节", "2027-02-06", true), day("国庆节", "2027-09-26", false)})) ==
              "2027.json:6:1: error: make-up day 2027-09-26 belongs to '国庆节', which has no day "
              "off in this file");
        CHECK(first("{\"year\": 2027, \"days\": {}}") ==
              "2027.json:1:24: error: field 'days' must be a list of days");
        CHECK(first("[1, 2]").find("not a holiday-cn file") != std::string::npos);
        CHECK(first("{\"year\": 2027, \"days\": [") != ""); // broken JSON
    }

    TEST_CASE("holiday import reads iCalendar: folding, CRLF, make-up days") {
        const std::string ics = "BEGIN:VCALENDAR\r\n"
                                "VERSION:2.0\r\n"
                                "BEGIN:VEVENT\r\n"
                                "SUMMARY:春节\r\n"
                                " 假期\r\n"
                                "DTSTART;VALUE=DATE:20270206\r\n"
                                "DTEND;VALUE=DATE:2027\r\n"
                                "\t0209\r\n"
                                "END:VEVENT\r\n"
                                "BEGIN:VEVENT\r\n"
                                "SUMMARY:上班(补春节假期)\r\n"
                                "DTSTART;VALUE=DATE:20270131\r\n"
                                "DTEND;VALUE=DATE:20270201\r\n"
                                "END:VEVENT\r\n"
                                "END:VCALENDAR\r\n";
        const auto result = import(ics, "2027.ics");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.calendar.has_value());
        CHECK(result.calendar->year == 2027);
        REQUIRE(result.calendar->holidays.size() == 1);
        const auto& holiday = result.calendar->holidays[0];
        CHECK(holiday.name == "春节 Spring Festival");
        CHECK(holiday.from == 2027_y / 2 / 6);
        CHECK(holiday.to == 2027_y / 2 / 8);
        CHECK(holiday.workdays == std::vector<Date>{2027_y / 1 / 31});

        const auto timed = import("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\n"
                                  "DTSTART:20270206T000000\nEND:VEVENT\nEND:VCALENDAR\n",
                                  "2027.ics");
        CHECK(!timed.calendar.has_value());
        CHECK(timed.diagnostics ==
              Lines{"2027.ics:4: error: DTSTART '20270206T000000' is not an all-day date; write "
                    "DTSTART;VALUE=DATE:YYYYMMDD"});
        const auto open = import("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\n", "2027.ics");
        CHECK(!open.calendar.has_value());
        CHECK(open.diagnostics ==
              Lines{"2027.ics:2: error: this VEVENT lacks SUMMARY, DTSTART or END:VEVENT"});
    }

    TEST_CASE("every shipped calendar is its holiday-cn JSON re-imported, byte for byte") {
        for (int year = 2007; year <= 2026; ++year) {
            CAPTURE(year);
            const auto name = fmt::format("{}.json", year);
            const auto text = read_source("templates/calendars/holiday-cn/" + name);
            Diagnostics out;
            const auto calendar = import_holidays(text, name, name, out);
            CHECK(!out.has_errors());
            REQUIRE(calendar.has_value());
            const auto shipped = read_source(fmt::format("templates/calendars/cn-{}.yaml", year));
            CHECK(render_calendar_year(*calendar) == shipped);
            Lines diagnostics;
            CHECK(read_back(shipped, diagnostics).has_value());
            CHECK(diagnostics == Lines{});
        }
    }

    TEST_CASE("2026.ics imports to the same calendar as 2026.json") {
        Diagnostics out;
        const auto from_json = import_holidays(
            read_source("templates/calendars/holiday-cn/2026.json"), "2026.json", "2026.json", out);
        const auto from_ics = import_holidays(
            read_source("templates/calendars/holiday-cn/2026.ics"), "2026.ics", "2026.ics", out);
        CHECK(out.empty());
        REQUIRE(from_json.has_value());
        REQUIRE(from_ics.has_value());
        CHECK(from_ics->year == 2026);
        REQUIRE(from_ics->holidays.size() == from_json->holidays.size());
        for (std::size_t i = 0; i < from_json->holidays.size(); ++i) {
            const auto& a = from_json->holidays[i];
            const auto& b = from_ics->holidays[i];
            CHECK(a.name == b.name);
            CHECK(a.from == b.from);
            CHECK(a.to == b.to);
            CHECK(a.workdays == b.workdays);
        }
    }
}

TEST_SUITE("collab::model") {

    TEST_CASE("add_calendar_to_config edits only the calendars list") {
        using model::add_calendar_to_config;
        const std::string c = "calendars/cn-2027.yaml";
        CHECK(add_calendar_to_config("# top\ncalendars: [calendars/cn-2026.yaml]  # mine\nx: 1\n",
                                     c) ==
              "# top\ncalendars: [calendars/cn-2026.yaml, calendars/cn-2027.yaml]  # mine\nx: 1\n");
        CHECK(add_calendar_to_config("calendars: [ ]\n", c) ==
              "calendars: [calendars/cn-2027.yaml]\n");
        CHECK(add_calendar_to_config(
                  "calendars:\n  # the years\n  - a.yaml\n  - b.yaml # b\n\nx: 1\n", c) ==
              "calendars:\n  # the years\n  - a.yaml\n  - b.yaml # b\n  - "
              "calendars/cn-2027.yaml\n\nx: 1\n");
        CHECK(add_calendar_to_config("calendars:\nx: 1\n", c) ==
              "calendars: [calendars/cn-2027.yaml]\nx: 1\n");
        CHECK(add_calendar_to_config("x: 1", c) == "x: 1\ncalendars: [calendars/cn-2027.yaml]\n");
        // Forms not safe to edit.
        CHECK(!add_calendar_to_config("calendars: [a.yaml,\n  b.yaml]\n", c));
        CHECK(!add_calendar_to_config("calendars: \"a.yaml\"\n", c));
        CHECK(add_calendar_to_config("calendars: [\"a.yaml\"] # x\n", c) ==
              "calendars: [\"a.yaml\", calendars/cn-2027.yaml] # x\n");
        CHECK(!add_calendar_to_config("calendars: [\"a#]b.yaml\"]\n", c));
        CHECK(!add_calendar_to_config("calendars: a.yaml\n", c));
    }
}

TEST_SUITE("collab::time") {

    TEST_CASE("calendar files: December days only for the holiday reaching 1 January") {
        const auto holiday = [](const std::string& from, const std::string& to,
                                const std::string& workdays) {
            return "year: 2008\nholidays:\n  - name: 元旦\n    from: " + from + "\n    to: " + to +
                   "\n    workdays: [" + workdays + "]\n";
        };
        Lines diagnostics;
        CHECK(read_back(holiday("2007-12-30", "2008-01-01", "2007-12-29"), diagnostics));
        CHECK(diagnostics == Lines{});
        CHECK(!read_back(holiday("2007-12-26", "2007-12-27", ""), diagnostics));
        CHECK(diagnostics ==
              Lines{"cn.yaml:4:11: error: 2007-12-26 is in the December before 2008: only the "
                    "holiday that runs into 1 January 2008 may begin, or have make-up days, in "
                    "the last week of that December; put other days in the 2007 file"});
        diagnostics.clear();
        CHECK(read_back(holiday("2008-01-01", "2008-01-01", "2007-12-29"), diagnostics)); // 2012
        CHECK(!read_back(holiday("2008-01-02", "2008-01-03", "2007-12-29"), diagnostics));
        CHECK(diagnostics.size() == 1);
        diagnostics.clear();
        CHECK(!read_back(holiday("2007-12-20", "2008-01-01", ""), diagnostics));
        CHECK(diagnostics.size() == 1);
        CHECK(diagnostics.front().find("2007-12-20 is not in 2008") != std::string::npos);
    }
}

} // namespace test_holiday_import
