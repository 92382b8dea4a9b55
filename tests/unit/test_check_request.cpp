// `collab check` on one request: every finding with its rule, place, person, days late
// and words. Late days count working days after the deadline's day up to today.
#include "fixtures.hpp"

#include <collab/rules/finding.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/verdict.hpp>
#include <doctest/doctest.h>
#include <set>

namespace test_check_request {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The one-department form, due at the end of the year so that only the review is late.
std::string due_later() {
    return with(fixtures::k_one_department_form, "due: 2026-09-30", "due: 2026-12-31");
}

model::Request submitted(const std::string& at, const std::string& form = due_later()) {
    auto r = fixtures::request(form);
    add_event(r, 1, at, "zhang", "create", hash(r));
    add_event(r, 2, at, "zhang", "submit", hash(r), "to: li");
    return r;
}

model::Request approved(const std::string& form = fixtures::k_one_department_form) {
    auto r = submitted("2026-09-21T10:00", form);
    add_event(r, 3, "2026-09-21T11:00", "li", "review", hash(r), review_fields("approve"));
    return r;
}

// "rule person late where: message" for each finding.
Lines describe(const std::vector<Finding>& findings) {
    Lines out;
    for (const auto& f : findings) {
        out.push_back(f.rule + " " + (f.severity == Severity::error ? "error" : "warning") + " " +
                      f.request + " " + f.person + " " + std::to_string(f.late_days) + " " +
                      f.where.path + ":" + std::to_string(f.where.line) + ":" +
                      std::to_string(f.where.column) + ": " + en(f.message));
    }
    return out;
}

Lines check(const model::Request& r, const fixtures::World& world, const std::string& now) {
    return describe(check_request(r, world.at(now)));
}

} // namespace

