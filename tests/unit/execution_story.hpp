// The execution story shared by the stage-3 to stage-5 rule tests (execution replay,
// split rule, change impact, acceptance and delivery, stats): a two-department request
// (cs and tech; initiator zhang, participants zhao and chen) final on Wednesday
// 2026-09-09, split into three tasks, confirmed, delivered and accepted, built in memory
// over the fixtures.hpp roster and calendar.
#pragma once

#include "fixtures.hpp"

#include <algorithm>
#include <collab/model/task_table.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/split_rule.hpp>
#include <collab/rules/stats.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace execution_story {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::cst;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

inline const std::string k_id = fixtures::k_request_id;
inline const std::string k_tasks_path = "requests/" + fixtures::k_request_id + "/tasks.yaml";

inline std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The two-department form (cs and tech; initiator zhang, participants zhao and chen;
// items 1 "Publish the ticket API document", 2 "Dispatch tickets automatically"), due
// Friday 2026-10-16.
inline std::string due_oct_16() {
    std::string text = fixtures::k_two_department_form;
    const std::string from = "due: 2026-09-30";
    text.replace(text.find(from), from.size(), "due: 2026-10-16");
    return text;
}
inline const std::string k_form = due_oct_16();

inline std::string hash(const model::Request& r) {
    return model::content_hash(r.form);
}

// Appends an event with the next seq and the form's content hash.
inline void step(model::Request& r, const std::string& at, const std::string& by,
                 const std::string& action, std::string_view extra = "") {
    add_event(r, r.next_seq(), at, by, action, hash(r), extra);
}

// The request submitted on `submitted` (Monday 2026-09-07 10:00 unless given), approved by
// li the next working day, its meeting held, and final with every signature on
// Wednesday 2026-09-09 09:30.
inline model::Request final_request(const std::string& id = k_id,
                                    const std::string& form = k_form) {
    auto r = fixtures::request(form, id);
    step(r, "2026-09-07T09:00", "zhang", "create");
    step(r, "2026-09-07T10:00", "zhang", "submit", "to: li");
    step(r, "2026-09-08T10:00", "li", "review", review_fields("approve"));
    step(r, "2026-09-08T15:00", "zhang", "meeting", "attendees: [li, wang]");
    for (const char* person : {"zhang", "li", "wang", "zhao", "chen"}) {
        step(r, "2026-09-09T09:30", person, "sign");
    }
    return r;
}

inline model::TaskTable table(std::string_view text) {
    const auto node = fixtures::parse_yaml(text, k_tasks_path);
    Diagnostics out;
    auto read = model::read_task_table(node, k_tasks_path, out);
    REQUIRE(fixtures::rendered(out) == Lines{});
    REQUIRE(read.has_value());
    return std::move(*read);
}

// The task table of the stories below. Acceptors (project lead zhang and the
// collaborators): T1 zhang, chen; T2 zhang, wang, chen; T3 zhang, zhao.
inline const char* const k_tasks = R"(tasks:
  - id: T1
    name: Write the API document
    owner: zhao
    collaborators: [chen]
    deadline: 2026-09-18
    deliverable: API document v1.0
    covers: [1]
  - id: T2
    name: Build the dispatcher
    owner: zhao
    collaborators: [wang, chen]
    deadline: 2026-09-28
    deliverable: Dispatcher v1
    depends_on: [T1]
    covers: [2]
  - id: T3
    name: Train the agents
    owner: chen
    collaborators: [zhao]
    deadline: 2026-10-15
    deliverable: Training slides
    depends_on: [T2]
    covers: [2]
)";

// Split by zhang on 2026-09-09 10:00; not yet confirmed.
inline model::Request split_request(const std::string& id = k_id) {
    auto r = final_request(id);
    r.tasks = table(k_tasks);
    step(r, "2026-09-09T10:00", "zhang", "split");
    return r;
}

inline void confirm(model::Request& r, const std::string& task, const std::string& owner,
                    const std::string& at = "2026-09-09T10:30") {
    const auto* row = r.tasks->find(task);
    REQUIRE(row != nullptr);
    add_event(r, r.next_seq(), at, owner, "confirm", model::task_hash(*row), "task: " + task);
}

// Split and every task confirmed.
inline model::Request confirmed_request(const std::string& id = k_id) {
    auto r = split_request(id);
    confirm(r, "T1", "zhao");
    confirm(r, "T2", "zhao");
    confirm(r, "T3", "chen");
    return r;
}

