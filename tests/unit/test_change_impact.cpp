// Change impact: downstream tasks that could not start in time, and the owners who
// re-confirm.
#include "execution_story.hpp"

#include <algorithm>
#include <cctype>

namespace test_change_impact {

namespace {
using namespace execution_story;
} // namespace

TEST_SUITE("collab::rules::change impact") {

    // T1 (zhao, 07-15) <- T2 (zhao, 07-22) <- T3 (zhang, 07-29); T4 (wang, 07-17) alone.
    Execution chain() {
        Execution x;
        x.split = true;
        const auto add = [&](const std::string& id, const std::string& owner,
                             const std::string& deadline, std::vector<std::string> depends) {
            TaskStatus status;
            status.task.id = id;
            status.task.owner = owner;
            status.task.deadline = deadline;
            status.task.depends_on = std::move(depends);
            status.state = TaskState::active;
            x.tasks.push_back(status);
        };
        add("T1", "zhao", "2026-07-15", {});
        add("T2", "zhao", "2026-07-22", {"T1"});
        add("T3", "zhang", "2026-07-29", {"T2"});
        add("T4", "wang", "2026-07-17", {});
        return x;
    }

    ChangeOp op(const std::string& kind, const std::string& target, const std::string& value = "") {
        ChangeOp o;
        o.kind = kind;
        o.target = target;
        o.value = value;
        return o;
    }

    TEST_CASE("downstream_impact: direct and transitive dependants that could not start in time") {
        const fixtures::World world;
        const auto x = chain();
        // T1 to 07-21: T2 can start 07-22, its own deadline: fine.
        CHECK(downstream_impact(x, {op("task-deadline", "T1", "2026-07-21")}, world.calendar)
                  .empty());
        // T1 to 07-22: T2 could start 07-23 at the earliest, after its deadline; T2 then ends
        // 07-23 and T3 can still start 07-24.
        CHECK(joined(downstream_impact(x, {op("task-deadline", "T1", "2026-07-22")},
                                       world.calendar)) == "T2");
        // T1 to 07-29: T2 starts 07-30 at the earliest; T3 then 07-31, after 07-29: both.
        CHECK(joined(downstream_impact(x, {op("task-deadline", "T1", "2026-07-29")},
                                       world.calendar)) == "T2, T3");
        // Moving T2 itself later affects T3 only; T4 depends on nothing.
        CHECK(joined(downstream_impact(x, {op("task-deadline", "T2", "2026-07-29")},
                                       world.calendar)) == "T3");
        CHECK(downstream_impact(x, {op("task-deadline", "T4", "2026-07-31")}, world.calendar)
                  .empty());
        CHECK(downstream_impact(x, {op("scope", "", "more"), op("due", "", "2026-08-31")},
                                world.calendar)
                  .empty());
    }

    TEST_CASE("downstream_impact: the earliest start skips National Day") {
        const fixtures::World world;
        auto x = chain();
        x.tasks[0].task.deadline = "2026-09-29";
        x.tasks[1].task.deadline = "2026-10-08";
        x.tasks[2].task.deadline = "2026-10-09";
        // T1 to Wednesday 09-30: T2 can start on 10-08 (the next working day): on time.
        CHECK(downstream_impact(x, {op("task-deadline", "T1", "2026-09-30")}, world.calendar)
                  .empty());
        // T1 to 10-08: T2 starts 10-09 (late); T2 then ends 10-09 and T3 starts on the
        // make-up Saturday 10-10, after its deadline 10-09: both.
        CHECK(joined(downstream_impact(x, {op("task-deadline", "T1", "2026-10-08")},
                                       world.calendar)) == "T2, T3");
    }

    TEST_CASE("downstream_impact: removed tasks are left out") {
        const fixtures::World world;
        auto x = chain();
        x.tasks[1].state = TaskState::removed;
        // T3 depended on T2 alone: with T2 removed, moving T1 affects nobody.
        CHECK(downstream_impact(x, {op("task-deadline", "T1", "2026-07-29")}, world.calendar)
                  .empty());
        x.tasks[2].task.depends_on = {"T1", "T2"};
        CHECK(joined(downstream_impact(x, {op("task-deadline", "T1", "2026-07-29")},
                                       world.calendar)) == "T3");
    }

    TEST_CASE(
        "affected_owners: owners of moved, added, removed tasks and of tasks past a new due date") {
        const auto x = chain();
        CHECK(joined(affected_owners(x, {op("task-deadline", "T2", "2026-07-24")})) == "zhao");
        CHECK(joined(affected_owners(x, {op("remove-task", "T4")})) == "wang");
        ChangeOp add = op("add-task", "");
        add.task.id = "T5";
        add.task.owner = "chen";
        CHECK(joined(affected_owners(x, {add})) == "chen");
        // A due date moved to 07-20: T2 (07-22) and T3 (07-29) end after it.
        CHECK(joined(affected_owners(x, {op("due", "", "2026-07-20")})) == "zhao, zhang");
        CHECK(affected_owners(x, {op("due", "", "2026-07-31")}).empty());
        // Each owner once, in the order of the operations.
        CHECK(joined(affected_owners(x, {op("task-deadline", "T4", "2026-07-20"),
                                         op("task-deadline", "T1", "2026-07-16"),
                                         op("task-deadline", "T2", "2026-07-23"), add})) ==
              "wang, zhao, chen");
        CHECK(affected_owners(x, {op("scope", "", "Also train sales"), op("add-item", "", "x :: y"),
                                  op("task-deadline", "T9", "2026-07-20")})
                  .empty());
    }

    TEST_CASE("describe_change_op: a Message per op with the values in force, Chinese in zh") {
        auto x = chain();
        x.tasks[1].task.name = "Build the router";
        x.due = "2026-07-31";
        ChangeOp add = op("add-task", "");
        add.task.id = "T5";
        add.task.name = "Train sales";
        add.task.owner = "chen";
        add.task.deadline = "2026-07-24";
        const std::vector<std::pair<ChangeOp, std::string>> cases = {
            {op("task-deadline", "T2", "2026-07-29"), "T2 deadline 2026-07-22 -> 2026-07-29"},
            {op("due", "", "2026-08-14"), "due 2026-07-31 -> 2026-08-14"},
            {add, "+ T5 Train sales (chen, 2026-07-24)"},
            {op("remove-task", "T2"), "- T2 Build the router"},
            {op("add-item", "", "Train :: all pass"), "+ item Train :: all pass"},
            {op("remove-item", "2"), "- item 2"},
            {op("scope", "", "Also sales"), "scope: Also sales"},
            {op("withdraw", ""), "withdraw the request"},
        };
        for (const auto& [change_op, english] : cases) {
            const auto message = describe_change_op(change_op, x);
            CHECK(i18n::render(i18n::Language::en, message) == english);
            // In Chinese, what is left after the arguments (ids, dates, names) is
            // no English at all.
            auto chinese = i18n::render(i18n::Language::zh, message);
            for (const auto& arg : message.args) {
                for (auto at = chinese.find(arg); !arg.empty() && at != std::string::npos;
                     at = chinese.find(arg)) {
                    chinese.erase(at, arg.size());
                }
            }
            CAPTURE(chinese);
            CHECK(std::none_of(chinese.begin(), chinese.end(),
                               [](unsigned char c) { return std::isalpha(c) != 0; }));
        }
        CHECK(
            i18n::render(i18n::Language::zh, describe_change_op(op("due", "", "2026-08-14"), x)) ==
            "需求完成日期 2026-07-31 -> 2026-08-14");
    }
}

} // namespace test_change_impact
