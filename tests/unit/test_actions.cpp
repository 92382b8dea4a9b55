// The action table (model/actions): every action of the logs spelled once, with its
// stage, keys and catalog row; and the per-action key check of read_log.
#include "fixtures.hpp"

#include <collab/i18n/message.hpp>
#include <collab/model/actions.hpp>
#include <collab/model/event.hpp>
#include <doctest/doctest.h>
#include <set>

namespace test_actions {

namespace {

using namespace collab;
using fixtures::Lines;

Lines read_diagnostics(std::string_view text) {
    const std::string path = "requests/R-7KQ2XM/log/zhang.yaml";
    const auto node = fixtures::parse_yaml(text, path);
    Diagnostics out;
    model::read_log(node, path, "R-TEST", "zhang", fixtures::shanghai(), model::event_action_keys(),
                    out);
    return fixtures::rendered(out);
}

TEST_SUITE("actions") {
    TEST_CASE("every action has one row, in the order of ActionKind, with a unique name") {
        const auto actions = model::all_actions();
        CHECK(actions.size() == static_cast<std::size_t>(model::ActionKind::unknown));
        std::set<std::string_view> names;
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const auto& row = actions[i];
            CAPTURE(row.name);
            CHECK(static_cast<std::size_t>(row.kind) == i);
            CHECK(names.insert(row.name).second);
            CHECK_FALSE(row.catalog_id.empty());
            std::set<std::string_view> keys;
            for (const auto& key : row.keys) {
                CHECK(keys.insert(key.name).second); // a key once per action
                for (const auto& common : model::event_common_keys()) {
                    CHECK(key.name != common);
                }
            }
        }
        CHECK(names.size() == 22);
    }

    TEST_CASE("name -> kind -> name round trips; other names are unknown") {
        for (const auto& row : model::all_actions()) {
            CAPTURE(row.name);
            CHECK(model::action_by_name(row.name) == row.kind);
            CHECK(model::action_name(row.kind) == row.name);
            CHECK(&model::action_info(row.kind) == &row);
        }
        CHECK(model::action_by_name("verdict") == model::ActionKind::unknown);
        CHECK(model::action_by_name("") == model::ActionKind::unknown);
        CHECK(model::action_by_name("Sync") == model::ActionKind::unknown);
        CHECK(model::action_name(model::ActionKind::unknown) == "");
        CHECK(model::action_by_name("risk-update") == model::ActionKind::risk_update);
        CHECK(model::action_info(model::ActionKind::deliver).stage == model::Stage::accept);
        CHECK(model::stage_name(model::action_info(model::ActionKind::sync).stage) == "execute");
        CHECK(model::action_info(model::ActionKind::sync).catalog_id == "log.sync");
    }

    TEST_CASE("each headline's catalog row exists in both languages") {
        for (const auto& row : model::all_actions()) {
            CAPTURE(row.name);
            // review's headline adds the decision, sign has a variant for a void signature.
            const std::string id = row.kind == model::ActionKind::review
                                       ? std::string(row.catalog_id) + ".approve"
                                       : std::string(row.catalog_id);
            CHECK(i18n::has_message(id));
        }
    }

    TEST_CASE("change-op kinds: unique names that round trip") {
        std::set<std::string_view> names;
        for (const auto& row : model::all_change_ops()) {
            CAPTURE(row.name);
            CHECK(names.insert(row.name).second);
            CHECK(model::change_op_by_name(row.name) == row.kind);
            CHECK(model::change_op_name(row.kind) == row.name);
        }
        CHECK(names == std::set<std::string_view>{"task-deadline", "due", "add-task", "remove-task",
                                                  "add-item", "remove-item", "scope", "withdraw"});
        CHECK(model::change_op_by_name("deadline") == model::ChangeOpKind::unknown);
    }

    TEST_CASE("read_log sets each event's kind from its action") {
        const std::string path = "requests/R-7KQ2XM/log/zhang.yaml";
        const auto node = fixtures::parse_yaml("- seq: 1\n  at: 2026-07-06T09:30:00+08:00\n"
                                               "  by: zhang\n  action: ack\n"
                                               "- seq: 2\n  at: 2026-07-06T09:40:00+08:00\n"
                                               "  by: zhang\n  action: wave\n",
                                               path);
        Diagnostics out;
        const auto events = model::read_log(node, path, "R-TEST", "zhang", fixtures::shanghai(),
                                            model::event_action_keys(), out);
        REQUIRE(events.size() == 2);
        CHECK(events[0].kind == model::ActionKind::ack);
        CHECK(events[1].kind == model::ActionKind::unknown);
        CHECK(events[1].action == "wave");
    }

    TEST_CASE("a key another action carries is unknown on this one: verdict on a sync") {
        CHECK(read_diagnostics("- seq: 4\n"                             // 1
                               "  at: 2026-07-10T10:00:00+08:00\n"      // 2
                               "  by: zhang\n"                          // 3
                               "  action: sync\n"                       // 4
                               "  held_at: 2026-07-10T10:00:00+08:00\n" // 5
                               "  duration_minutes: 25\n"               // 6
                               "  attendees: [zhang]\n"                 // 7
                               "  reports: []\n"                        // 8
                               "  actions: []\n"                        // 9
                               "  minutes: On track.\n"                 // 10
                               "  verdict: pass\n"                      // 11
                               "  atendees: [li]\n") ==                 // 12
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:11:3: warning: unknown key 'verdict' on "
                    "a 'sync' entry; it is kept",
                    "requests/R-7KQ2XM/log/zhang.yaml:12:3: warning: unknown key 'atendees' on "
                    "a 'sync' entry (did you mean 'attendees'?); it is kept"});
        // On an accept, verdict is its own key.
        CHECK(read_diagnostics("- seq: 9\n  at: 2026-09-24T10:00:00+08:00\n  by: zhang\n"
                               "  action: accept\n  task: T1\n  verdict: pass\n") == Lines{});
    }

    TEST_CASE("a missing required key is an error at the entry; optional keys may be absent") {
        CHECK(read_diagnostics("- seq: 2\n"                        // 1
                               "  at: 2026-07-06T10:00:00+08:00\n" // 2
                               "  by: zhang\n"                     // 3
                               "  action: submit\n"                // 4
                               "- seq: 3\n"                        // 5
                               "  at: 2026-07-06T11:00:00+08:00\n" // 6
                               "  by: zhang\n"                     // 7
                               "  action: withdraw\n") ==          // 8
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:3: error: a 'submit' entry needs 'to'; "
                    "collab writes it with every submit (see collab(5))"});
    }

    TEST_CASE("an action this release does not know accepts every action's keys") {
        CHECK(read_diagnostics("- seq: 2\n  at: 2026-07-06T10:00:00+08:00\n  by: zhang\n"
                               "  action: escalate\n  verdict: pass\n  to: li\n  motive: x\n") ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:7:3: warning: unknown key 'motive'; it is "
                    "kept"});
    }
}

} // namespace

} // namespace test_actions
