// The split rule: task table problems at their place, dependency cycles, and who may
// split a final request.
#include "execution_story.hpp"

namespace test_split_rule {

namespace {
using namespace execution_story;
} // namespace

TEST_SUITE("collab::rules::split_rule") {

    TEST_CASE("find_cycle: none in a chain, the ids along a cycle otherwise") {
        CHECK(find_cycle(table(k_tasks)).empty());
        CHECK(joined(find_cycle(table(R"(tasks:
  - {id: T1, depends_on: [T3]}
  - {id: T2, depends_on: [T1]}
  - {id: T3, depends_on: [T2]}
)")),
                     " -> ") == "T1 -> T3 -> T2 -> T1");
        CHECK(joined(find_cycle(table(R"(tasks:
  - {id: T1}
  - {id: T2, depends_on: [T1, T3]}
  - {id: T3, depends_on: [T4]}
  - {id: T4, depends_on: [T2]}
)")),
                     " -> ") == "T2 -> T3 -> T4 -> T2");
        CHECK(joined(find_cycle(table("tasks:\n  - {id: T1, depends_on: [T1]}\n")), " -> ") ==
              "T1 -> T1");
        // A dependency on a task not in the table is not a cycle (reported on its own).
        CHECK(find_cycle(table("tasks:\n  - {id: T1, depends_on: [T9]}\n")).empty());
        // A diamond is not a cycle.
        CHECK(find_cycle(table(R"(tasks:
  - {id: T1}
  - {id: T2, depends_on: [T1]}
  - {id: T3, depends_on: [T1]}
  - {id: T4, depends_on: [T2, T3]}
)"))
                  .empty());
    }

    TEST_CASE("check_task_table: a good table passes") {
        CHECK(table_problems(k_tasks) == Lines{});
    }

    TEST_CASE("check_task_table: each problem at its place") {
        const fixtures::World world;
        const auto f = fixtures::form(k_form);
        Diagnostics out;
        check_task_table(
            table("tasks:\n" + row("T1", k_good_t1) +
                  row("T2", "    name: Build the dispatcher\n    owner: tech\n"
                            "    deadline: 2026-10-01\n    deliverable: Dispatcher v1\n"
                            "    depends_on: [T1]\n    covers: [2]\n")),
            f, f.due, world.at("2026-09-09 10:00"), out);
        CHECK(fixtures::rendered(out) ==
              Lines{k_tasks_path + ":10:12: error: task T2: 'tech' is the department 技术部, not a "
                                   "person; name one owner",
                    k_tasks_path + ":11:15: error: task T2: deadline 2026-10-01 falls on 国庆节 "
                                   "National Day, not a working day; the next working day is "
                                   "2026-10-08"});
    }

    TEST_CASE("check_task_table: owners and collaborators") {
        CHECK(table_problems(
                  "tasks:\n" + row("T1", k_good_t1) +
                  row("T2", "    name: Build\n    owner: zhao, wang\n"
                            "    deadline: 2026-09-28\n    deliverable: D\n    covers: [2]\n")) ==
              Lines{"task T2 names several owners (zhao, wang); one person owns a task, the others "
                    "are collaborators"});
        CHECK(table_problems(
                  "tasks:\n" + row("T1", k_good_t1) +
                  row("T2", "    name: Build\n    owner: 技术部\n"
                            "    deadline: 2026-09-28\n    deliverable: D\n    covers: [2]\n")) ==
              Lines{"task T2: '技术部' is the department 技术部, not a person; name one owner"});
        CHECK(
            table_problems(
                "tasks:\n" + row("T1", k_good_t1) +
                row("T2", "    name: Build\n    owner: zhaoo\n    collaborators: [nobody-at-all]\n"
                          "    deadline: 2026-09-28\n    deliverable: D\n    covers: [2]\n")) ==
            Lines{"task T2: 'zhaoo' is not in the roster (did you mean 'zhao'?)",
                  "task T2: 'nobody-at-all' is not in the roster"});
        CHECK(table_problems("tasks:\n" + row("T1", k_good_t1) +
                             row("T2", "    name: Build\n    deadline: 2026-09-28\n"
                                       "    deliverable: D\n    covers: [2]\n")) ==
              Lines{"task T2 has no owner; name exactly one person"});
    }

    TEST_CASE("check_task_table: deadlines") {
        const auto with_deadline = [](const std::string& deadline) {
            return table_problems(
                "tasks:\n" + row("T1", k_good_t1) +
                row("T2", "    name: Build\n    owner: wang\n    deadline: " + deadline +
                              "\n    deliverable: D\n    depends_on: [T1]\n"
                              "    covers: [2]\n"));
        };
        CHECK(with_deadline("2026-09-28") == Lines{});
        // The make-up Sunday before National Day is a working day.
        CHECK(with_deadline("2026-09-20") == Lines{});
        CHECK(with_deadline("2026-09-19") ==
              Lines{"task T2: deadline 2026-09-19 is not a working day; the next working day is "
                    "2026-09-20"});
        CHECK(with_deadline("2026-09-25") ==
              Lines{"task T2: deadline 2026-09-25 falls on 中秋节 Mid-Autumn Festival, not a "
                    "working day; the next working day is 2026-09-28"});
        CHECK(with_deadline("2026-10-19") ==
              Lines{"task T2: deadline 2026-10-19 is after the request's due date 2026-10-16"});
        CHECK(
            with_deadline("2026-09-17") ==
            Lines{"task T2: deadline 2026-09-17 is before the deadline 2026-09-18 of T1, which it "
                  "depends on"});
        CHECK(with_deadline("2026-9-28") ==
              Lines{"task T2: deadline '2026-9-28' is not a date; write YYYY-MM-DD"});
        CHECK(table_problems("tasks:\n" + row("T1", k_good_t1) +
                             row("T2", "    name: Build\n    owner: wang\n    deliverable: D\n"
                                       "    covers: [2]\n")) == Lines{"task T2 has no deadline"});
    }

    TEST_CASE("check_task_table: ids, names, deliverables, dependencies, covered items") {
        CHECK(table_problems("tasks: []\n") == Lines{"the table has no tasks"});
        CHECK(table_problems("tasks:\n" + row("T1", k_good_t1) + row("T1", k_good_t2)) ==
              Lines{"task id T1 is used twice"});
        CHECK(
            table_problems(
                "tasks:\n" + row("T1", k_good_t1) +
                row("T2", "    owner: wang\n    deadline: 2026-09-28\n    covers: [2]\n")) ==
            Lines{"task T2 has no name", "task T2 names no deliverable (e.g. API document v1.0)"});
        CHECK(table_problems(
                  "tasks:\n" + row("T1", k_good_t1) +
                  row("T2", "    name: Build\n    owner: wang\n    deadline: 2026-09-28\n"
                            "    deliverable: D\n    depends_on: [T7]\n    covers: [2, 3]\n")) ==
              Lines{"task T2 depends on T7, which is not in the table",
                    "task T2 covers item 3, but the request has 2 action items"});
        CHECK(table_problems("tasks:\n" + row("T1", k_good_t1)) ==
              Lines{"action item 2 (Dispatch tickets automatically) is covered by no task; add "
                    "covers=2 to a task"});
        CHECK(table_problems(R"(tasks:
  - id: T1
    name: Write
    owner: zhao
    deadline: 2026-09-18
    deliverable: D
    depends_on: [T2]
    covers: [1]
  - id: T2
    name: Build
    owner: wang
    deadline: 2026-09-18
    deliverable: D
    depends_on: [T1]
    covers: [2]
)") == Lines{"the tasks depend on each other in a cycle: T1 -> T2 -> T1"});
    }

    TEST_CASE("check_split: a final request, by the initiator or the project lead") {
        const fixtures::World world;
        const auto context = world.at("2026-09-09 10:00");
        const auto r = final_request();
        CHECK_FALSE(outcome(check_split(r, "zhang", context)).refused);
        const auto by_wang = outcome(check_split(r, "wang", context));
        CHECK(by_wang.rule == "split");
        CHECK(by_wang.reason.find("only the initiator 张敏 (zhang)") == 0);
        const auto split = split_request();
        const auto again = outcome(check_split(split, "zhang", context));
        CHECK(again.rule == "split");
        CHECK(again.reason == "cannot split R-7KQ2XM: it is in-progress");
    }
}

} // namespace test_split_rule
