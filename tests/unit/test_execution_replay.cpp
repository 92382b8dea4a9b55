// The execution replay over requests built in memory: task states from planned to
// accepted, the feedback window, task timing (overdue, stale, years without a calendar),
// sync.missed, tasks.changed and who accepts a task.
#include "execution_story.hpp"

namespace test_execution_replay {

namespace {
using namespace execution_story;
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
                           "working day late"});
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
                    "working day late"});
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
                    "working days): 1 working day late"});
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

} // namespace test_execution_replay
