// What `collab blocker|risk|action|change list` select: open records by default, every
// one with --all, those concerning a person, those of a task.
#include <collab/rules/record_list.hpp>
#include <doctest/doctest.h>

namespace test_record_list {

namespace {

using namespace collab::rules;

// An execution with one record of each kind open and one settled.
Execution execution() {
    Execution x;
    x.split = true;
    TaskStatus task;
    task.task.id = "T1";
    x.tasks.push_back(task);

    Blocker open_blocker;
    open_blocker.id = "B-AAAA";
    open_blocker.task = "T1";
    open_blocker.raised_by = "wang";
    open_blocker.from = "li";
    Blocker closed_blocker = open_blocker;
    closed_blocker.id = "B-BBBB";
    closed_blocker.task = "T2";
    closed_blocker.closed_at = collab::time::Timestamp{};
    x.blockers = {open_blocker, closed_blocker};

    Risk on_task{"RK-AAAA", "T1", "late parts", "zhao", "2026-08-01", "mitigating", {}, {}};
    Risk on_request{"RK-BBBB", "R-7KQ2XM", "budget", "wang", "2026-08-01", "resolved", {}, {}};
    x.risks = {on_task, on_request};

    x.actions = {{"A-AAAA", "call the supplier", "li", "2026-07-01", false, {}},
                 {"A-BBBB", "send the slides", "zhao", "2026-07-01", true, {}}};

    ChangeRequest undecided;
    undecided.id = "CR-AAAA";
    undecided.proposed_by = "wang";
    undecided.affected_owners = {"li"};
    ChangeRequest approved = undecided;
    approved.id = "CR-BBBB";
    approved.decision = "approve";
    approved.decided_by = "chen";
    ChangeRequest rejected = undecided;
    rejected.id = "CR-CCCC";
    rejected.decision = "reject";
    rejected.decided_by = "chen";
    x.changes = {undecided, approved, rejected};
    return x;
}

std::vector<std::string> selected(const RecordFilter& filter) {
    RequestStatus status;
    status.reviewer = "chen";
    std::vector<std::string> ids;
    for (const auto& entry : record_entries(execution(), status)) {
        if (record_selected(entry, filter)) {
            ids.push_back(entry.id);
        }
    }
    return ids;
}

} // namespace

TEST_SUITE("collab::rules::record_list") {

    TEST_CASE("open records by default, every one with all") {
        CHECK(selected({RecordKind::blocker, false, "", ""}) == std::vector<std::string>{"B-AAAA"});
        CHECK(selected({RecordKind::blocker, true, "", ""}) ==
              std::vector<std::string>{"B-AAAA", "B-BBBB"});
        // A mitigating risk is still open; a resolved one is not.
        CHECK(selected({RecordKind::risk, false, "", ""}) == std::vector<std::string>{"RK-AAAA"});
        CHECK(selected({RecordKind::action, false, "", ""}) == std::vector<std::string>{"A-AAAA"});
        // Undecided, and approved while li has not confirmed; a rejected one is settled.
        CHECK(selected({RecordKind::change, false, "", ""}) ==
              std::vector<std::string>{"CR-AAAA", "CR-BBBB"});
        CHECK(selected({RecordKind::change, true, "", ""}).size() == 3);
    }

    TEST_CASE("a person: the raiser and the one waited on, owners, a change's people") {
        CHECK(selected({RecordKind::blocker, false, "li", ""}) ==
              std::vector<std::string>{"B-AAAA"});
        CHECK(selected({RecordKind::blocker, false, "wang", ""}) ==
              std::vector<std::string>{"B-AAAA"});
        CHECK(selected({RecordKind::blocker, false, "zhao", ""}).empty());
        CHECK(selected({RecordKind::risk, true, "wang", ""}) ==
              std::vector<std::string>{"RK-BBBB"});
        CHECK(selected({RecordKind::action, true, "zhao", ""}) ==
              std::vector<std::string>{"A-BBBB"});
        // The reviewer decides an undecided change; li must re-confirm both.
        CHECK(selected({RecordKind::change, false, "chen", ""}) ==
              std::vector<std::string>{"CR-AAAA", "CR-BBBB"});
        CHECK(selected({RecordKind::change, false, "li", ""}).size() == 2);
        CHECK(selected({RecordKind::change, false, "zhao", ""}).empty());
    }

    TEST_CASE("a task: blockers and risks on it, not those on the request") {
        CHECK(selected({RecordKind::blocker, true, "", "T2"}) ==
              std::vector<std::string>{"B-BBBB"});
        CHECK(selected({RecordKind::risk, true, "", "T1"}) == std::vector<std::string>{"RK-AAAA"});
        CHECK(selected({RecordKind::risk, true, "", "R-7KQ2XM"}).empty());
    }

    TEST_CASE("who a change waits on") {
        const auto x = execution();
        CHECK(change_waiting_on(x.changes[0], "chen") == std::vector<std::string>{"chen"});
        CHECK(change_waiting_on(x.changes[1], "chen") == std::vector<std::string>{"li"});
        CHECK(change_waiting_on(x.changes[2], "chen").empty());
        auto confirmed = x.changes[1];
        confirmed.confirmed_by = {"li"};
        confirmed.effective = true;
        CHECK_FALSE(change_open(confirmed));
        CHECK(change_waiting_on(confirmed, "chen").empty());
    }

    TEST_CASE("each entry keeps what its listing shows, and the state it is named by") {
        RequestStatus status;
        status.reviewer = "chen";
        const auto entries = record_entries(execution(), status);
        std::vector<std::string> states;
        for (const auto& entry : entries) {
            states.push_back(record_state(entry));
        }
        CHECK(states == std::vector<std::string>{"open", "closed", "mitigating", "resolved", "open",
                                                 "done", "pending", "confirming", "rejected"});
        const auto& blocker = std::get<BlockerShown>(entries[0].shown);
        CHECK(blocker.from == "li");
        CHECK(blocker.raised_by == "wang");
        const auto& risk = std::get<RiskShown>(entries[2].shown);
        CHECK(risk.text == "late parts");
        CHECK(risk.owner == "zhao");
        CHECK(risk.due == "2026-08-01");
        const auto& action = std::get<ActionShown>(entries[4].shown);
        CHECK(action.text == "call the supplier");
        CHECK(action.deadline == "2026-07-01");
        // A change shows whom it waits on: the reviewer, then the owners to confirm.
        CHECK(std::get<ChangeShown>(entries[6].shown).waiting_on ==
              std::vector<std::string>{"chen"});
        CHECK(std::get<ChangeShown>(entries[7].shown).waiting_on == std::vector<std::string>{"li"});
        CHECK(std::get<ChangeShown>(entries[8].shown).waiting_on.empty());
    }

    TEST_CASE("task list: open tasks by default, every one with all, a state asked for") {
        CHECK(task_selected(TaskState::active, std::nullopt, false));
        CHECK(task_selected(TaskState::rework, std::nullopt, false));
        CHECK(task_selected(TaskState::delivered, std::nullopt, false));
        CHECK_FALSE(task_selected(TaskState::accepted, std::nullopt, false));
        CHECK_FALSE(task_selected(TaskState::removed, std::nullopt, false));
        CHECK(task_selected(TaskState::accepted, std::nullopt, true));
        CHECK(task_selected(TaskState::accepted, TaskState::accepted, false));
        CHECK_FALSE(task_selected(TaskState::active, TaskState::accepted, true));
    }
}

} // namespace test_record_list
