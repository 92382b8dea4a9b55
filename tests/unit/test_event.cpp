// Event logs: reading one person's log, writing an entry, and the causal order.
#include "fixtures.hpp"

#include <algorithm>
#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <doctest/doctest.h>

namespace test_event {

namespace {

using namespace collab;
using namespace date::literals;
using fixtures::cst;
using fixtures::Lines;

struct Read {
    std::vector<model::Event> events;
    Lines diagnostics;
};

Read read(std::string_view text, const std::string& owner = "zhang") {
    const std::string path = "requests/R-7KQ2XM/log/" + owner + ".yaml";
    const auto node = fixtures::parse_yaml(text, path);
    Diagnostics out;
    Read result;
    result.events = model::read_log(node, path, "R-TEST", owner, fixtures::shanghai(),
                                    model::event_action_keys(), out);
    result.diagnostics = fixtures::rendered(out);
    return result;
}

model::Event event(long long seq, time::Timestamp at, const std::string& by,
                   const std::string& action) {
    model::Event e;
    e.seq = seq;
    e.at = at;
    e.by = by;
    e.action = action;
    return e;
}

std::string order(const std::vector<model::Event>& events) {
    std::string out;
    for (const auto& e : events) {
        out += (out.empty() ? "" : " ") + std::to_string(e.seq) + ":" + e.by;
    }
    return out;
}

} // namespace

TEST_SUITE("collab::model::event") {

    TEST_CASE("read_log reads every good entry and reports each bad one at its place") {
        const auto result = read("# collab log of zhang for request R-7KQ2XM.\n" // 1
                                 "- seq: 1\n"                                    // 2
                                 "  at: 2026-07-06T09:30:00+08:00\n"             // 3
                                 "  by: zhang\n"                                 // 4
                                 "  action: create\n"                            // 5
                                 "  content: ecfa49c7b79843c0\n"                 // 6
                                 "- seq: \"2\"\n"                                // 7
                                 "  at: 2026-07-06 10:00\n"                      // 8
                                 "  by: zhang\n"                                 // 9
                                 "  action: submit\n"                            // 10
                                 "  content: ecfa49c7b79843c0\n"                 // 11
                                 "  to: li\n"                                    // 12
                                 "- seq: 3\n"                                    // 13
                                 "  at: yesterday\n"                             // 14
                                 "  by: zhang\n"                                 // 15
                                 "  action: edit\n"                              // 16
                                 "- at: 2026-07-06T11:00:00+08:00\n"             // 17
                                 "  by: zhang\n"                                 // 18
                                 "  action: edit\n"                              // 19
                                 "- seq: 5\n"                                    // 20
                                 "  at: 2026-07-06T12:00:00+08:00\n"             // 21
                                 "  by: li\n"                                    // 22
                                 "  action: review\n"                            // 23
                                 "  decision: approve\n"                         // 24
                                 "- seq: 6\n"                                    // 25
                                 "  at: 2026-07-06T13:00:00+08:00\n"             // 26
                                 "  by: zhang\n"                                 // 27
                                 "  action: withdraw\n"                          // 28
                                 "  motive: changed my mind\n");                 // 29
        CHECK(result.diagnostics ==
              Lines{
                  "requests/R-7KQ2XM/log/zhang.yaml:14:7: error: 'yesterday' is not a time; write "
                  "2026-07-06T09:30:00+08:00",
                  "requests/R-7KQ2XM/log/zhang.yaml:17:3: error: log entry has no 'seq'",
                  "requests/R-7KQ2XM/log/zhang.yaml:22:7: error: entry by 'li' in the log of "
                  "'zhang'; each person writes only their own log",
                  "requests/R-7KQ2XM/log/zhang.yaml:29:3: warning: unknown key 'motive' on a "
                  "'withdraw' entry; it is kept",
              });
        REQUIRE(result.events.size() == 3);
        const auto& create = result.events[0];
        CHECK(create.seq == 1);
        CHECK(create.at == cst(2026_y / 7 / 6, 9, 30));
        CHECK(create.at_text == "2026-07-06T09:30:00+08:00");
        CHECK(create.by == "zhang");
        CHECK(create.on_behalf_of.empty());
        CHECK(create.action == "create");
        CHECK(create.content == "ecfa49c7b79843c0");
        CHECK(create.where.path == "requests/R-7KQ2XM/log/zhang.yaml");
        CHECK(create.where.line == 2);
        const auto& submit = result.events[1];
        CHECK(submit.seq == 2);
        CHECK(submit.at == cst(2026_y / 7 / 6, 10)); // local time in the workspace's zone
        CHECK(submit.at_text == "2026-07-06 10:00");
        CHECK(submit.field("to") == "li");
        CHECK(submit.field("absent") == "");
        const auto& withdraw = result.events[2];
        CHECK(withdraw.seq == 6);
        CHECK(withdraw.action == "withdraw");
        CHECK(withdraw.field("motive") == "changed my mind"); // unknown keys are kept
    }

    TEST_CASE("read_log: an empty log is no events; a log that is not a list is an error") {
        const auto empty = read("# nothing yet\n");
        CHECK(empty.events.empty());
        CHECK(empty.diagnostics == Lines{});
        const auto map = read("seq: 1\nat: 2026-07-06\nby: zhang\naction: create\n");
        CHECK(map.events.empty());
        CHECK(map.diagnostics ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:1: error: a log file must be a list of "
                    "entries"});
    }

