// check --trust-ref, the pure parts: append-only comparison of log texts at an entry
// boundary, the commit that added each entry, entries dated after it, and the
// roster and settings differences with their reviewers.
#include "fixtures.hpp"

#include <collab/rules/trust.hpp>
#include <doctest/doctest.h>

namespace test_trust {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::en;
using fixtures::Lines;
using fixtures::parse_yaml;

const std::string k_header = "# collab log of li for request R-7KQ2XM.\n"
                             "# Append-only: each entry is one action.\n";
const std::string k_one = "- seq: 3\n"
                          "  at: 2026-09-21T16:00:00+08:00\n"
                          "  by: li\n"
                          "  action: review\n";
const std::string k_two = "- seq: 5\n"
                          "  at: 2026-09-22T09:00:00+08:00\n"
                          "  by: li\n"
                          "  action: sign\n";
const std::string k_three = "- seq: 9\n"
                            "  at: 2026-09-23T09:00:00+08:00\n"
                            "  by: li\n"
                            "  action: ack\n";

TEST_SUITE("trust") {
    TEST_CASE("entry_lines: the top-level items, not comments, nested lists or '---'") {
        CHECK(entry_lines(k_header + k_one + k_two) == std::vector<int>{3, 7});
        CHECK(entry_lines("---\n- a: 1\n  b:\n    - x\n-\n  c: 2\n") == std::vector<int>{2, 5});
        CHECK(entry_lines("").empty());
    }

    TEST_CASE("first_rewritten_line: appending entries keeps the log") {
        const auto base = k_header + k_one + k_two;
        CHECK_FALSE(first_rewritten_line(base, base).has_value());
        CHECK_FALSE(first_rewritten_line(base, base + k_three).has_value());
        CHECK_FALSE(first_rewritten_line("", base).has_value());
        // A comment or blank line before the next entry is still after the boundary.
        CHECK_FALSE(first_rewritten_line(base, base + "\n# note\n" + k_three).has_value());
        // collab ends an unterminated last line before it appends.
        const auto open = base.substr(0, base.size() - 1);
        CHECK_FALSE(first_rewritten_line(open, base + k_three).has_value());
    }

    TEST_CASE("first_rewritten_line: an entry removed, reordered or rewritten names it") {
        const auto base = k_header + k_one + k_two + k_three;
        // The middle entry removed: the first entry of base not kept is at line 7.
        CHECK(first_rewritten_line(base, k_header + k_one + k_three) == 7);
        // Truncated: the last entry gone, or cut in the middle.
        CHECK(first_rewritten_line(base, k_header + k_one + k_two) == 11);
        CHECK(first_rewritten_line(base, base.substr(0, base.size() - 8)) == 11);
        // Reordered.
        CHECK(first_rewritten_line(base, k_header + k_two + k_one + k_three) == 3);
        // One field rewritten in the first entry.
        auto rewritten = base;
        rewritten.replace(rewritten.find("review"), 6, "reject");
        CHECK(first_rewritten_line(base, rewritten) == 3);
        // Emptied: it differs from the first line on.
        CHECK(first_rewritten_line(base, "") == 1);
        CHECK(first_rewritten_line(base, k_header) == 3);
        // The header edited: before any entry, the line of the difference.
        CHECK(first_rewritten_line(base, "# x\n" + base.substr(k_header.size())) == 1);
    }

    TEST_CASE("first_rewritten_line: text added inside the last entry is a rewrite") {
        const auto base = k_header + k_one + k_two;
        CHECK(first_rewritten_line(base, base + "  comment: added later\n") == 7);
        CHECK(first_rewritten_line(base, base + "\n  comment: added later\n") == 7);
        // Without a newline the appended text continues the last line.
        const auto open = base.substr(0, base.size() - 1);
        CHECK(first_rewritten_line(open, open + "x\n" + k_three) == 7);
    }

    TEST_CASE("entry_commits: each new entry with the first commit that holds it") {
        const auto base = k_header + k_one;
        const auto t1 = fixtures::cst(time::Date{date::year{2026} / 9 / 22}, 9, 30);
        const auto t2 = fixtures::cst(time::Date{date::year{2026} / 9 / 23}, 9, 30);
        const std::vector<LogVersion> versions = {{"aaa", t1, base + k_two},
                                                  {"bbb", t2, base + k_two + k_three}};
        const auto commits = entry_commits(base, versions);
        REQUIRE(commits.size() == 2);
        CHECK(commits[0].line == 7);
        CHECK(commits[0].commit == "aaa");
        CHECK(commits[1].line == 11);
        CHECK(commits[1].commit == "bbb");
        CHECK(commits[1].committed == t2);
        // The last commit deleted the log: nothing to judge.
        CHECK(entry_commits(base, {{"ccc", t2, std::nullopt}}).empty());
        CHECK(entry_commits(base, {}).empty());
    }

    TEST_CASE("entries_after_commit: later than the commit plus the clock skew") {
        const auto zone = fixtures::shanghai();
        auto request = fixtures::request(fixtures::k_one_department_form);
        fixtures::add_event(request, 5, "2026-09-22T12:00", "li", "sign", "c");
        fixtures::add_event(request, 6, "2026-09-22T09:33", "li", "ack", "c");
        request.events[0].where = {"requests/R-7KQ2XM/log/li.yaml", 7, 3};
        request.events[1].where = {"requests/R-7KQ2XM/log/li.yaml", 11, 3};
        const auto committed = fixtures::cst(time::Date{date::year{2026} / 9 / 22}, 9, 30);
        const std::vector<EntryCommit> commits = {{7, "0123456789abcdef", committed},
                                                  {11, "fedcba9876543210", committed}};
        const auto found = entries_after_commit(request.events, commits, "R-7KQ2XM", zone);
        REQUIRE(found.size() == 1);
        CHECK(found[0].rule == "event.after-commit");
        CHECK(found[0].severity == Severity::error);
        CHECK(found[0].where.line == 7);
        CHECK(found[0].person == "li");
        CHECK(en(found[0].message) ==
              "the 'sign' entry is dated 2026-09-22T12:00:00+08:00, after commit 0123456789 "
              "that added it was made (2026-09-22T09:30:00+08:00, 5 minutes of clock skew "
              "allowed); an entry cannot be recorded after it was committed");
        // An entry no commit added (not committed yet) is not judged.
        CHECK(entries_after_commit(request.events, {}, "R-7KQ2XM", zone).empty());
    }

    TEST_CASE("reviewers_of: the heads concerned, never the person changed") {
        const auto roster = fixtures::roster();
        CHECK(reviewers_of(roster, {"cs"}, "chen") == std::vector<std::string>{"li"});
        CHECK(reviewers_of(roster, {"cs", "tech"}, "chen") ==
              std::vector<std::string>{"li", "wang"});
        // The head of cs changed: the other heads review.
        CHECK(reviewers_of(roster, {"cs"}, "li") == std::vector<std::string>{"wang", "qian"});
        CHECK(reviewers_of(roster, {}, "") == std::vector<std::string>{"li", "wang", "qian"});
    }

    TEST_CASE("roster_changes: a person added, removed or changed, by field") {
        const auto trusted = fixtures::roster();
        const auto base = parse_yaml(fixtures::people_yaml(), "people.yaml");
        SUBCASE("comments and layout only: nothing") {
            const auto now = parse_yaml("# a comment\n" + fixtures::people_yaml());
            CHECK(roster_changes(base, now, trusted, "main", "people.yaml").empty());
        }
        SUBCASE("a role and a delegate changed") {
            auto text = fixtures::people_yaml();
            text.replace(text.find("delegate: chen"), 14, "delegate: sun");
            text.replace(text.find("manager: li\n    roles: []"), 25,
                         "manager: li\n    roles: [department-head]");
            const auto now = parse_yaml(text, "people.yaml");
            const auto found = roster_changes(base, now, trusted, "main", "people.yaml");
            REQUIRE(found.size() == 2);
            CHECK(found[0].rule == "trust.roster-changed");
            CHECK(found[0].severity == Severity::warning);
            CHECK(en(found[0].message) == "people.yaml changes li: delegate (differs from main); "
                                          "to be reviewed by 王强 (wang), 钱峰 (qian)");
            CHECK(found[0].person == "wang");
            CHECK(en(found[1].message) == "people.yaml changes zhang: roles (differs from main); "
                                          "to be reviewed by 李华 (li)");
            CHECK(found[1].where.line > 1);
        }
        SUBCASE("a person added to sales, one removed, and the departments") {
            const auto now = parse_yaml(R"(departments:
  - id: cs
    name: 客服部
  - id: sales
    name: 销售
people:
  - id: li
    name: 李华
    email: li.hua@example.com
    department: cs
    roles: [department-head]
    delegate: chen
  - id: qian
    name: 钱峰
    email: qian.feng@example.com
    department: sales
    roles: [department-head]
  - id: new
    name: New
    email: new@example.com
    department: sales
    manager: qian
)");
            Lines texts;
            for (const auto& finding : roster_changes(base, now, trusted, "main", "people.yaml")) {
                texts.push_back(en(finding.message));
            }
            CHECK(texts ==
                  Lines{"people.yaml adds new (not at main); to be reviewed by 钱峰 (qian)",
                        "people.yaml removes zhang (at main); to be reviewed by 李华 (li)",
                        "people.yaml removes chen (at main); to be reviewed by 李华 (li)",
                        "people.yaml removes wang (at main); to be reviewed by 李华 (li), 钱峰 "
                        "(qian)",
                        "people.yaml removes zhao (at main); to be reviewed by 王强 (wang)",
                        "people.yaml removes sun (at main); to be reviewed by 钱峰 (qian)",
                        "people.yaml changes the departments sales, tech (differs from main); "
                        "to be reviewed by 钱峰 (qian), 王强 (wang)"});
        }
    }

    TEST_CASE("changed_settings and config_changes: dotted keys, every head reviews") {
        const auto base = parse_yaml("name: x\nrules:\n  review:\n    days: 2\n  sync:\n"
                                     "    every_days: 7\ncalendars: [a.yaml]\n");
        const auto same = parse_yaml("# comment\nname: x\nrules:\n  review:\n    days: 2 # two\n"
                                     "  sync:\n    every_days: 7\ncalendars: [a.yaml]\n");
        CHECK(changed_settings(base, same).empty());
        const auto now = parse_yaml("name: x\nrules:\n  review:\n    days: 2\n    severity: off\n"
                                    "calendars: [a.yaml, b.yaml]\n");
        CHECK(changed_settings(base, now) == std::vector<std::string>{"rules.review.severity",
                                                                      "calendars",
                                                                      "rules.sync.every_days"});
        const auto trusted = fixtures::roster();
        const auto found = config_changes(base, now, trusted, "origin/main", "collab.yaml");
        REQUIRE(found.size() == 1);
        CHECK(found[0].rule == "trust.config-changed");
        CHECK(found[0].where.line == 5);
        CHECK(en(found[0].message) ==
              "collab.yaml changes rules.review.severity, calendars, rules.sync.every_days "
              "(differs from origin/main; the check used origin/main's settings); to be reviewed "
              "by 李华 (li), 王强 (wang), 钱峰 (qian)");
        CHECK(config_changes(base, same, trusted, "main", "collab.yaml").empty());
    }
}

} // namespace

} // namespace test_trust