// With a self-check answering both items of the form, as the guard wants.
inline void deliver(model::Request& r, const std::string& at, const std::string& owner,
                    const std::string& task, const std::string& version, bool late) {
    step(r, at, owner, "deliver",
         "task: " + task + "\nversion: \"" + version + "\"\nlate: \"" + (late ? "yes" : "no") +
             "\"\nself_check: [{item: \"1\", done: \"yes\"}, {item: \"2\", done: \"yes\"}]");
}

inline void pass(model::Request& r, const std::string& at, const std::string& by,
                 const std::string& task) {
    step(r, at, by, "accept", "task: " + task + "\nverdict: pass");
}

inline void fail(model::Request& r, const std::string& at, const std::string& by,
                 const std::string& task, const std::string& reaccept_by) {
    step(r, at, by, "accept",
         "task: " + task + "\nverdict: fail\ncomment: Not yet\nreaccept_by: " + reaccept_by);
}

// Every task accepted on its first delivery, the last on Tuesday 2026-10-13 11:30.
inline model::Request accepted_request(const std::string& id = k_id) {
    auto r = confirmed_request(id);
    deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
    pass(r, "2026-09-17T17:00", "chen", "T1");
    pass(r, "2026-09-18T09:00", "zhang", "T1");
    deliver(r, "2026-09-28T16:00", "zhao", "T2", "v1", false);
    for (const char* person : {"zhang", "wang", "chen"}) {
        pass(r, "2026-09-29T10:00", person, "T2");
    }
    deliver(r, "2026-10-12T09:00", "chen", "T3", "v1", false);
    pass(r, "2026-10-13T09:00", "zhao", "T3");
    pass(r, "2026-10-13T11:30", "zhang", "T3");
    return r;
}

inline std::string feedback_fields(int clarity, int efficiency, int cs, int tech) {
    return "answers: {clarity: " + std::to_string(clarity) +
           ", efficiency: " + std::to_string(efficiency) +
           ", responsiveness.cs: " + std::to_string(cs) +
           ", responsiveness.tech: " + std::to_string(tech) + "}";
}

// Four requests, every number below worked out by hand:
//   R-AAAAAA (cs, tech) submitted Monday 09-07 10:00, approved 09-08 (1 working day,
//     due 09-09: on time), final 09-09. T1 delivered 09-17 on time, accepted first
//     time 09-18; T2 delivered 09-29 late, failed 09-30, delivered again 10-09,
//     accepted 10-10 (the make-up Saturday). A blocker on chen (cs) 09-10 09:00 to
//     15:00 = 6 h; on wang (tech) 09-21 10:00 to 09-22 09:30 = 23.5 h. Answers from
//     li (4, 3, 5, 4) and wang (5, 4, 4, 5).
//     final 09-09 -> accepted 10-10: Sept 10 11 14-18 20 21-24 28-30 = 15 (09-20 is a
//     make-up Sunday, 09-25 Mid-Autumn), Oct 8 9 10 = 3 -> 18 working days.
//   R-BBBBBB (cs, a customer's) submitted Friday 09-18 10:00, approved Monday 09-21
//     09:00: 2 working days (the make-up Sunday 09-20 and 09-21); the customer's review
//     was due within 1 working day, by 09-20 18:00: late. Not final.
//   R-CCCCCC (cs) a draft, never submitted: not counted.
//   R-DDDDDD (cs) submitted Monday 10-19 10:00, never reviewed: due 10-21 18:00,
//     overdue as of Thursday 10-22 10:00.
// (tests/unit/test_stats.cpp works the numbers out; test_digest_index.cpp pins their digests.)
inline std::vector<model::Request> stats_dataset() {
    std::vector<model::Request> requests;
    auto a = final_request("R-AAAAAA");
    a.tasks = table(R"(tasks:
  - id: T1
    name: Write the API document
    owner: zhao
    collaborators: [chen]
    deadline: 2026-09-18
    deliverable: API document v1.0
    covers: [1]
  - id: T2
    name: Build the dispatcher
    owner: chen
    collaborators: [wang]
    deadline: 2026-09-28
    deliverable: Dispatcher v1
    depends_on: [T1]
    covers: [2]
)");
    step(a, "2026-09-09T10:00", "zhang", "split");
    confirm(a, "T1", "zhao");
    confirm(a, "T2", "chen");
    step(a, "2026-09-10T09:00", "zhao", "progress",
         "task: T1\nnote: x\nblocker: {id: B-AAAA, text: Old tickets, from: chen, by: "
         "\"2026-09-10T17:00\"}");
    step(a, "2026-09-10T15:00", "chen", "unblock", "blocker: B-AAAA");
    deliver(a, "2026-09-17T16:00", "zhao", "T1", "v1", false);
    pass(a, "2026-09-17T17:00", "chen", "T1");
    pass(a, "2026-09-18T09:00", "zhang", "T1");
    step(a, "2026-09-21T10:00", "chen", "progress",
         "task: T2\nnote: x\nblocker: {id: B-BBBB, text: A server, from: wang, by: "
         "\"2026-09-22T12:00\"}");
    step(a, "2026-09-22T09:30", "wang", "unblock", "blocker: B-BBBB");
    deliver(a, "2026-09-29T10:00", "chen", "T2", "v1", true);
    fail(a, "2026-09-30T10:00", "wang", "T2", "2026-10-10");
    deliver(a, "2026-10-09T15:00", "chen", "T2", "v2", true);
    pass(a, "2026-10-10T09:00", "wang", "T2");
    pass(a, "2026-10-10T09:30", "zhang", "T2");
    step(a, "2026-10-12T09:00", "li", "feedback", feedback_fields(4, 3, 5, 4));
    step(a, "2026-10-12T10:00", "wang", "feedback", feedback_fields(5, 4, 4, 5));
    requests.push_back(std::move(a));

    // The one-department form (cs), due 2026-10-30 so that no request is overdue itself.
    const auto one = replace(fixtures::k_one_department_form, "due: 2026-09-30", "due: 2026-10-30");
    auto customer = replace(one, "source: internal", "source: customer\ncustomer: Acme Ltd");
    auto b = fixtures::request(customer, "R-BBBBBB");
    step(b, "2026-09-18T09:00", "zhang", "create");
    step(b, "2026-09-18T10:00", "zhang", "submit", "to: li");
    step(b, "2026-09-21T09:00", "li", "review", review_fields("approve"));
    requests.push_back(std::move(b));

    auto c = fixtures::request(one, "R-CCCCCC");
    step(c, "2026-09-01T09:00", "zhang", "create");
    requests.push_back(std::move(c));

    auto dd = fixtures::request(one, "R-DDDDDD");
    step(dd, "2026-10-19T09:00", "zhang", "create");
    step(dd, "2026-10-19T10:00", "zhang", "submit", "to: li");
    requests.push_back(std::move(dd));
    return requests;
}

