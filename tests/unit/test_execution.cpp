// Stages 3 to 5 over requests built in memory: the execution replay (task states from
// planned to accepted), the split rule (task table problems, dependency cycles), change
// impact (downstream tasks, owners who re-confirm), the acceptance and delivery rules
// (the 3-working-day re-acceptance limit across National Day 2026 with its make-up
// Saturday), and the numbers of `collab stats` on a hand-built set of requests.
#include "fixtures.hpp"

#include <algorithm>
#include <cctype>
#include <collab/model/task_table.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/split_rule.hpp>
#include <collab/rules/stats.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::cst;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

const std::string k_id = fixtures::k_request_id;
const std::string k_tasks_path = "requests/" + fixtures::k_request_id + "/tasks.yaml";

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The two-department form (cs and tech; initiator zhang, participants zhao and chen;
// items 1 "Publish the ticket API document", 2 "Dispatch tickets automatically"), due
// Friday 2026-10-16.
std::string due_oct_16() {
    std::string text = fixtures::k_two_department_form;
    const std::string from = "due: 2026-09-30";
    text.replace(text.find(from), from.size(), "due: 2026-10-16");
    return text;
}
const std::string k_form = due_oct_16();

std::string hash(const model::Request& r) {
    return model::content_hash(r.form);
}

// Appends an event with the next seq and the form's content hash.
void step(model::Request& r, const std::string& at, const std::string& by,
          const std::string& action, std::string_view extra = "") {
    add_event(r, r.next_seq(), at, by, action, hash(r), extra);
}

// The request submitted on `submitted` (Monday 2026-09-07 10:00 unless given), approved by
// li the next working day, its meeting held, and final with every signature on
// Wednesday 2026-09-09 09:30.
model::Request final_request(const std::string& id = k_id, const std::string& form = k_form) {
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

model::TaskTable table(std::string_view text) {
    const auto node = fixtures::parse_yaml(text, k_tasks_path);
    Diagnostics out;
    auto read = model::read_task_table(node, k_tasks_path, out);
    REQUIRE(fixtures::rendered(out) == Lines{});
    REQUIRE(read.has_value());
    return std::move(*read);
}

// The task table of the stories below. Acceptors (project lead zhang and the
// collaborators): T1 zhang, chen; T2 zhang, wang, chen; T3 zhang, zhao.
const char* const k_tasks = R"(tasks:
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
model::Request split_request(const std::string& id = k_id) {
    auto r = final_request(id);
    r.tasks = table(k_tasks);
    step(r, "2026-09-09T10:00", "zhang", "split");
    return r;
}

void confirm(model::Request& r, const std::string& task, const std::string& owner,
             const std::string& at = "2026-09-09T10:30") {
    const auto* row = r.tasks->find(task);
    REQUIRE(row != nullptr);
    add_event(r, r.next_seq(), at, owner, "confirm", model::task_hash(*row), "task: " + task);
}

// Split and every task confirmed.
model::Request confirmed_request(const std::string& id = k_id) {
    auto r = split_request(id);
    confirm(r, "T1", "zhao");
    confirm(r, "T2", "zhao");
    confirm(r, "T3", "chen");
    return r;
}

// With a self-check answering both items of the form, as the guard wants.
void deliver(model::Request& r, const std::string& at, const std::string& owner,
             const std::string& task, const std::string& version, bool late) {
    step(r, at, owner, "deliver",
         "task: " + task + "\nversion: \"" + version + "\"\nlate: \"" + (late ? "yes" : "no") +
             "\"\nself_check: [{item: \"1\", done: \"yes\"}, {item: \"2\", done: \"yes\"}]");
}

void pass(model::Request& r, const std::string& at, const std::string& by,
          const std::string& task) {
    step(r, at, by, "accept", "task: " + task + "\nverdict: pass");
}

void fail(model::Request& r, const std::string& at, const std::string& by, const std::string& task,
          const std::string& reaccept_by) {
    step(r, at, by, "accept",
         "task: " + task + "\nverdict: fail\ncomment: Not yet\nreaccept_by: " + reaccept_by);
}

// Every task accepted on its first delivery, the last on Tuesday 2026-10-13 11:30.
model::Request accepted_request(const std::string& id = k_id) {
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

std::string feedback_fields(int clarity, int efficiency, int cs, int tech) {
    return "answers: {clarity: " + std::to_string(clarity) +
           ", efficiency: " + std::to_string(efficiency) +
           ", responsiveness.cs: " + std::to_string(cs) +
           ", responsiveness.tech: " + std::to_string(tech) + "}";
}

struct Replayed {
    RequestStatus status;
    Execution execution;
};

Replayed replay(const model::Request& r, const model::Roster& roster) {
    Replayed out;
    out.status = derive_status(r, roster);
    out.execution = derive_execution(r, out.status, roster);
    return out;
}

// "T1 active, T2 waiting, ..."
std::string states(const Execution& x) {
    std::string out;
    for (const auto& task : x.tasks) {
        out += (out.empty() ? "" : ", ") + task.task.id + " " +
               std::string(task_state_name(task.state));
    }
    return out;
}

std::string ignored(const Execution& x) {
    std::string out;
    for (const auto* event : x.ignored) {
        out += (out.empty() ? "" : ", ") + event->by + " " + event->action;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
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

Outcome outcome(const std::optional<Refusal>& refusal) {
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
Lines messages(const Diagnostics& out) {
    Lines lines;
    for (const auto& item : out.items()) {
        lines.push_back(en(item.message));
    }
    return lines;
}

Lines table_problems(std::string_view tasks, const std::string& form = k_form) {
    const fixtures::World world;
    const auto context = world.at("2026-09-09 10:00");
    const auto f = fixtures::form(form);
    Diagnostics out;
    check_task_table(table(tasks), f, f.due, context, out);
    return messages(out);
}

// A task table row with the given fields, as YAML.
std::string row(const std::string& id, const std::string& fields) {
    return "  - id: " + id + "\n" + fields;
}

const std::string k_good_t1 =
    "    name: Write the API document\n    owner: zhao\n    deadline: 2026-09-18\n"
    "    deliverable: API document v1.0\n    covers: [1]\n";
const std::string k_good_t2 =
    "    name: Build the dispatcher\n    owner: wang\n    deadline: 2026-09-28\n"
    "    deliverable: Dispatcher v1\n    depends_on: [T1]\n    covers: [2]\n";

} // namespace

TEST_SUITE("collab::rules::execution") {

    TEST_CASE("a final request not split has no execution") {
        const auto roster = fixtures::roster();
        const auto r = final_request();
        const auto got1 = replay(r, roster);

        CHECK(got1.status.state == RequestState::final);
        CHECK_FALSE(got1.execution.split);
        CHECK(got1.execution.tasks.empty());
        CHECK(got1.execution.due == "2026-10-16");
    }

    TEST_CASE("planned when split; waiting or active once confirmed") {
        const auto roster = fixtures::roster();
        auto r = split_request();
        {
            const auto got2 = replay(r, roster);

            CHECK(got2.status.state == RequestState::in_progress);
            CHECK(got2.execution.split);
            CHECK(got2.execution.split_by == "zhang");
            CHECK(states(got2.execution) == "T1 planned, T2 planned, T3 planned");
        }
        // T2 is confirmed first: it waits on T1, which is not accepted.
        confirm(r, "T2", "zhao");
        CHECK(states(replay(r, roster).execution) == "T1 planned, T2 waiting, T3 planned");
        confirm(r, "T1", "chen"); // not the owner: ignored
        {
            const auto got3 = replay(r, roster);

            CHECK(states(got3.execution) == "T1 planned, T2 waiting, T3 planned");
            CHECK(ignored(got3.execution) == "chen confirm");
        }
        confirm(r, "T1", "zhao");
        confirm(r, "T3", "chen");
        const auto got4 = replay(r, roster);

        CHECK(states(got4.execution) == "T1 active, T2 waiting, T3 waiting");
        const auto* t1 = got4.execution.find_task("T1");
        REQUIRE(t1 != nullptr);
        CHECK(t1->confirmed);
        CHECK(t1->confirmed_at == cst(date::year{2026} / 9 / 9, 10, 30));
        CHECK(t1->confirmed_content == model::task_hash(*r.tasks->find("T1")));
    }

    TEST_CASE("active -> delivered -> rework -> delivered -> accepted, every round kept") {
        const auto roster = fixtures::roster();
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        {
            const auto got5 = replay(r, roster);

            CHECK(states(got5.execution) == "T1 delivered, T2 waiting, T3 waiting");
            const auto& t1 = *got5.execution.find_task("T1");
            CHECK(t1.version == 1);
            CHECK(t1.version_label == "v1");
            CHECK(t1.delivered_at == cst(date::year{2026} / 9 / 17, 16));
            CHECK_FALSE(t1.delivered_late);
            CHECK(t1.rounds == 0);
        }
        pass(r, "2026-09-17T17:00", "chen", "T1");
        {
            const auto got6 = replay(r, roster);

            const auto& t1 = *got6.execution.find_task("T1");
            CHECK(t1.state == TaskState::delivered); // zhang has not signed yet
            CHECK(t1.verdicts == std::map<std::string, std::string>{{"chen", "pass"}});
        }
        fail(r, "2026-09-18T09:00", "zhang", "T1", "2026-09-22");
        {
            const auto got7 = replay(r, roster);

            CHECK(states(got7.execution) == "T1 rework, T2 waiting, T3 waiting");
            const auto& t1 = *got7.execution.find_task("T1");
            CHECK(t1.rounds == 1);
            CHECK(t1.reaccept_by == "2026-09-22");
            CHECK(t1.failed_at == cst(date::year{2026} / 9 / 18, 9));
            CHECK_FALSE(t1.accepted_at.has_value());
        }
        deliver(r, "2026-09-21T15:00", "zhao", "T1", "v2", true);
        {
            const auto got8 = replay(r, roster);

            const auto& t1 = *got8.execution.find_task("T1");
            CHECK(t1.state == TaskState::delivered);
            CHECK(t1.version == 2);
            CHECK(t1.version_label == "v2");
            CHECK(t1.delivered_late);
            CHECK(t1.verdicts.empty()); // the earlier verdicts were on v1
            CHECK(got8.execution.deliveries.size() == 2);
        }
        pass(r, "2026-09-22T10:00", "chen", "T1");
        pass(r, "2026-09-22T11:00", "zhang", "T1");
        const auto got9 = replay(r, roster);

        CHECK(states(got9.execution) == "T1 accepted, T2 active, T3 waiting");
        const auto& t1 = *got9.execution.find_task("T1");
        CHECK(t1.rounds == 2);
        CHECK_FALSE(t1.first_pass);
        CHECK(t1.accepted_at == cst(date::year{2026} / 9 / 22, 11));
        CHECK(t1.reaccept_by.empty());
        CHECK_FALSE(got9.execution.accepted_at.has_value()); // T2 and T3 are not accepted
        CHECK(got9.status.state == RequestState::in_progress);
        CHECK(ignored(got9.execution).empty());
    }

    TEST_CASE("deliveries and verdicts out of turn are ignored, for check to report") {
        const auto roster = fixtures::roster();
        auto r = confirmed_request();
        pass(r, "2026-09-10T10:00", "zhang", "T1");                // before any delivery
        deliver(r, "2026-09-10T11:00", "chen", "T1", "v1", false); // not the owner
        deliver(r, "2026-09-10T11:00", "zhao", "T2", "v1", false); // T2 waits on T1
        deliver(r, "2026-09-10T12:00", "zhao", "T1", "v1", false); // applies
        pass(r, "2026-09-10T13:00", "zhao", "T1");                 // the owner
        pass(r, "2026-09-10T13:00", "sun", "T1");                  // outside the task
        pass(r, "2026-09-10T13:00", "li", "T1"); // the supervisor, not an acceptor
        step(r, "2026-09-10T13:00", "chen", "accept", "task: T1\nverdict: maybe");
        pass(r, "2026-09-10T14:00", "chen", "T1");               // applies
        fail(r, "2026-09-10T15:00", "chen", "T1", "2026-09-11"); // a second verdict
        step(r, "2026-09-10T15:00", "li", "feedback", feedback_fields(5, 5, 5, 5)); // not accepted
        const auto got10 = replay(r, roster);

        CHECK(ignored(got10.execution) ==
              "zhang accept, chen deliver, zhao deliver, zhao accept, sun accept, "
              "li accept, chen accept, chen accept, li feedback");
        const auto& t1 = *got10.execution.find_task("T1");
        CHECK(t1.state == TaskState::delivered);
        CHECK(t1.verdicts == std::map<std::string, std::string>{{"chen", "pass"}});
        CHECK(got10.execution.feedback.empty());
    }

    TEST_CASE("every task accepted: the request is accepted; every answer closes it") {
        const auto roster = fixtures::roster();
        const fixtures::World world;
        auto r = accepted_request();
        {
            const auto got11 = replay(r, roster);

            CHECK(states(got11.execution) == "T1 accepted, T2 accepted, T3 accepted");
            CHECK(got11.execution.accepted_at == cst(date::year{2026} / 10 / 13, 11, 30));
            CHECK(got11.status.state == RequestState::accepted);
            CHECK(got11.status.accepted_at == got11.execution.accepted_at);
            for (const auto& task : got11.execution.tasks) {
                CHECK(task.first_pass);
                CHECK(task.rounds == 1);
            }
            // The window: 5 working days after Tuesday 10-13 = 10-14 .. 10-20, until 18:00.
            CHECK(feedback_window_end(got11.status, world.at("2026-10-13 12:00")) ==
                  cst(date::year{2026} / 10 / 20, 18));
            CHECK(state_at(got11.status, world.at("2026-10-20 18:00")) == RequestState::accepted);
            CHECK(state_at(got11.status, world.at("2026-10-20 18:01")) == RequestState::closed);
        }
        // The survey goes to li, wang, zhao and chen; the initiator and outsiders are ignored.
        step(r, "2026-10-14T09:00", "zhang", "feedback", feedback_fields(5, 5, 5, 5));
        step(r, "2026-10-14T09:00", "sun", "feedback", feedback_fields(5, 5, 5, 5));
        step(r, "2026-10-14T09:00", "li", "feedback", feedback_fields(4, 3, 5, 4));
        step(r, "2026-10-14T09:30", "li", "feedback", feedback_fields(1, 1, 1, 1));
        step(r, "2026-10-14T10:00", "wang", "feedback", feedback_fields(5, 4, 4, 5));
        step(r, "2026-10-14T11:00", "zhao", "feedback", feedback_fields(3, 3, 4, 2));
        {
            const auto got12 = replay(r, roster);

            CHECK(got12.status.state == RequestState::accepted);
            CHECK_FALSE(got12.status.all_answered);
            CHECK(got12.execution.feedback.size() == 3);
            CHECK(ignored(got12.execution) == "zhang feedback, sun feedback, li feedback");
        }
        step(r, "2026-10-14T14:00", "chen", "feedback", feedback_fields(4, 2, 5, 3));
        const auto got13 = replay(r, roster);

        CHECK(got13.status.all_answered);
        CHECK(got13.status.state == RequestState::closed);
        CHECK(state_at(got13.status, world.at("2026-10-14 15:00")) == RequestState::closed);
    }

    TEST_CASE("the feedback window counts the make-up Saturday after National Day") {
        const auto roster = fixtures::roster();
        const fixtures::World world;
        auto r = confirmed_request();
        // Every task accepted on Tuesday 2026-09-29 (deadlines aside).
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        pass(r, "2026-09-17T17:00", "chen", "T1");
        pass(r, "2026-09-18T09:00", "zhang", "T1");
        deliver(r, "2026-09-28T16:00", "zhao", "T2", "v1", false);
        for (const char* person : {"zhang", "wang", "chen"}) {
            pass(r, "2026-09-29T09:00", person, "T2");
        }
        deliver(r, "2026-09-29T09:30", "chen", "T3", "v1", false);
        pass(r, "2026-09-29T10:00", "zhao", "T3");
        pass(r, "2026-09-29T10:00", "zhang", "T3");
        const auto status = derive_status(r, roster);
        REQUIRE(status.state == RequestState::accepted);
        // 09-30 = 1, (10-01..07 off), 10-08 = 2, 10-09 = 3, 10-10 (make-up) = 4, 10-12 = 5.
        CHECK(feedback_window_end(status, world.at("2026-09-29 12:00")) ==
              cst(date::year{2026} / 10 / 12, 18));
        CHECK(state_at(status, world.at("2026-10-12 18:00")) == RequestState::accepted);
        CHECK(state_at(status, world.at("2026-10-13 09:00")) == RequestState::closed);
        // check reports who did not answer once the window is over.
        std::vector<std::string> rules;
        std::vector<std::string> texts;
        for (const auto& finding : check_request(r, world.at("2026-10-13 09:00"))) {
            rules.push_back(finding.rule);
            texts.push_back(en(finding.message));
        }
        CHECK(joined(rules) == "feedback.missing");
        CHECK(texts == std::vector<std::string>{
                           "the feedback window of R-7KQ2XM closed on 2026-10-12 18:00 without "
                           "answers from 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen): 1 "
                           "working day(s) late"});
        // The next working day (10-14) it is two days late.
        const auto later = check_request(r, world.at("2026-10-14 09:00"));
        REQUIRE(later.size() == 1);
        CHECK(later.front().late_days == 2);
        CHECK(check_request(r, world.at("2026-10-12 18:00")).empty());
    }

    TEST_CASE("task_timing: overdue after the deadline's working day ends; stale when idle") {
        const fixtures::World world;
        auto r = confirmed_request(); // confirmed Wednesday 2026-09-09 10:30
        const auto timing = [&](const std::string& task, const std::string& now) {
            const auto got = replay(r, world.roster);
            return task_timing(*got.execution.find_task(task), world.at(now));
        };
        // T1, deadline Friday 09-18 (end of day 18:00).
        CHECK(timing("T1", "2026-09-18 18:00").days_left.value == 0);
        CHECK_FALSE(timing("T1", "2026-09-18 18:00").overdue);
        CHECK(timing("T1", "2026-09-18 18:01").overdue);
        // Monday 09-21: the make-up Sunday 09-20 and 09-21 have passed.
        CHECK(timing("T1", "2026-09-21 09:00").days_left.value == -2);
        CHECK(timing("T1", "2026-09-10 10:00").days_left.value == 6);
        // Idle for one working day is fine; more is stale.
        CHECK_FALSE(timing("T1", "2026-09-10 17:00").stale);
        CHECK(timing("T1", "2026-09-11 09:00").stale);
        CHECK(timing("T1", "2026-09-11 09:00").idle_days.value == 2);
        step(r, "2026-09-11T09:30", "zhao", "progress", "task: T1\nnote: Half done\npercent: 50");
        CHECK_FALSE(timing("T1", "2026-09-11 10:00").stale);
        CHECK(timing("T1", "2026-09-11 10:00").idle_days.value == 0);
        // A waiting task is never stale.
        CHECK_FALSE(timing("T2", "2026-09-17 10:00").stale);
        // Accepted: neither overdue nor stale.
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        pass(r, "2026-09-17T17:00", "chen", "T1");
        pass(r, "2026-09-18T09:00", "zhang", "T1");
        CHECK_FALSE(timing("T1", "2026-09-30 10:00").overdue);
        // T2 could start only when T1 was accepted (09-18 09:00): an hour later it has not
        // been idle for 7 working days.
        CHECK_FALSE(timing("T2", "2026-09-18 10:00").stale);
        CHECK(timing("T2", "2026-09-18 10:00").idle_days.value == 0);
    }

    TEST_CASE("task_timing in a year with no calendar: ? with error, n* with weekends-only") {
        auto r = confirmed_request(); // T1 due Friday 2026-09-18, confirmed 09-09
        const auto timing = [&](const fixtures::World& world, const std::string& now) {
            const auto got = replay(r, world.roster);
            return task_timing(*got.execution.find_task("T1"), world.at(now));
        };
        const fixtures::World world;
        const auto unknown = timing(world, "2027-01-05 10:00");
        CHECK(unknown.days_left.unknown());
        CHECK(unknown.days_left.year == 2027);
        CHECK(unknown.days_left.text() == "?");
        CHECK(unknown.overdue); // past the deadline's day, whatever the count
        CHECK(unknown.idle_days.unknown());
        CHECK_FALSE(unknown.stale); // not called stale on a count that was not made
        model::Config settings;
        settings.uncovered_years = time::UncoveredYears::weekends_only;
        const fixtures::World guessing(settings);
        const auto guessed = timing(guessing, "2027-01-05 10:00");
        CHECK(guessed.days_left.guessed());
        CHECK(guessed.days_left.year == 2027);
        CHECK(guessed.days_left.text().back() == '*');
        CHECK(guessed.stale);
    }

    // The messages of the findings of one rule.
    Lines findings_of(const model::Request& r, const Context& context, const std::string& rule) {
        Lines out;
        for (const auto& finding : check_request(r, context)) {
            if (finding.rule == rule) {
                out.push_back(en(finding.message));
            }
        }
        return out;
    }

    TEST_CASE("a failed acceptance: the re-acceptance date is the task's deadline meanwhile") {
        const fixtures::World world;
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        pass(r, "2026-09-17T17:00", "chen", "T1");
        pass(r, "2026-09-18T09:00", "zhang", "T1");
        // T2 (deadline Monday 09-28) delivered on time, failed on Wednesday 09-30 with
        // re-acceptance by the make-up Saturday 10-10 (3 working days).
        deliver(r, "2026-09-28T16:00", "zhao", "T2", "v1", false);
        fail(r, "2026-09-30T09:00", "wang", "T2", "2026-10-10");
        const auto t2 = [&](const std::string& now) {
            return task_timing(*replay(r, world.roster).execution.find_task("T2"), world.at(now));
        };
        CHECK(effective_deadline(*replay(r, world.roster).execution.find_task("T2")) ==
              "2026-10-10");
        CHECK_FALSE(t2("2026-10-09 10:00").overdue);
        CHECK(t2("2026-10-09 10:00").days_left.value == 1);
        CHECK(findings_of(r, world.at("2026-10-09 10:00"), "task.overdue") == Lines{});
        CHECK(findings_of(r, world.at("2026-10-10 18:00"), "task.overdue") == Lines{});
        // Redelivered on Friday 10-09: still on time, and not overdue while it waits.
        deliver(r, "2026-10-09T15:00", "zhao", "T2", "v2", false);
        CHECK(findings_of(r, world.at("2026-10-10 12:00"), "task.overdue") == Lines{});
        CHECK_FALSE(t2("2026-10-10 12:00").overdue);
        // Not re-accepted by the end of 10-10: overdue from the next working day.
        CHECK(findings_of(r, world.at("2026-10-12 09:00"), "task.overdue") ==
              Lines{"R-7KQ2XM/T2 Build the dispatcher was due 2026-10-10 and is not accepted: 1 "
                    "working day(s) late"});
        CHECK(t2("2026-10-12 09:00").overdue);
        // A re-acceptance date before the task's own deadline does not bring it forward.
        auto early = confirmed_request();
        deliver(early, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        fail(early, "2026-09-17T17:00", "chen", "T1", "2026-09-17");
        CHECK(effective_deadline(*replay(early, world.roster).execution.find_task("T1")) ==
              "2026-09-18");
    }

    TEST_CASE("task_timing: an accepted task has no countdown, never negative days left") {
        const fixtures::World world;
        const auto r = accepted_request();
        const auto got = replay(r, world.roster);
        const auto timing =
            task_timing(*got.execution.find_task("T1"), world.at("2026-12-01 10:00"));
        CHECK(timing.finished);
        CHECK(timing.days_left.value == 0);
        CHECK_FALSE(timing.overdue);
    }

    TEST_CASE("sync.missed: due at the end of the 7th working day, holidays not counted") {
        const fixtures::World world;
        auto r = confirmed_request();
        // A sync held on Friday 09-25: 09-28 = 1, 09-29 = 2, 09-30 = 3, (10-01..07 off),
        // 10-08 = 4, 10-09 = 5, 10-10 (make-up) = 6, 10-12 = 7.
        step(r, "2026-09-25T10:00", "zhang", "sync",
             "held_at: 2026-09-25T10:00:00+08:00\nduration_minutes: \"20\"\nattendees: [zhao]\n"
             "minutes: Fine");
        const auto x = replay(r, world.roster).execution;
        CHECK(x.sync_due(world.at("2026-09-25 11:00")) == cst(date::year{2026} / 10 / 12, 18));
        CHECK(findings_of(r, world.at("2026-10-08 09:00"), "sync.missed") == Lines{});
        CHECK(findings_of(r, world.at("2026-10-12 18:00"), "sync.missed") == Lines{});
        CHECK(findings_of(r, world.at("2026-10-13 09:00"), "sync.missed") ==
              Lines{"R-7KQ2XM has had no sync meeting since 2026-09-25 10:00 (the rule is every 7 "
                    "working days): 1 working day(s) late"});
    }

    TEST_CASE("tasks.changed: a hand edit of tasks.yaml is found after acceptance too") {
        const fixtures::World world;
        auto r = accepted_request();
        // The split records each row's hash, as `collab split` does.
        for (auto& event : r.events) {
            if (event.action == "split") {
                auto hashes = yaml::Node::make_map();
                for (const auto& task : r.tasks->tasks) {
                    hashes.set(task.id, yaml::Node::make_scalar(model::task_hash(task)));
                }
                event.data.set("tasks", hashes);
            }
        }
        REQUIRE(derive_status(r, world.roster).state == RequestState::accepted);
        CHECK(findings_of(r, world.at("2026-10-14 09:00"), "tasks.changed") == Lines{});
        r.tasks->tasks[0].deadline = "2026-09-30";
        CHECK(findings_of(r, world.at("2026-10-14 09:00"), "tasks.changed") ==
              Lines{"task R-7KQ2XM/T1 in tasks.yaml differs from what was split; deadlines and "
                    "tasks change only through `collab change` — restore it (git checkout) or "
                    "propose a change request"});
    }

    TEST_CASE("acceptors: the project lead and the task's collaborators, never its owner") {
        const auto r = split_request();
        CHECK(joined(acceptors(r, *r.tasks->find("T1"))) == "zhang, chen");
        CHECK(joined(acceptors(r, *r.tasks->find("T2"))) == "zhang, wang, chen");
        model::Task own;
        own.id = "T9";
        own.owner = "chen";
        own.collaborators = {"chen", "wang", "wang"};
        CHECK(joined(acceptors(r, own)) == "zhang, wang");
        // A named project lead replaces the initiator.
        auto led = r;
        led.form.lead = "wang";
        CHECK(joined(acceptors(led, *r.tasks->find("T1"))) == "wang, chen");
        // A task the project lead owns is not accepted by its own owner.
        own.owner = "zhang";
        own.collaborators = {"chen"};
        const auto people = acceptors(r, own);
        CHECK_MESSAGE(std::find(people.begin(), people.end(), "zhang") == people.end(),
                      "the owner zhang accepts their own task: " << joined(people));
    }
}

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
                    "task T2 covers item 3, but the request has 2 action item(s)"});
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

TEST_SUITE("collab::rules::accept and deliver") {

    // T1 accepted; T2 delivered late on Tuesday 2026-09-29 and passed by zhang.
    model::Request t2_delivered() {
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        pass(r, "2026-09-17T17:00", "chen", "T1");
        pass(r, "2026-09-18T09:00", "zhang", "T1");
        deliver(r, "2026-09-29T10:00", "zhao", "T2", "v1", true);
        pass(r, "2026-09-30T09:00", "zhang", "T2");
        return r;
    }

    Outcome accept_check(const model::Request& r, const std::string& task, const std::string& actor,
                         bool pass, const std::string& comment, const std::string& reaccept_by,
                         const std::string& now = "2026-09-30 10:00", int limit = 3) {
        model::Config config;
        config.numbers.reaccept_within_days = limit;
        const fixtures::World world(config);
        const auto x = replay(r, world.roster).execution;
        return outcome(check_accept(r, x, task, actor, pass, comment, reaccept_by, world.at(now)));
    }

    TEST_CASE(
        "check_accept: at most 3 working days, counted across National Day with the make-up day") {
        const auto r = t2_delivered();
        // From Wednesday 09-30: 10-01..07 off; 10-08 = 1, 10-09 = 2, 10-10 (make-up) = 3.
        CHECK_FALSE(accept_check(r, "T2", "wang", false, "Too slow", "2026-10-08").refused);
        CHECK_FALSE(accept_check(r, "T2", "wang", false, "Too slow", "2026-10-10").refused);
        CHECK_FALSE(
            accept_check(r, "T2", "wang", false, "Too slow", "2026-09-30").refused); // today
        const auto far = accept_check(r, "T2", "wang", false, "Too slow", "2026-10-12");
        CHECK(far.rule == "accept");
        CHECK(far.reason == "re-acceptance on 2026-10-12 is 4 working days away; the accept rule "
                            "allows at most 3 (by 2026-10-10)");
        // The Sunday between them is not a working day: 10-11 still counts 3.
        // Before the holiday, the make-up Sunday 09-20 counts too: from Friday 09-18,
        // 09-20 = 1, 09-21 = 2, 09-22 = 3, 09-23 = 4.
        auto early = confirmed_request();
        deliver(early, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        CHECK_FALSE(accept_check(early, "T1", "chen", false, "Add examples", "2026-09-22",
                                 "2026-09-18 10:00")
                        .refused);
        CHECK(accept_check(early, "T1", "chen", false, "Add examples", "2026-09-23",
                           "2026-09-18 10:00")
                  .reason == "re-acceptance on 2026-09-23 is 4 working days away; the accept rule "
                             "allows at most 3 (by 2026-09-22)");
        // The limit comes from the settings.
        CHECK_FALSE(
            accept_check(r, "T2", "wang", false, "Too slow", "2026-10-12", "2026-09-30 10:00", 4)
                .refused);
        CHECK(accept_check(r, "T2", "wang", false, "Too slow", "2026-10-10", "2026-09-30 10:00", 2)
                  .refused);
    }

    TEST_CASE("check_accept: a re-acceptance date on a holiday is not a working day") {
        const auto r = t2_delivered();
        // 2026-10-03 falls in National Day: 0 working days away, yet nobody works that day.
        const auto holiday = accept_check(r, "T2", "wang", false, "Too slow", "2026-10-03");
        CHECK(holiday.refused);
        CHECK(holiday.rule == "accept");
        const auto sunday = accept_check(r, "T2", "wang", false, "Too slow", "2026-10-11");
        CHECK(sunday.refused);
    }

    TEST_CASE("check_accept: comments, dates, who, and when") {
        const auto r = t2_delivered();
        const auto no_comment = accept_check(r, "T2", "wang", false, "", "2026-10-10");
        CHECK(no_comment.rule == "accept");
        CHECK(no_comment.reason ==
              "a failed acceptance needs written comments (--comment) saying what to change");
        CHECK(no_comment.hints == Lines{"add --comment \"...\""});
        CHECK(accept_check(r, "T2", "wang", false, "Too slow", "10/10/2026").reason ==
              "--reaccept-by '10/10/2026' is not a date; write YYYY-MM-DD");
        CHECK(accept_check(r, "T2", "wang", false, "Too slow", "2026-09-29").reason ==
              "the re-acceptance date 2026-09-29 has already passed");
        const auto uncovered = accept_check(r, "T2", "wang", false, "Too slow", "2027-01-04");
        CHECK(uncovered.rule == "accept");
        CHECK(uncovered.reason.find("no calendar file covers") != std::string::npos);
        // A pass needs neither comments nor a date.
        CHECK_FALSE(accept_check(r, "T2", "chen", true, "", "").refused);
        CHECK(accept_check(r, "T2", "zhao", true, "", "").reason ==
              "task T2 is accepted jointly by 张敏 (zhang), 王强 (wang), 陈晨 (chen)");
        CHECK(accept_check(r, "T2", "li", true, "", "").rule == "accept");
        CHECK(accept_check(r, "T2", "zhang", true, "", "").reason ==
              "you already gave your verdict on this delivery of T2");
        CHECK(accept_check(r, "T1", "zhang", true, "", "").reason ==
              "task T1 is accepted: acceptance follows a delivery");
        CHECK(accept_check(r, "T3", "zhang", true, "", "").reason ==
              "task T3 is waiting: acceptance follows a delivery");
        CHECK(accept_check(r, "T8", "zhang", true, "", "").reason == "R-7KQ2XM has no task T8");
    }

    Outcome deliver_check(const model::Request& r, const std::string& task,
                          const std::string& actor, const std::string& version,
                          const std::vector<SelfCheck>& checks,
                          const std::string& now = "2026-10-09 15:00") {
        const fixtures::World world;
        const auto x = replay(r, world.roster).execution;
        return outcome(check_deliver(r, x, task, actor, version, checks, world.at(now)));
    }

    TEST_CASE("check_deliver: the owner, an active task or one in rework, the self-check, a new "
              "version") {
        auto r = t2_delivered();
        const std::vector<SelfCheck> item2 = {{2, true, ""}};
        CHECK(deliver_check(r, "T2", "zhao", "", item2).reason ==
              "task T2 is delivered: only an active task or one in rework is delivered");
        fail(r, "2026-09-30T10:00", "wang", "T2", "2026-10-10");
        CHECK_FALSE(deliver_check(r, "T2", "zhao", "", item2).refused);
        CHECK_FALSE(deliver_check(r, "T2", "zhao", "v2", item2).refused);
        CHECK(deliver_check(r, "T2", "wang", "", item2).reason ==
              "only the owner of T2, 赵磊 (zhao), delivers it");
        const auto unanswered = deliver_check(r, "T2", "zhao", "", {{1, true, ""}});
        CHECK(unanswered.reason == "the self-check of T2 does not answer action item 2");
        CHECK(unanswered.hints ==
              Lines{"add --check 2=yes|no[:note] for every action item the task covers"});
        CHECK_FALSE(deliver_check(r, "T2", "zhao", "", {{2, false, "not yet 95%"}}).refused);
        CHECK(deliver_check(r, "T2", "zhao", "v1", item2).reason ==
              "T2 was already delivered as version v1; give the new version a new number");
        CHECK(deliver_check(r, "T3", "chen", "", item2).reason ==
              "task T3 is waiting: only an active task or one in rework is delivered");
        CHECK(deliver_check(r, "T1", "zhao", "", {{1, true, ""}}).reason ==
              "task T1 is accepted: only an active task or one in rework is delivered");
    }

    TEST_CASE("check_deliver: a version differs from every earlier one, not just the last") {
        auto r = t2_delivered();
        fail(r, "2026-09-30T10:00", "wang", "T2", "2026-10-10");
        deliver(r, "2026-10-08T10:00", "zhao", "T2", "v2", true);
        fail(r, "2026-10-08T11:00", "wang", "T2", "2026-10-10");
        const auto again = deliver_check(r, "T2", "zhao", "v1", {{2, true, ""}});
        CHECK(again.refused);
        CHECK(again.rule == "deliver");
    }
}

TEST_SUITE("collab::rules::stats") {

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
    struct Dataset {
        std::vector<model::Request> requests;
    };

    Dataset dataset() {
        Dataset d;
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
        d.requests.push_back(std::move(a));

        // The one-department form (cs), due 2026-10-30 so that no request is overdue itself.
        const auto one =
            replace(fixtures::k_one_department_form, "due: 2026-09-30", "due: 2026-10-30");
        auto customer = replace(one, "source: internal", "source: customer\ncustomer: Acme Ltd");
        auto b = fixtures::request(customer, "R-BBBBBB");
        step(b, "2026-09-18T09:00", "zhang", "create");
        step(b, "2026-09-18T10:00", "zhang", "submit", "to: li");
        step(b, "2026-09-21T09:00", "li", "review", review_fields("approve"));
        d.requests.push_back(std::move(b));

        auto c = fixtures::request(one, "R-CCCCCC");
        step(c, "2026-09-01T09:00", "zhang", "create");
        d.requests.push_back(std::move(c));

        auto dd = fixtures::request(one, "R-DDDDDD");
        step(dd, "2026-10-19T09:00", "zhang", "create");
        step(dd, "2026-10-19T10:00", "zhang", "submit", "to: li");
        d.requests.push_back(std::move(dd));
        return d;
    }

    std::string values(const Sample& sample) {
        std::string out;
        auto sorted = sample.values;
        std::sort(sorted.begin(), sorted.end());
        for (double v : sorted) {
            out += (out.empty() ? "" : " ") + fmt::format("{}", v);
        }
        return out;
    }

    TEST_CASE("Sample: mean and median") {
        CHECK_FALSE(Sample{}.mean().has_value());
        CHECK_FALSE(Sample{}.median().has_value());
        CHECK(Sample{{2, 3, 6}}.mean() == doctest::Approx(11.0 / 3));
        CHECK(Sample{{6, 2, 3}}.median() == 3);
        CHECK(Sample{{4, 1, 2, 1}}.median() == 1.5);
    }

    TEST_CASE("compute_stats: every number of the dataset") {
        const fixtures::World world;
        const auto d = dataset();
        const auto s = compute_stats(d.requests, {}, world.at("2026-10-22 10:00"));
        CHECK(s.requests == 3); // A, B, D; C was never submitted
        CHECK(values(s.submit_to_final) == "2");
        CHECK(values(s.final_to_accepted) == "18");
        CHECK(values(s.review_latency) == "1 2");
        CHECK(s.reviews_decided == 2);
        CHECK(s.reviews_on_time == 1); // B's customer review was due on the make-up Sunday
        CHECK(s.tasks_delivered == 2);
        CHECK(s.tasks_on_time == 1); // T2's first delivery was late
        CHECK(s.tasks_accepted == 2);
        CHECK(s.tasks_first_pass == 1);
        CHECK(s.rework_rounds == 1);
        REQUIRE(s.blocker_wait_hours.size() == 2);
        CHECK(values(s.blocker_wait_hours.at("cs")) == "6");
        CHECK(values(s.blocker_wait_hours.at("tech")) == "23.5");
        REQUIRE(s.feedback.size() == 4);
        CHECK(s.feedback.at("clarity").mean() == 4.5);
        CHECK(s.feedback.at("efficiency").mean() == 3.5);
        CHECK(s.feedback.at("responsiveness.cs").mean() == 4.5);
        CHECK(s.feedback.at("responsiveness.tech").mean() == 4.5);
        // Overdue now: D's review (due 10-21 18:00). A's window ended 10-16 with two answers
        // missing: a feedback finding, not an overdue one.
        CHECK(s.overdue_now == std::map<std::string, std::size_t>{{"review.overdue", 1}});
    }

    TEST_CASE("compute_stats: as of an earlier time, an open blocker waits until now") {
        const fixtures::World world;
        auto d = dataset();
        // Reopen: drop the unblock of B-BBBB (raised 09-21 10:00).
        auto& events = d.requests[0].events;
        events.erase(std::remove_if(events.begin(), events.end(),
                                    [](const model::Event& e) {
                                        return e.action == "unblock" &&
                                               e.field("blocker") == "B-BBBB";
                                    }),
                     events.end());
        const auto s = compute_stats(d.requests, {}, world.at("2026-09-21 16:30"));
        CHECK(values(s.blocker_wait_hours.at("tech")) == "6.5");
        CHECK(s.overdue_now.empty()); // D's review is not due yet
    }

    TEST_CASE("compute_stats: --since and --dept") {
        const fixtures::World world;
        const auto d = dataset();
        const auto context = world.at("2026-10-22 10:00");
        StatsFilter since;
        since.since = date::year{2026} / 9 / 18;
        auto s = compute_stats(d.requests, since, context);
        CHECK(s.requests == 2); // B (09-18) and D
        CHECK(values(s.review_latency) == "2");
        CHECK(s.reviews_on_time == 0);
        CHECK(s.tasks_delivered == 0);
        CHECK(s.feedback.empty());
        CHECK(s.blocker_wait_hours.empty());
        since.since = date::year{2026} / 9 / 19;
        CHECK(compute_stats(d.requests, since, context).requests == 1); // D
        StatsFilter tech;
        tech.department = "tech";
        s = compute_stats(d.requests, tech, context);
        CHECK(s.requests == 1); // A
        CHECK(s.rework_rounds == 1);
        CHECK(s.overdue_now.empty());
        StatsFilter cs;
        cs.department = "cs";
        CHECK(compute_stats(d.requests, cs, context).requests == 3);
        StatsFilter sales;
        sales.department = "sales";
        CHECK(compute_stats(d.requests, sales, context).requests == 0);
    }

    TEST_CASE("compute_stats: a rework round is a failed delivery, not every fail recorded") {
        const fixtures::World world;
        auto d = dataset();
        auto& a = d.requests[0];
        // Two acceptors failed the same delivery in two clones (merged), and an outsider's
        // hand-written fail: the replay keeps one fail, and so should the count.
        const auto original = a.events;
        a.events.clear();
        for (const auto& e : original) {
            a.events.push_back(e);
            if (e.action == "accept" && e.field("verdict") == "fail") {
                add_event(a, 900, "2026-09-30T10:05", "zhang", "accept", hash(a),
                          "task: T2\nverdict: fail\ncomment: x\nreaccept_by: 2026-10-10");
                add_event(a, 901, "2026-09-30T10:06", "sun", "accept", hash(a),
                          "task: T2\nverdict: fail\ncomment: x\nreaccept_by: 2026-10-10");
            }
        }
        const auto x = replay(a, world.roster).execution;
        CHECK(x.find_task("T2")->rounds == 2); // one fail, one pass
        CHECK(compute_stats(d.requests, {}, world.at("2026-10-22 10:00")).rework_rounds == 1);
    }
}
