// Rules the commands apply besides their guards: a delivery's late flag and version,
// what a sync record needs and what its agenda lists as late or due, and a form edit
// keeping the request's identity and, once approved, its completeness.
#include "execution_story.hpp"

#include <collab/rules/request_transitions.hpp>
#include <collab/rules/sync_rule.hpp>

namespace test_command_rules {

namespace {
using namespace execution_story;

const TaskStatus& task_of(const Replayed& replayed, const std::string& id) {
    const auto* task = replayed.execution.find_task(id);
    REQUIRE(task != nullptr);
    return *task;
}
} // namespace

TEST_SUITE("collab::rules::command rules") {

    TEST_CASE("delivery_timing: late once the deadline's working day has ended") {
        const fixtures::World world;
        const auto r = confirmed_request();
        const auto got = replay(r, world.roster);
        const auto& t1 = task_of(got, "T1"); // deadline Friday 2026-09-18
        CHECK_FALSE(delivery_timing(t1, world.at("2026-09-18 18:00")).late);
        const auto late = delivery_timing(t1, world.at("2026-09-18 18:01"));
        CHECK(late.late);
        CHECK(late.deadline == "2026-09-18");
    }

    TEST_CASE("delivery_timing: inside a re-acceptance window its date is the deadline") {
        const fixtures::World world;
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        fail(r, "2026-09-18T09:00", "chen", "T1", "2026-09-22");
        const auto got = replay(r, world.roster);
        const auto& t1 = task_of(got, "T1");
        const auto timing = delivery_timing(t1, world.at("2026-09-21 10:00"));
        CHECK(timing.deadline == "2026-09-22");
        CHECK_FALSE(timing.late);
        CHECK(delivery_timing(t1, world.at("2026-09-23 09:00")).late);
        // The next version after v1.
        CHECK(next_version(t1) == "v2");
        CHECK(next_version(task_of(got, "T2")) == "v1");
    }

    TEST_CASE("sync_record_problem: duration, attendees, then minutes") {
        CHECK(sync_record_problem(0, 2, "notes")->id == "meeting.bad_duration");
        CHECK(sync_record_problem(30, 0, "notes")->id == "meeting.no_attendees");
        CHECK(sync_record_problem(30, 2, "")->id == "meeting.no_minutes");
        CHECK_FALSE(sync_record_problem(30, 2, "notes"));
        // Minutes not read yet: the first two alone.
        CHECK_FALSE(sync_record_problem(30, 2));
        CHECK(sync_record_problem(-5, 2)->id == "meeting.bad_duration");
        model::Config config;
        config.numbers.sync_max_minutes = 30;
        CHECK_FALSE(sync_too_long(30, config));
        CHECK(sync_too_long(31, config));
    }

    TEST_CASE("agenda_late and due_within_week") {
        const fixtures::World world;
        auto r = confirmed_request();
        step(r, "2026-09-10T09:00", "zhao", "progress",
             "task: T1\nnote: Waiting\nblocker: {id: B-AAAA, text: Access, from: chen, by: "
             "\"2026-09-11T12:00:00+08:00\"}");
        step(r, "2026-09-10T10:00", "zhang", "sync",
             "held_at: \"2026-09-10T10:00:00+08:00\"\nduration_minutes: \"20\"\nattendees: "
             "[zhang, zhao]\nminutes: Weekly\nactions: [{id: A-AAAA, text: Book a room, owner: "
             "zhao, deadline: \"2026-09-14\"}]");
        const auto got = replay(r, world.roster);
        REQUIRE(got.execution.blockers.size() == 1);
        REQUIRE(got.execution.actions.size() == 1);
        const auto before = agenda_late(got.execution, world.at("2026-09-11 12:00"));
        CHECK(before.blockers.empty());
        CHECK(before.actions.empty());
        const auto after = agenda_late(got.execution, world.at("2026-09-14 18:01"));
        CHECK(after.blockers.size() == 1);
        CHECK(after.actions.size() == 1);
        // T1 (Friday 09-18) is due within a week of Friday 09-11, T2 (09-28) is not.
        CHECK(due_within_week(task_of(got, "T1"), world.at("2026-09-11 10:00")));
        CHECK_FALSE(due_within_week(task_of(got, "T2"), world.at("2026-09-11 10:00")));
        // Nor once its working day is over.
        CHECK_FALSE(due_within_week(task_of(got, "T1"), world.at("2026-09-18 18:01")));
    }

    TEST_CASE("keeps_identity: left out keeps the request's own, another value does not") {
        model::RequestForm current;
        current.initiator = "zhang";
        current.created = "2026-07-06T09:30:00+08:00";
        model::RequestForm edited;
        CHECK(keeps_identity(edited, current));
        edited.initiator = "zhang";
        CHECK(keeps_identity(edited, current));
        edited.created = "2026-07-07T09:30:00+08:00";
        CHECK_FALSE(keeps_identity(edited, current));
        edited.created.clear();
        edited.initiator = "wang";
        CHECK_FALSE(keeps_identity(edited, current));
    }

    TEST_CASE("check_edit_complete: only an approved request must stay complete") {
        const fixtures::World world;
        auto r = fixtures::request(k_form);
        step(r, "2026-09-07T09:00", "zhang", "create");
        step(r, "2026-09-07T10:00", "zhang", "submit", "to: li");
        auto incomplete = r.form;
        incomplete.goal.clear();
        const auto context = world.at("2026-09-08 12:00");
        CHECK_FALSE(
            check_edit_complete(r, derive_status(r, world.roster), incomplete, "x.yaml", context));
        step(r, "2026-09-08T10:00", "li", "review", review_fields("approve"));
        const auto status = derive_status(r, world.roster);
        REQUIRE(status.state == RequestState::approved);
        CHECK_FALSE(check_edit_complete(r, status, r.form, "x.yaml", context));
        const auto refusal = check_edit_complete(r, status, incomplete, "x.yaml", context);
        REQUIRE(refusal);
        CHECK(refusal->rule == "form");
        CHECK_FALSE(refusal->details.empty());
    }
}

} // namespace test_command_rules