// The request's status and execution: rules::replay (test_replay.cpp holds it to
// derive_status and derive_execution).
using collab::rules::replay;
using collab::rules::Replayed;

// "T1 active, T2 waiting, ..."
inline std::string states(const Execution& x) {
    std::string out;
    for (const auto& task : x.tasks) {
        out += (out.empty() ? "" : ", ") + task.task.id + " " +
               std::string(task_state_name(task.state));
    }
    return out;
}

inline std::string ignored(const Execution& x) {
    std::string out;
    for (const auto* event : x.ignored) {
        out += (out.empty() ? "" : ", ") + event->by + " " + event->action;
    }
    return out;
}

inline std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : sep) + item;
    }
    return out;
}

struct Outcome {
    bool refused = false;
    std::string rule;
    std::string reason;
    Lines hints;
};

inline Outcome outcome(const std::optional<Refusal>& refusal) {
    Outcome out;
    if (refusal) {
        out.refused = true;
        out.rule = refusal->rule;
        out.reason = en(refusal->reason);
        out.hints = en(refusal->hints);
    }
    return out;
}

// Only the messages of the split rule's problems, in order.
inline Lines messages(const Diagnostics& out) {
    Lines lines;
    for (const auto& item : out.items()) {
        lines.push_back(en(item.message));
    }
    return lines;
}

inline Lines table_problems(std::string_view tasks, const std::string& form = k_form) {
    const fixtures::World world;
    const auto context = world.at("2026-09-09 10:00");
    const auto f = fixtures::form(form);
    Diagnostics out;
    check_task_table(table(tasks), f, f.due, context, out);
    return messages(out);
}

// A task table row with the given fields, as YAML.
inline std::string row(const std::string& id, const std::string& fields) {
    return "  - id: " + id + "\n" + fields;
}

inline const std::string k_good_t1 =
    "    name: Write the API document\n    owner: zhao\n    deadline: 2026-09-18\n"
    "    deliverable: API document v1.0\n    covers: [1]\n";
inline const std::string k_good_t2 =
    "    name: Build the dispatcher\n    owner: wang\n    deadline: 2026-09-28\n"
    "    deliverable: Dispatcher v1\n    depends_on: [T1]\n    covers: [2]\n";

} // namespace execution_story
