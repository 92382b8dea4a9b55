// collab.yaml: defaults, every key, and a positioned error for every bad value.
// Columns below are counted by hand: "time_zone: " is 11 characters, so the value
// starts in column 12, and so on.
#include "fixtures.hpp"

#include <collab/model/config.hpp>
#include <doctest/doctest.h>

namespace test_config {

namespace {

using namespace collab;
using fixtures::Lines;

fixtures::ConfigRead read(std::string_view text) {
    return fixtures::read_config_text(text);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

void check_defaults(const model::Config& config) {
    CHECK_FALSE(config.language.has_value()); // the environment decides
    CHECK(config.time_zone == "Asia/Shanghai");
    // Sunday = 0 .. Saturday = 6: Monday to Friday work.
    CHECK(config.work_week == time::WorkWeek{false, true, true, true, true, true, false});
    CHECK(config.work_day_start == 9 * 60);
    CHECK(config.work_day_end == 18 * 60);
    CHECK(config.uncovered_years == time::UncoveredYears::error);
    CHECK(config.id_prefix == "R");
    // The defaults of docs/PROCESS.md's rule table.
    CHECK(config.numbers.review_days == 2);
    CHECK(config.numbers.customer_review_days == 1);
    CHECK(config.numbers.stale_after_days == 1);
    CHECK(config.numbers.sync_every_days == 7);
    CHECK(config.numbers.sync_max_minutes == 30);
    CHECK(config.numbers.reaccept_within_days == 3);
    CHECK(config.numbers.feedback_window_days == 5);
    CHECK(config.severities.empty());
}

} // namespace

TEST_SUITE("collab::model::config") {

    TEST_CASE("a default Config holds the process's own numbers") {
        const model::Config config;
        CHECK(config.name.empty());
        CHECK(config.calendars.empty());
        check_defaults(config);
    }

    TEST_CASE("a collab.yaml with only a name reads as the defaults") {
        const auto result = read("name: Demo\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.config.has_value());
        CHECK(result.config->name == "Demo");
        CHECK(result.config->calendars.empty());
        check_defaults(*result.config);
    }

    TEST_CASE("rule ids follow docs/PROCESS.md's rule table") {
        CHECK(model::rule_ids() == Lines{"form", "submit", "review", "meeting", "signoff", "frozen",
                                         "split", "progress", "sync", "change", "deliver", "accept",
                                         "feedback", "customer"});
    }

    TEST_CASE("every key of collab.yaml is read") {
        const auto result = read("name: 售后协作\n"
                                 "language: zh\n"
                                 "time_zone: Europe/Berlin\n"
                                 "work_week: [sun, mon, tue, wed, thu]\n"
                                 "work_day_start: \"8:30\"\n"
                                 "work_day_end: \"17:30\"\n"
                                 "calendars: [calendars/cn-2026.yaml, calendars/cn-2027.yaml]\n"
                                 "uncovered_years: weekends-only\n"
                                 "id_prefix: REQ2\n"
                                 "rules:\n"
                                 "  form:\n"
                                 "    severity: warning\n"
                                 "  review:\n"
                                 "    days: 3\n"
                                 "    severity: error\n"
                                 "  customer:\n"
                                 "    days: 0\n"
                                 "  progress:\n"
                                 "    stale_after_days: 2\n"
                                 "  sync:\n"
                                 "    every_days: 14\n"
                                 "    max_minutes: 45\n"
                                 "  accept:\n"
                                 "    reaccept_within_days: 5\n"
                                 "  feedback:\n"
                                 "    window_days: 10000\n"
                                 "    severity: \"off\"\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.config.has_value());
        const auto& config = *result.config;
        CHECK(config.name == "售后协作");
        CHECK(config.language == i18n::Language::zh);
        CHECK(config.time_zone == "Europe/Berlin");
        CHECK(config.work_week == time::WorkWeek{true, true, true, true, true, false, false});
        CHECK(config.work_day_start == 8 * 60 + 30);
        CHECK(config.work_day_end == 17 * 60 + 30);
        CHECK(config.calendars == Lines{"calendars/cn-2026.yaml", "calendars/cn-2027.yaml"});
        CHECK(config.uncovered_years == time::UncoveredYears::weekends_only);
        CHECK(config.id_prefix == "REQ2");
        CHECK(config.numbers.review_days == 3);
        CHECK(config.numbers.customer_review_days == 0);
        CHECK(config.numbers.stale_after_days == 2);
        CHECK(config.numbers.sync_every_days == 14);
        CHECK(config.numbers.sync_max_minutes == 45);
        CHECK(config.numbers.reaccept_within_days == 5);
        CHECK(config.numbers.feedback_window_days == 10000);
        const std::map<std::string, model::RuleSeverity> severities = {
            {"form", model::RuleSeverity::warning},
            {"review", model::RuleSeverity::error},
            {"feedback", model::RuleSeverity::off}};
        CHECK(config.severities == severities);
    }

    TEST_CASE("the shipped collab.yaml template reads cleanly, with the defaults it documents") {
        auto text = fixtures::read_text_file(std::string(COLLAB_SOURCE_DIR) +
                                             "/templates/workspace/collab.en.yaml");
        text = replace_all(text, "{{name}}", "Demo");
        text = replace_all(text, "{{language}}", "en");
        text = replace_all(text, "{{calendars}}", "calendars/cn-2026.yaml");
        const auto result = read(text);
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.config.has_value());
        CHECK(result.config->name == "Demo");
        CHECK(result.config->calendars == Lines{"calendars/cn-2026.yaml"});
        auto with_language = *result.config;
        with_language.language.reset();
        check_defaults(with_language);
        CHECK(result.config->language == i18n::Language::en);
    }

    TEST_CASE("every bad value is an error at its position, in reading order") {
        const auto result = read("name: Bad\n"                     // 1
                                 "time_zone: Mars/Olympus\n"       // 2
                                 "work_week: [mon, tue, funday]\n" // 3
                                 "work_day_start: \"9h\"\n"        // 4
                                 "work_day_end: \"25:00\"\n"       // 5
                                 "language: fr\n"                  // 6
                                 "uncovered_years: guess\n"        // 7
                                 "id_prefix: r-1\n"                // 8
                                 "rules:\n"                        // 9
                                 "  review:\n"                     // 10
                                 "    days: -1\n"                  // 11
                                 "    severity: loud\n"            // 12
                                 "  sync:\n"                       // 13
                                 "    every_days: seven\n"         // 14
                                 "    max_minutes: 10001\n");      // 15
        CHECK_FALSE(result.config.has_value());
        CHECK(result.diagnostics ==
              Lines{
                  "collab.yaml:6:11: error: language 'fr' is not supported; use zh or en",
                  "collab.yaml:2:12: error: time zone 'Mars/Olympus' is unknown; use an IANA name "
                  "such as Asia/Shanghai",
                  "collab.yaml:3:23: error: 'funday' is not a weekday; use mon, tue, wed, thu, "
                  "fri, sat or sun",
                  "collab.yaml:4:17: error: work_day_start '9h' is not a time of day; write "
                  "HH:MM, e.g. 18:00",
                  "collab.yaml:5:15: error: work_day_end '25:00' is not a time of day; write "
                  "HH:MM, e.g. 18:00",
                  "collab.yaml:7:18: error: uncovered_years 'guess' must be error or "
                  "weekends-only",
                  "collab.yaml:8:12: error: id_prefix 'r-1' must be 1 to 8 capital letters or "
                  "digits",
                  "collab.yaml:12:15: error: severity 'loud' is not one of error, warning, off",
                  "collab.yaml:11:11: error: days '-1' must be a whole number from 0 to 10000",
                  "collab.yaml:14:17: error: every_days 'seven' must be a whole number from 0 to "
                  "10000",
                  "collab.yaml:15:18: error: max_minutes '10001' must be a whole number from 0 "
                  "to 10000",
              });
    }

    TEST_CASE("each bad value alone refuses the whole file") {
        struct Case {
            const char* text;
            const char* diagnostic;
        };
        const Case cases[] = {
            {"name: X\nwork_week: [mon, Tuesday]\n",
             "collab.yaml:2:18: error: 'Tuesday' is not a weekday; use mon, tue, wed, thu, fri, "
             "sat or sun"},
            {"name: X\nwork_week: mon\n",
             "collab.yaml:2:12: error: work_week must be a list of weekdays, e.g. [mon, tue, "
             "wed, thu, fri]"},
            {"name: X\nwork_day_end: \"18\"\n",
             "collab.yaml:2:15: error: work_day_end '18' is not a time of day; write HH:MM, e.g. "
             "18:00"},
            {"name: X\nwork_day_start: \"09:60\"\n",
             "collab.yaml:2:17: error: work_day_start '09:60' is not a time of day; write HH:MM, "
             "e.g. 18:00"},
            {"name: X\nrules:\n  review:\n    days: 2.5\n",
             "collab.yaml:4:11: error: days '2.5' must be a whole number from 0 to 10000"},
            {"name: X\nrules:\n  feedback:\n    window_days: 10001\n",
             "collab.yaml:4:18: error: window_days '10001' must be a whole number from 0 to "
             "10000"},
            {"name: X\nrules:\n  meeting:\n    severity: fatal\n",
             "collab.yaml:4:15: error: severity 'fatal' is not one of error, warning, off"},
            {"name: X\ntime_zone: Asia/Beijing\n",
             "collab.yaml:2:12: error: time zone 'Asia/Beijing' is unknown; use an IANA name such "
             "as Asia/Shanghai"},
            {"name: X\nid_prefix: ABCDEFGHI\n",
             "collab.yaml:2:12: error: id_prefix 'ABCDEFGHI' must be 1 to 8 capital letters or "
             "digits"},
            {"name: X\nid_prefix: r\n",
             "collab.yaml:2:12: error: id_prefix 'r' must be 1 to 8 capital letters or digits"},
            {"time_zone: UTC\n", "collab.yaml:1:1: error: missing field 'name'"},
        };
        for (const auto& c : cases) {
            const std::string text = c.text;
            CAPTURE(text);
            const auto result = read(c.text);
            CHECK_FALSE(result.config.has_value());
            CHECK(result.diagnostics == Lines{c.diagnostic});
        }
    }

    TEST_CASE("an unknown key is a warning naming the closest known key, and is kept") {
        const auto result = read("name: Demo\n"     // 1
                                 "langauge: zh\n"   // 2
                                 "rules:\n"         // 3
                                 "  reveiw:\n"      // 4
                                 "    days: 3\n"    // 5
                                 "  review:\n"      // 6
                                 "    dayz: 4\n"    // 7
                                 "colour: blue\n"); // 8
        CHECK(result.diagnostics ==
              Lines{
                  "collab.yaml:7:5: warning: unknown key 'dayz' (did you mean 'days'?); it is kept",
                  "collab.yaml:4:3: warning: unknown key 'reveiw' (did you mean 'review'?); it is "
                  "kept",
                  "collab.yaml:2:1: warning: unknown key 'langauge' (did you mean 'language'?); it "
                  "is kept",
                  "collab.yaml:8:1: warning: unknown key 'colour'; it is kept",
              });
        REQUIRE(result.config.has_value());
        CHECK_FALSE(result.config->language.has_value());
        CHECK(result.config->numbers.review_days == 2);
    }

    TEST_CASE("calendars outside the workspace are refused at their line, never kept") {
        const auto result = read("name: Demo\n"                    // 1
                                 "calendars:\n"                    // 2
                                 "  - ./calendars//cn-2026.yaml\n" // 3
                                 "  - ../../../../../etc/shadow\n" // 4
                                 "  - /etc/passwd\n");             // 5
        CHECK(result.diagnostics ==
              Lines{
                  "collab.yaml:4:5: error: field 'calendars': '../../../../../etc/shadow' is not a "
                  "path inside the workspace, so it is not read; name a calendar file relative to "
                  "collab.yaml, such as calendars/cn-2026.yaml",
                  "collab.yaml:5:5: error: field 'calendars': '/etc/passwd' is not a path inside "
                  "the workspace, so it is not read; name a calendar file relative to "
                  "collab.yaml, such as calendars/cn-2026.yaml",
              });
        CHECK_FALSE(result.config.has_value());
        const auto one = read("name: Demo\ncalendars: calendars/../calendars/cn-2026.yaml\n");
        REQUIRE(one.config.has_value());
        CHECK(one.config->calendars == std::vector<std::string>{"calendars/cn-2026.yaml"});
    }

    TEST_CASE("parse_weekday takes short and long English names and Chinese ones") {
        CHECK(model::parse_weekday("sun") == 0);
        CHECK(model::parse_weekday("monday") == 1);
        CHECK(model::parse_weekday("周一") == 1);
        CHECK(model::parse_weekday("fri") == 5);
        CHECK(model::parse_weekday("周六") == 6);
        CHECK(model::parse_weekday("saturday") == 6);
        CHECK(model::parse_weekday("周日") == 0);
        CHECK_FALSE(model::parse_weekday("funday"));
        CHECK_FALSE(model::parse_weekday(""));
        CHECK_FALSE(model::parse_weekday("星期一"));
    }
}

} // namespace test_config
