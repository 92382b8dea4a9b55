// The form rule: what a request needs before it can be submitted, each problem at
// its field. Dates were checked on a 2026 wall calendar: 2026-07-06 is a Monday,
// 2026-07-11 a Saturday, National Day is off 10-01..10-07 with 10-10 worked,
// Spring Festival is off 02-15..02-23; 2027-01-01 is a Friday.
#include "fixtures.hpp"

#include <cmath>
#include <collab/rules/form_rule.hpp>
#include <doctest/doctest.h>

namespace test_form_rule {

namespace {

using namespace collab;
using fixtures::Lines;

Lines problems(std::string_view text, const fixtures::World& world,
               const std::string& path = "request.yaml") {
    const auto f = fixtures::form(text, path);
    Diagnostics out;
    rules::check_form(f, world.at("2026-07-06 10:00"), out);
    return fixtures::rendered(out);
}

Lines problems(std::string_view text) {
    const fixtures::World world;
    return problems(text, world);
}

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The one-department form with another due date; due is on line 5, column 6.
std::string due(const std::string& date) {
    return with(fixtures::k_one_department_form, "due: 2026-09-30", "due: " + date);
}

std::string due_problem(const std::string& text) {
    return "request.yaml:5:6: error: " + text;
}

bool near(double a, double b) {
    return std::fabs(a - b) < 1e-9;
}

} // namespace

TEST_SUITE("collab::rules::form_rule") {

    TEST_CASE("a complete form has no problems") {
        CHECK(problems(fixtures::k_one_department_form) == Lines{});
        CHECK(problems(fixtures::k_two_department_form) == Lines{});
    }

    TEST_CASE("each empty field is named at its line") {
        CHECK(problems("title:\n"              // 1
                       "initiator: zhang\n"    // 2
                       "due:\n"                // 3
                       "departments: []\n"     // 4
                       "participants: []\n"    // 5
                       "background: \"   \"\n" // 6
                       "goal:\n"               // 7
                       "items: []\n"           // 8
                       "resources: []\n")      // 9
              == Lines{
                     "request.yaml:1:1: error: the form has no 'title'; fill it in",
                     "request.yaml:3:1: error: the form has no 'due'; fill it in",
                     "request.yaml:4:14: error: the form names no department; add at least one",
                     "request.yaml:6:13: error: the form has no 'background'; fill it in",
                     "request.yaml:7:1: error: the form has no 'goal'; fill it in",
                     "request.yaml:8:8: error: the form needs at least one action item (action :: "
                     "acceptance criterion)",
                     "request.yaml:9:12: error: the form lists no resources; add at least one line "
                     "(what :: amount)",
                 });
    }

    TEST_CASE("absent fields are named at the top of the file") {
        CHECK(problems("created: 2026-07-06\n") ==
              Lines{
                  "request.yaml:1:1: error: the form has no 'title'; fill it in",
                  "request.yaml:1:1: error: the form has no 'initiator'; fill it in",
                  "request.yaml:1:1: error: the form has no 'due'; fill it in",
                  "request.yaml:1:1: error: the form names no department; add at least one",
                  "request.yaml:1:1: error: the form has no 'background'; fill it in",
                  "request.yaml:1:1: error: the form has no 'goal'; fill it in",
                  "request.yaml:1:1: error: the form needs at least one action item (action :: "
                  "acceptance criterion)",
                  "request.yaml:1:1: error: the form lists no resources; add at least one line "
                  "(what :: amount)",
              });
    }

    TEST_CASE("items need an action and an acceptance criterion; resource lines need what") {
        CHECK(problems("title: T\n"                                     // 1
                       "initiator: zhang\n"                             // 2
                       "due: 2026-09-30\n"                              // 3
                       "departments: [cs]\n"                            // 4
                       "background: B\n"                                // 5
                       "goal: G\n"                                      // 6
                       "items:\n"                                       // 7
                       "  - action: Write the API document\n"           // 8
                       "    acceptance: Reviewed by customer service\n" // 9
                       "  - action: Build auto-dispatch\n"              // 10
                       "  - \"Train the agents ::\"\n"                  // 11
                       "  - \":: everyone passes\"\n"                   // 12
                       "resources:\n"                                   // 13
                       "  - amount: 500 CNY\n"                          // 14
                       "  - \"Travel :: 500\"\n"                        // 15
                       "  - what: Hardware\n"                           // 16
                       "    amount: 500 元\n")                          // 17
              == Lines{
                     "request.yaml:10:5: error: action item 2 has no acceptance criterion; say how "
                     "it will be checked",
                     "request.yaml:11:5: error: action item 3 has no acceptance criterion; say how "
                     "it will be checked",
                     "request.yaml:12:5: error: action item 4 has no action",
                     "request.yaml:14:5: error: resource line 1 does not say what is needed",
                     "request.yaml:15:5: error: amount '500' must be a number with a currency, "
                     "e.g. 500 CNY",
                     "request.yaml:17:13: error: amount '500 元' must be a number with a "
                     "currency, e.g. 500 CNY",
                 });
    }

    TEST_CASE("due on a public holiday names the holiday and the next working day") {
        CHECK(problems(due("2026-10-01")) ==
              Lines{due_problem("due 2026-10-01 falls on 国庆节 National Day, not a working day; "
                                "the next working day is 2026-10-08")});
        CHECK(problems(due("2026-10-07")) ==
              Lines{due_problem("due 2026-10-07 falls on 国庆节 National Day, not a working day; "
                                "the next working day is 2026-10-08")});
        CHECK(problems(due("2026-02-16")) ==
              Lines{due_problem("due 2026-02-16 falls on 春节 Spring Festival, not a working "
                                "day; the next working day is 2026-02-24")});
        CHECK(problems(due("2026-01-01")) ==
              Lines{due_problem("due 2026-01-01 falls on 元旦 New Year's Day, not a working "
                                "day; the next working day is 2026-01-04")});
    }

    TEST_CASE("due on a weekend names the next working day") {
        CHECK(problems(due("2026-07-11")) ==
              Lines{due_problem("due 2026-07-11 is not a working day; the next working day is "
                                "2026-07-13")});
        CHECK(problems(due("2026-07-12")) ==
              Lines{due_problem("due 2026-07-12 is not a working day; the next working day is "
                                "2026-07-13")});
        // Saturday 2026-10-17 after the make-up Saturday: plain weekend again.
        CHECK(problems(due("2026-10-17")) ==
              Lines{due_problem("due 2026-10-17 is not a working day; the next working day is "
                                "2026-10-19")});
    }

    TEST_CASE("due on a make-up working day is fine") {
        CHECK(problems(due("2026-10-10")) == Lines{}); // Saturday worked for National Day
        CHECK(problems(due("2026-09-20")) == Lines{}); // Sunday worked for National Day
        CHECK(problems(due("2026-02-14")) == Lines{}); // Saturday worked for Spring Festival
        CHECK(problems(due("2026-10-08")) == Lines{});
    }

    TEST_CASE("due in a year no calendar covers: an error by default, the work week if so set") {
        CHECK(problems(due("2027-01-04")) ==
              Lines{due_problem("due 2027-01-04 is in 2027, which no calendar file covers; add "
                                "the 2027 calendar with `collab calendar import FILE` "
                                "(holiday-cn JSON or .ics), or set `uncovered_years: "
                                "weekends-only` in collab.yaml to count weekends only")});
        model::Config settings;
        settings.uncovered_years = time::UncoveredYears::weekends_only;
        const fixtures::World weekends(settings);
        CHECK(problems(due("2027-01-04"), weekends) == Lines{}); // a Monday
        CHECK(problems(due("2027-01-09"), weekends) ==
              Lines{due_problem("due 2027-01-09 is not a working day; the next working day is "
                                "2027-01-11")});
    }

    TEST_CASE("a due date that is not YYYY-MM-DD") {
        CHECK(problems(due("2026-9-30")) ==
              Lines{due_problem("due '2026-9-30' is not a date; write YYYY-MM-DD")});
        CHECK(problems(due("2026-02-30")) ==
              Lines{due_problem("due '2026-02-30' is not a date; write YYYY-MM-DD")});
        CHECK(problems(due("next Friday")) ==
              Lines{due_problem("due 'next Friday' is not a date; write YYYY-MM-DD")});
    }

    TEST_CASE("people must be in the roster; a department is not a person") {
        // Line 7: "participants: [" is 15 characters, so the first name is in column 16.
        const auto text = with(fixtures::k_one_department_form, "participants: [chen]",
                               "participants: [chen, zhnag, tech, 技术部, nobody]");
        CHECK(problems(text) ==
              Lines{
                  "request.yaml:7:22: error: 'zhnag' is not in the roster (did you mean 'zhang'?)",
                  "request.yaml:7:29: error: 'tech' is the department 技术部, not a person; name "
                  "one person",
                  "request.yaml:7:35: error: '技术部' is the department 技术部, not a person; name "
                  "one person",
                  "request.yaml:7:40: error: 'nobody' is not in the roster (people.yaml)",
              });
    }

    TEST_CASE("the initiator and the lead must be in the roster") {
        auto text = with(fixtures::k_one_department_form, "initiator: zhang",
                         "initiator: zhangg\nlead: wnag");
        CHECK(problems(text) ==
              Lines{
                  "request.yaml:3:12: error: 'zhangg' is not in the roster (did you mean 'zhang'?)",
                  "request.yaml:4:7: error: 'wnag' is not in the roster (did you mean 'wang'?)",
              });
        text = with(fixtures::k_one_department_form, "initiator: zhang",
                    "initiator: zhang\nlead: sales");
        CHECK(problems(text) == Lines{"request.yaml:4:7: error: 'sales' is the department 销售部, "
                                      "not a person; name one person"});
    }

    TEST_CASE("departments must be in people.yaml, by id or by name") {
        CHECK(problems(with(fixtures::k_one_department_form, "departments: [cs]",
                            "departments: [客服部, 技术部]")) == Lines{});
        // Line 6: "departments: [" is 14 characters.
        CHECK(problems(with(fixtures::k_one_department_form, "departments: [cs]",
                            "departments: [cs, tehc, finance]")) ==
              Lines{
                  "request.yaml:6:19: error: department 'tehc' is not in people.yaml (did you mean "
                  "'tech'?)",
                  "request.yaml:6:25: error: department 'finance' is not in people.yaml",
              });
    }

    TEST_CASE("budget amounts: a number and a three-letter currency, either way round") {
        const auto text = with(fixtures::k_one_department_form,
                               "  - what: Training material\n    amount: 500 CNY\n",
                               "  - \"Training :: 500 CNY\"\n"    // 14
                               "  - \"Travel :: 1,200.50 USD\"\n" // 15
                               "  - \"Hotel :: CNY 500\"\n"       // 16
                               "  - Access\n"                     // 17
                               "  - \"Taxi :: 500\"\n"            // 18
                               "  - \"Meals :: 500 元\"\n"        // 19
                               "  - \"Gifts :: abc CNY\"\n"       // 20
                               "  - \"Books :: 5.0.0 CNY\"\n"     // 21
                               "  - \"Pens :: 500 cny\"\n");      // 22
        CHECK(problems(text) ==
              Lines{
                  "request.yaml:18:5: error: amount '500' must be a number with a currency, e.g. "
                  "500 CNY",
                  "request.yaml:19:5: error: amount '500 元' must be a number with a currency, "
                  "e.g. 500 CNY",
                  "request.yaml:20:5: error: amount 'abc CNY' must be a number with a currency, "
                  "e.g. 500 CNY",
                  "request.yaml:21:5: error: amount '5.0.0 CNY' must be a number with a "
                  "currency, e.g. 500 CNY",
                  "request.yaml:22:5: error: amount '500 cny' must be a number with a currency, "
                  "e.g. 500 CNY",
              });
    }

    TEST_CASE("parse_amount reads the value and the currency") {
        auto amount = rules::parse_amount("500 CNY");
        REQUIRE(amount.has_value());
        CHECK(near(amount->value, 500.0));
        CHECK(amount->currency == "CNY");
        amount = rules::parse_amount("1,200.50 USD");
        REQUIRE(amount.has_value());
        CHECK(near(amount->value, 1200.5));
        CHECK(amount->currency == "USD");
        amount = rules::parse_amount("CNY 500");
        REQUIRE(amount.has_value());
        CHECK(near(amount->value, 500.0));
        CHECK(amount->currency == "CNY");
        amount = rules::parse_amount("EUR 0.75");
        REQUIRE(amount.has_value());
        CHECK(near(amount->value, 0.75));
        CHECK(amount->currency == "EUR");
        amount = rules::parse_amount("12,345,678 JPY");
        REQUIRE(amount.has_value());
        CHECK(near(amount->value, 12345678.0));
        for (const char* bad :
             {"500", "500 元", "abc CNY", "5.0.0 CNY", "CNY", "", "500 cny", "500 CNYX", "500 CN",
              ".5 CNY", "500. CNY", "-500 CNY", "500 CNY extra", "CNY 500 USD"}) {
            const std::string text = bad;
            CAPTURE(text);
            CHECK_FALSE(rules::parse_amount(bad).has_value());
        }
    }

    TEST_CASE("parse_amount refuses commas that do not group thousands") {
        // "12,00 CNY" is twelve yuan written with a decimal comma; reading it as 1200
        // would multiply the budget by a hundred. Only groups of three digits after a
        // comma are thousands separators.
        for (const char* bad :
             {"12,00 CNY", "1,2,3 CNY", "1,,200 CNY", ",500 CNY", "500, CNY", "1,2000 CNY"}) {
            const std::string text = bad;
            CAPTURE(text);
            CHECK_FALSE(rules::parse_amount(bad).has_value());
        }
    }

    TEST_CASE("a customer's request names the customer; an internal one does not") {
        // Line 2 holds the source; "source: " is 8 characters.
        CHECK(problems(
                  with(fixtures::k_one_department_form, "source: internal", "source: customer")) ==
              Lines{"request.yaml:2:9: error: a customer's request must name the customer "
                    "(customer: ...)"});
        CHECK(problems(with(fixtures::k_one_department_form, "source: internal",
                            "source: customer\ncustomer: 华东客户")) == Lines{});
        CHECK(problems(with(fixtures::k_one_department_form, "source: internal",
                            "source: internal\ncustomer: 华东客户")) ==
              Lines{"request.yaml:3:11: error: an internal request names no customer; set source: "
                    "customer or remove customer"});
        CHECK(problems(
                  with(fixtures::k_one_department_form, "source: internal", "source: partner")) ==
              Lines{"request.yaml:2:9: error: source 'partner' must be internal or customer"});
    }

    TEST_CASE("involved_departments resolves names, drops unknown ones and duplicates") {
        const auto roster = fixtures::roster();
        model::RequestForm f;
        f.departments = {"cs", "技术部", "tech", "finance", "客服部", "sales"};
        CHECK(rules::involved_departments(f, roster) == Lines{"cs", "tech", "sales"});
        f.departments = {};
        CHECK(rules::involved_departments(f, roster).empty());
    }
}

} // namespace test_form_rule