    TEST_CASE("read_log: missing by or action, and a seq that is not a number") {
        const auto result = read("- seq: 1\n"                        // 1
                                 "  at: 2026-07-06T09:30:00+08:00\n" // 2
                                 "  action: create\n"                // 3
                                 "- seq: one\n"                      // 4
                                 "  at: 2026-07-06T09:30:00+08:00\n" // 5
                                 "  by: zhang\n"                     // 6
                                 "  action: create\n");              // 7
        CHECK(result.events.empty());
        CHECK(result.diagnostics ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:3: error: missing field 'by'",
                    "requests/R-7KQ2XM/log/zhang.yaml:4:8: error: field 'seq' must be a whole "
                    "number"});
    }

    TEST_CASE("Event::field reads action-specific text, and nothing from lists or maps") {
        const auto result = read("- seq: 4\n"
                                 "  at: 2026-07-08T10:00:00+08:00\n"
                                 "  by: zhang\n"
                                 "  action: meeting\n"
                                 "  attendees: [li, wang]\n"
                                 "  minutes: Agreed the scope.\n");
        REQUIRE(result.events.size() == 1);
        CHECK(result.events[0].field("minutes") == "Agreed the scope.");
        CHECK(result.events[0].field("attendees") == "");
    }

    TEST_CASE("format_event writes one list item: common keys, the action's, content last") {
        model::Event e;
        e.seq = 5;
        e.at_text = "2026-07-06T12:00:00+08:00";
        e.by = "chen";
        e.on_behalf_of = "li";
        e.action = "review";
        e.content = "ecfa49c7b79843c0";
        auto extra = yaml::Node::make_map();
        extra.set("decision", yaml::Node::make_scalar("approve"));
        auto checks = yaml::Node::make_map();
        checks.set("goals", yaml::Node::make_scalar("yes"));
        checks.set("resources", yaml::Node::make_scalar("no"));
        checks.set("breakdown", yaml::Node::make_scalar("yes"));
        extra.set("checks", checks);
        extra.set("comment", yaml::Node::make_scalar("Budget is tight: cut the travel line"));
        const auto text = model::format_event(e, extra);
        CHECK(text == "- seq: 5\n"
                      "  at: 2026-07-06T12:00:00+08:00\n"
                      "  by: chen\n"
                      "  on_behalf_of: li\n"
                      "  action: review\n"
                      "  decision: approve\n"
                      "  checks:\n"
                      "    goals: \"yes\"\n"
                      "    resources: \"no\"\n"
                      "    breakdown: \"yes\"\n"
                      "  comment: \"Budget is tight: cut the travel line\"\n"
                      "  content: ecfa49c7b79843c0\n");
        // What was written reads back as the same event (in the delegate's own log).
        const auto back = read(text, "chen");
        CHECK(back.diagnostics == Lines{});
        REQUIRE(back.events.size() == 1);
        CHECK(back.events[0].seq == 5);
        CHECK(back.events[0].at == cst(2026_y / 7 / 6, 12));
        CHECK(back.events[0].by == "chen");
        CHECK(back.events[0].on_behalf_of == "li");
        CHECK(back.events[0].action == "review");
        CHECK(back.events[0].content == "ecfa49c7b79843c0");
        CHECK(back.events[0].field("decision") == "approve");
        CHECK(back.events[0].field("comment") == "Budget is tight: cut the travel line");
    }

    TEST_CASE("format_event leaves out an empty on_behalf_of and content") {
        model::Event e;
        e.seq = 12;
        e.at_text = "2026-07-08T10:00:00+08:00";
        e.by = "zhang";
        e.action = "meeting";
        auto extra = yaml::Node::make_map();
        auto attendees = yaml::Node::make_sequence();
        attendees.push_back(yaml::Node::make_scalar("li"));
        attendees.push_back(yaml::Node::make_scalar("wang"));
        extra.set("attendees", attendees);
        extra.set("duration_minutes", yaml::Node::make_scalar("30"));
        CHECK(model::format_event(e, extra) == "- seq: 12\n"
                                               "  at: 2026-07-08T10:00:00+08:00\n"
                                               "  by: zhang\n"
                                               "  action: meeting\n"
                                               "  attendees: [li, wang]\n"
                                               "  duration_minutes: 30\n");
    }

    TEST_CASE("log_header names the person and the request") {
        CHECK(model::log_header("zhang", "R-7KQ2XM") ==
              "# collab log of zhang for request R-7KQ2XM.\n"
              "# Append-only: each entry is one action, written by collab. Do not edit\n"
              "# or reorder entries; `collab check` verifies them.\n");
    }

    TEST_CASE("sort_events orders by seq, then time, then person") {
        // Clocks disagree: li's seq 1 carries a later time than zhang's seq 2; seq wins.
        std::vector<model::Event> events = {
            event(2, cst(2026_y / 7 / 6, 10), "zhang", "submit"),
            event(1, cst(2026_y / 7 / 6, 11), "li", "create"),
            event(2, cst(2026_y / 7 / 6, 9), "wang", "sign"),
            event(3, cst(2026_y / 7 / 6, 8), "li", "review"),
            event(2, cst(2026_y / 7 / 6, 9), "chen", "sign"),
        };
        model::sort_events(events);
        CHECK(order(events) == "1:li 2:chen 2:wang 2:zhang 3:li");
    }

    TEST_CASE("Request: next_seq is one more than the largest seq; log paths per person") {
        model::Request request;
        request.dir = "requests/R-7KQ2XM";
        CHECK(request.next_seq() == 1);
        request.events = {event(3, {}, "zhang", "create"), event(7, {}, "li", "review"),
                          event(5, {}, "chen", "sign")};
        CHECK(request.next_seq() == 8);
        CHECK(request.log_path("zhang") == "requests/R-7KQ2XM/log/zhang.yaml");
    }

    TEST_CASE("event keys: the common ones and the action-specific ones collab writes") {
        CHECK(model::event_common_keys() ==
              Lines{"seq", "at", "by", "on_behalf_of", "action", "content", "prev", "sig"});
        const auto& keys = model::event_action_keys();
        for (const char* key :
             {"to", "previous", "changes", "comment", "decision", "checks", "notes", "held_at",
              "duration_minutes", "attendees", "minutes", "decisions"}) {
            const std::string key_text = key;
            CAPTURE(key_text);
            CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
        }
    }
}

} // namespace test_event