TEST_SUITE("collab::rules::check_request") {

    TEST_CASE("a request on time has no findings") {
        const fixtures::World world;
        CHECK(check(submitted("2026-07-06T10:00"), world, "2026-07-08 18:00") == Lines{});
        CHECK(check(approved(), world, "2026-09-30 18:00") == Lines{});
    }

    TEST_CASE("review.overdue counts late working days across National Day") {
        const fixtures::World world;
        // Submitted Monday 09-28: due Wednesday 09-30 18:00 (Tue 1, Wed 2). On Friday
        // 10-09, Thursday 10-08 and Friday 10-09 have passed: 2 working days late,
        // though the calendar shows nine days.
        CHECK(check(submitted("2026-09-28T10:00"), world, "2026-10-09 10:00") ==
              Lines{"review.overdue error R-7KQ2XM li 2 requests/R-7KQ2XM/request.yaml:1:1: the "
                    "review of R-7KQ2XM by 李华 (li) was due 2026-09-30 18:00; it is 2 working "
                    "days late"});
        // Then the make-up Saturday 10-10 counts, Sunday 10-11 does not, Monday 10-12 does.
        CHECK(check_request(submitted("2026-09-28T10:00"), world.at("2026-10-12 10:00"))[0]
                  .late_days == 4);
    }

    TEST_CASE("review.overdue starts after the end of the working day it is due") {
        const fixtures::World world;
        const auto r = submitted("2026-07-06T10:00"); // due Wednesday 07-08 18:00
        CHECK(check(r, world, "2026-07-08 18:00") == Lines{});
        const auto late = check_request(r, world.at("2026-07-08 18:01"));
        REQUIRE(late.size() == 1);
        CHECK(late[0].rule == "review.overdue");
        CHECK(late[0].late_days == 1); // at least one once passed
    }

    TEST_CASE("form.changed-after-submit: the form differs from what was submitted") {
        const fixtures::World world;
        auto r = submitted("2026-07-06T10:00");
        const auto before = hash(r);
        r.form.goal = "A first reply within 2 working hours.";
        CHECK(check(r, world, "2026-07-06 12:00") ==
              Lines{"form.changed-after-submit error R-7KQ2XM zhang 0 "
                    "requests/R-7KQ2XM/request.yaml:1:1: the form of R-7KQ2XM changed after it "
                    "was submitted (submitted " +
                    before + ", now " + hash(r) +
                    "); return it for changes or restore the submitted text"});
    }

    TEST_CASE("record.orphan: a form without its create entry, a table without its split entry") {
        const fixtures::World world;
        auto r = fixtures::request(due_later());
        CHECK(check(r, world, "2026-07-06 12:00") ==
              Lines{"record.orphan error R-7KQ2XM zhang 0 requests/R-7KQ2XM/request.yaml:1:1: "
                    "R-7KQ2XM has a form but no 'create' entry: a command was killed before it "
                    "recorded the request; run `collab doctor --fix` (it keeps the form in "
                    ".collab/rescued/)"});
        auto split_killed = approved();
        split_killed.tasks = model::TaskTable{};
        CHECK(check(split_killed, world, "2026-09-21 12:00") ==
              Lines{"record.orphan error R-7KQ2XM  0 requests/R-7KQ2XM/tasks.yaml:1:1: R-7KQ2XM "
                    "has a tasks.yaml but no 'split' entry: a split was killed before it recorded "
                    "the table; run `collab doctor --fix` (it keeps the table in "
                    ".collab/rescued/), then split again"});
    }

    TEST_CASE("form.incomplete: a submitted form that breaks the form rule") {
        const fixtures::World world;
        const auto r =
            submitted("2026-07-06T10:00", with(due_later(), "due: 2026-12-31", "due: 2026-10-01"));
        CHECK(check(r, world, "2026-07-06 12:00") ==
              Lines{"form.incomplete error R-7KQ2XM zhang 0 requests/R-7KQ2XM/request.yaml:5:6: "
                    "due 2026-10-01 falls on 国庆节 National Day, not a working day; the next "
                    "working day is 2026-10-08"});
    }

    TEST_CASE("request.overdue: past its due date and not accepted, owed by the project lead") {
        const fixtures::World world;
        // Due Wednesday 09-30; on Friday 10-09 two working days have passed (10-08, 10-09).
        CHECK(check(approved(), world, "2026-10-09 10:00") ==
              Lines{"request.overdue error R-7KQ2XM zhang 2 requests/R-7KQ2XM/request.yaml:5:6: "
                    "R-7KQ2XM was due 2026-09-30 and is not accepted; it is 2 working days "
                    "late"});
        const auto led = with(fixtures::k_one_department_form, "initiator: zhang",
                              "initiator: zhang\nlead: chen");
        const auto findings = check_request(approved(led), world.at("2026-10-09 10:00"));
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].person == "chen");
        CHECK(findings[0].where.line == 6); // the lead line moved due down by one
    }

    TEST_CASE("request.overdue: not for drafts and requests that ended") {
        const fixtures::World world;
        auto draft = fixtures::request(fixtures::k_one_department_form);
        add_event(draft, 1, "2026-07-06T09:30", "zhang", "create", hash(draft));
        CHECK(check(draft, world, "2026-10-09 10:00") == Lines{});
        auto withdrawn = approved();
        add_event(withdrawn, 4, "2026-09-22T10:00", "zhang", "withdraw", hash(withdrawn));
        CHECK(check(withdrawn, world, "2026-10-09 10:00") == Lines{});
    }

    TEST_CASE("frozen.changed: the final form was edited by hand") {
        const fixtures::World world;
        auto r = approved(due_later());
        for (const char* person : {"zhang", "li", "chen"}) {
            add_event(r, 4, "2026-09-22T10:00", person, "sign", hash(r));
        }
        const auto final_hash = hash(r);
        CHECK(check(r, world, "2026-09-23 10:00") == Lines{});
        r.form.due = "2027-01-29";
        const auto findings = check_request(r, world.at("2026-09-23 10:00"));
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "frozen.changed");
        CHECK(en(findings[0].message) ==
              "the final form of R-7KQ2XM was changed without an approved change request (final " +
                  final_hash + ", now " + hash(r) +
                  "); restore it (git checkout) or propose a change request");
    }

    TEST_CASE("transition.illegal: a recorded action by the wrong person") {
        const fixtures::World world;
        auto r = submitted("2026-07-06T10:00");
        add_event(r, 3, "2026-07-06T11:00", "zhao", "review", hash(r), review_fields("approve"));
        CHECK(check(r, world, "2026-07-06 12:00") ==
              Lines{"transition.illegal error R-7KQ2XM zhao 0 requests/R-7KQ2XM/log/zhao.yaml:1:1: "
                    "the 'review' entry by zhao is not legal at that point of R-7KQ2XM (wrong "
                    "person or state); remove it from the log"});
    }

    TEST_CASE("collab.yaml's rule severities change how check reports a rule") {
        // collab.yaml: "set a rule's severity to error, warning or off to change how
        // `collab check` reports it". review.overdue belongs to the review rule.
        const auto r = submitted("2026-09-28T10:00");
        {
            model::Config settings;
            settings.severities["review"] = model::RuleSeverity::warning;
            const fixtures::World world(settings);
            const auto findings = check_request(r, world.at("2026-10-09 10:00"));
            REQUIRE(findings.size() == 1);
            CHECK(findings[0].rule == "review.overdue");
            CHECK(findings[0].severity == Severity::warning);
        }
        {
            model::Config settings;
            settings.severities["review"] = model::RuleSeverity::off;
            const fixtures::World world(settings);
            CHECK(check_request(r, world.at("2026-10-09 10:00")).empty());
        }
    }

    // Only 2026 has a calendar. 2026-12-31 is a Thursday, 2027-01-01 a Friday. The
    // review takes 2 working days; the form is due 2026-12-31.
    TEST_CASE("calendar.uncovered: no made-up lateness when the count needs 2027") {
        const fixtures::World world;
        // Submitted Thursday 12-10: review due Monday 12-14 18:00.
        const auto findings =
            check_request(submitted("2026-12-10T10:00"), world.at("2027-01-05 10:00"));
        REQUIRE(findings.size() == 3);
        CHECK(findings[0].rule == "review.overdue");
        CHECK(findings[0].late_days == -1);
        CHECK(en(findings[0].message).find("it is ? working days late") != std::string::npos);
        CHECK(findings[1].rule == "request.overdue");
        CHECK(findings[1].late_days == -1);
        CHECK(findings[2].rule == "calendar.uncovered");
        CHECK(findings[2].severity == Severity::error);
        const auto text = en(findings[2].message);
        CHECK(text.find("2 findings count working days in 2027") != std::string::npos);
        CHECK(text.find("collab calendar import FILE") != std::string::npos);
        CHECK(text.find("uncovered_years: weekends-only") != std::string::npos);
        // In 2026 the same request counts as before, with no calendar finding.
        CHECK(
            describe(check_request(submitted("2026-12-10T10:00"), world.at("2026-12-16 10:00"))) ==
            Lines{"review.overdue error R-7KQ2XM li 2 requests/R-7KQ2XM/request.yaml:1:1: the "
                  "review of R-7KQ2XM by 李华 (li) was due 2026-12-14 18:00; it is 2 working "
                  "days late"});
    }

    TEST_CASE("calendar.weekends-only: a guessed count is made, marked and warned about") {
        model::Config settings;
        settings.uncovered_years = time::UncoveredYears::weekends_only;
        const fixtures::World world(settings);
        const auto findings =
            check_request(submitted("2026-12-10T10:00"), world.at("2027-01-05 10:00"));
        REQUIRE(findings.size() == 3);
        // After Monday 12-14: 4 + 5 + 4 days of December, then Fri 01-01, Mon 01-04, Tue 01-05.
        CHECK(findings[0].rule == "review.overdue");
        CHECK(findings[0].late_days == 16);
        CHECK(en(findings[0].message).find("it is 16* working days late") != std::string::npos);
        CHECK(findings[1].rule == "request.overdue");
        CHECK(findings[1].late_days == 3);
        CHECK(findings[2].rule == "calendar.weekends-only");
        CHECK(findings[2].severity == Severity::warning);
        CHECK(en(findings[2].message)
                  .find("2 findings count working days in 2027 without holidays") !=
              std::string::npos);
    }

    TEST_CASE("calendar.uncovered: a review due across the year end is never dropped") {
        const fixtures::World world;
        // Submitted Wednesday 12-30: Thursday 12-31 is one working day, the second is in 2027.
        const auto r = submitted("2026-12-30T10:00");
        CHECK(check(r, world, "2026-12-31 17:59") == Lines{});
        const auto findings = check_request(r, world.at("2027-01-01 09:00"));
        REQUIRE(findings.size() >= 1);
        CHECK(findings[0].rule == "calendar.uncovered");
        CHECK(findings[0].person == "li");
        CHECK(
            en(findings[0].message) ==
            "R-7KQ2XM: the deadline of review.overdue cannot be worked out: it needs working days "
            "in 2027, which no calendar covers; add the 2027 calendar with `collab calendar "
            "import FILE` (holiday-cn JSON or .ics), or set `uncovered_years: weekends-only` in "
            "collab.yaml to count weekends only");
        // weekends-only: due Friday 01-01 18:00, guessed; on Tuesday 01-05 2* days late.
        model::Config settings;
        settings.uncovered_years = time::UncoveredYears::weekends_only;
        const fixtures::World guessing(settings);
        const auto guessed = check_request(r, guessing.at("2027-01-05 10:00"));
        REQUIRE(guessed.size() == 3);
        CHECK(guessed[0].rule == "review.overdue");
        CHECK(en(guessed[0].message).find("due 2027-01-01 18:00; it is 2* working days late") !=
              std::string::npos);
        CHECK(guessed[2].rule == "calendar.weekends-only");
        // Before the year's end the guessed deadline has not passed: nothing to warn of.
        CHECK(check_request(r, guessing.at("2026-12-31 12:00")).empty());
    }

    TEST_CASE("calendar.ending: from 1 December when next year has no calendar") {
        const fixtures::World world;
        CHECK_FALSE(calendar_ending(world.at("2026-11-30 23:59")).has_value());
        const auto ending = calendar_ending(world.at("2026-12-01 00:00"));
        REQUIRE(ending.has_value());
        CHECK(ending->rule == "calendar.ending");
        CHECK(ending->severity == Severity::warning);
        CHECK(en(ending->message).find("no calendar covers 2027") != std::string::npos);
        CHECK(en(ending->message).find("collab calendar import FILE") != std::string::npos);
        // Covered: nothing to say.
        time::CalendarYear next;
        next.year = 2027;
        const time::Calendar both(world.config.work_week, {fixtures::china_2026(), next},
                                  world.config.uncovered_years);
        const auto now = world.at("2026-12-15 10:00").now;
        CHECK_FALSE(
            calendar_ending({world.config, world.roster, both, world.zone, now}).has_value());
    }

    TEST_CASE("check_rules: unique ids, each under a docs/PROCESS.md rule with an explanation") {
        std::set<std::string> ids;
        for (const auto& rule : check_rules()) {
            const std::string rule_text = rule.id;
            CAPTURE(rule_text);
            CHECK(ids.insert(rule.id).second);
            const auto& process = model::rule_ids();
            // calendar.* are about the workspace's calendar files, record.* and event.future
            // about the integrity of the logs and what a killed command left, and the trust rules
            // (signatures, chains, check --trust-ref) about who wrote an entry and what a pull
            // request changed, under no docs/PROCESS.md rule: collab.yaml's severities cannot turn
            // them off.
            CHECK((std::find(process.begin(), process.end(), rule.process_rule) != process.end() ||
                   std::string(rule.process_rule) == "calendar" ||
                   std::string(rule.process_rule) == "record" ||
                   std::string(rule.process_rule) == "trust"));
            CHECK(i18n::has_message(rule.explanation));
        }
        for (const char* id : {"form.incomplete", "form.changed-after-submit", "review.overdue",
                               "request.overdue"}) {
            const std::string id_text = id;
            CAPTURE(id_text);
            CHECK(ids.count(id) == 1);
        }
    }
}

} // namespace test_check_request
