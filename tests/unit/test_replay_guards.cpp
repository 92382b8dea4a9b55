// The replay refuses what the guards refuse. Each case writes by hand an entry that the
// command's guard (rules/execution_transitions) would have refused, as a hand edit or a
// merge from another clone can, and shows that derive_execution does not apply it and
// that check reports it as transition.illegal, because the replay calls the guard's own
// clock-free part (deliver_refusal, accept_refusal, ...).
#include "execution_story.hpp"

namespace test_replay_guards {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

using execution_story::confirm;
using execution_story::confirmed_request;
using execution_story::hash;
using execution_story::k_id;
using execution_story::split_request;

// An entry with the next seq, recorded on behalf of someone when given (a delegate).
void step(model::Request& r, const std::string& at, const std::string& by,
          const std::string& action, std::string_view extra = "",
          const std::string& on_behalf_of = "") {
    add_event(r, r.next_seq(), at, by, action, hash(r), extra, on_behalf_of);
}

// A deliver entry; `checks` is its self_check list as inline YAML.
void deliver(model::Request& r, const std::string& at, const std::string& owner,
             const std::string& task, const std::string& version,
             const std::string& checks = "[{item: \"1\", done: \"yes\"}, {item: \"2\", done: "
                                         "\"yes\"}]") {
    step(r, at, owner, "deliver",
         "task: " + task + "\nversion: \"" + version + "\"\nlate: \"no\"\nself_check: " + checks);
}

void accept(model::Request& r, const std::string& at, const std::string& by,
            const std::string& task, const std::string& fields = "verdict: pass") {
    step(r, at, by, "accept", "task: " + task + "\n" + fields);
}

model::Request accepted_request() {
    auto r = confirmed_request();
    deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1");
    accept(r, "2026-09-17T17:00", "chen", "T1");
    accept(r, "2026-09-18T09:00", "zhang", "T1");
    deliver(r, "2026-09-25T16:00", "zhao", "T2", "v1");
    for (const char* person : {"zhang", "wang", "chen"}) {
        accept(r, "2026-09-28T10:00", person, "T2");
    }
    deliver(r, "2026-09-29T09:00", "chen", "T3", "v1");
    accept(r, "2026-09-29T11:00", "zhao", "T3");
    accept(r, "2026-09-29T11:30", "zhang", "T3");
    return r;
}

// What check says of the entries that did not apply, in English.
Lines illegal(const model::Request& r, const std::string& now = "2026-09-30 10:00") {
    const fixtures::World world;
    Lines out;
    for (const auto& finding : check_request(r, world.at(now))) {
        if (finding.rule == "transition.illegal") {
            out.push_back(en(finding.message));
        }
    }
    return out;
}

std::string illegal_entry(const std::string& action, const std::string& by) {
    return "the '" + action + "' entry by " + by + " is not legal at that point of " + k_id +
           " (wrong person or state); remove it from the log";
}

Execution replayed(const model::Request& r) {
    const auto roster = fixtures::roster();
    return derive_execution(r, derive_status(r, roster), roster);
}

const char* const k_change = "change: CR-0001\nreason: The vendor is late\nops: [{kind: "
                             "task-deadline, target: T1, value: 2026-09-21}]";

} // namespace

TEST_SUITE("collab::rules replay uses the guards") {

    TEST_CASE("the stories built here are legal") {
        const auto r = accepted_request();
        CHECK(illegal(r, "2026-09-29 12:00") == Lines{});
        const auto x = replayed(r);
        CHECK(x.accepted_at.has_value());
        CHECK(x.ignored.empty());
    }

    TEST_CASE("deliver: a version delivered before") {
        auto r = confirmed_request();
        deliver(r, "2026-09-16T16:00", "zhao", "T1", "1.0");
        accept(r, "2026-09-16T17:00", "chen", "T1",
               "verdict: fail\ncomment: Examples missing\nreaccept_by: 2026-09-18");
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "1.0");
        CHECK(illegal(r) == Lines{illegal_entry("deliver", "zhao")});
        const auto x = replayed(r);
        CHECK(x.find_task("T1")->state == TaskState::rework);
        CHECK(x.find_task("T1")->versions == std::vector<std::string>{"1.0"});
        CHECK(x.deliveries.size() == 1);
    }

    TEST_CASE("deliver: no self-check, or one that skips an item the task covers") {
        auto r = confirmed_request();
        deliver(r, "2026-09-16T16:00", "zhao", "T1", "v1", "[]");
        deliver(r, "2026-09-16T16:10", "zhao", "T1", "v1", "[{item: \"2\", done: \"yes\"}]");
        CHECK(illegal(r) ==
              Lines{illegal_entry("deliver", "zhao"), illegal_entry("deliver", "zhao")});
        CHECK(replayed(r).find_task("T1")->state == TaskState::active);
        step(r, "2026-09-16T16:20", "zhao", "deliver", "task: T1\nversion: v1\nlate: \"no\"");
        CHECK(illegal(r).size() == 3); // no self_check field at all
    }

    TEST_CASE("deliver: by someone who does not own the task") {
        auto r = confirmed_request();
        deliver(r, "2026-09-16T16:00", "chen", "T1", "v1");
        CHECK(illegal(r) == Lines{illegal_entry("deliver", "chen")});
    }

    TEST_CASE("progress: by neither the owner nor the lead, or on an unconfirmed task") {
        auto r = split_request();
        confirm(r, "T1", "zhao");
        step(r, "2026-09-10T10:00", "wang", "progress", "task: T1\nnote: Looked at it");
        step(r, "2026-09-10T11:00", "chen", "progress", "task: T3\nnote: Not confirmed yet");
        step(r, "2026-09-10T12:00", "zhao", "progress", "task: T1\nnote: Started\npercent: \"10\"");
        CHECK(illegal(r, "2026-09-10 13:00") ==
              Lines{illegal_entry("progress", "wang"), illegal_entry("progress", "chen")});
        const auto x = replayed(r);
        CHECK(x.progress.size() == 1);
        CHECK(x.find_task("T1")->percent == 10);
    }

    TEST_CASE("progress: on an accepted task, or with a blocker that names nobody") {
        auto r = accepted_request();
        step(r, "2026-09-29T12:00", "zhao", "progress", "task: T1\nnote: One more thing");
        CHECK(illegal(r) == Lines{illegal_entry("progress", "zhao")});

        auto q = confirmed_request();
        step(q, "2026-09-10T10:00", "zhao", "progress",
             "task: T1\nnote: Stuck\nblocker: {id: B-0001, text: Access, from: nobody, by: "
             "2026-09-11T17:00:00+08:00}");
        CHECK(illegal(q, "2026-09-10 11:00") == Lines{illegal_entry("progress", "zhao")});
        CHECK(replayed(q).blockers.empty());
    }

    TEST_CASE("accept: by someone who is not an acceptor, or a fail without comment") {
        auto r = confirmed_request();
        deliver(r, "2026-09-16T16:00", "zhao", "T1", "v1");
        accept(r, "2026-09-16T17:00", "wang", "T1"); // T1's acceptors are zhang and chen
        accept(r, "2026-09-16T17:10", "chen", "T1", "verdict: fail\nreaccept_by: 2026-09-18");
        accept(r, "2026-09-16T17:20", "chen", "T1",
               "verdict: fail\ncomment: Examples missing\nreaccept_by: someday");
        CHECK(illegal(r) == Lines{illegal_entry("accept", "wang"), illegal_entry("accept", "chen"),
                                  illegal_entry("accept", "chen")});
        CHECK(replayed(r).find_task("T1")->state == TaskState::delivered);
    }

    TEST_CASE("feedback: twice by one person") {
        auto r = accepted_request();
        step(r, "2026-09-29T14:00", "li", "feedback", "answers: {clarity: 4}");
        step(r, "2026-09-29T15:00", "li", "feedback", "answers: {clarity: 1}");
        CHECK(illegal(r) == Lines{illegal_entry("feedback", "li")});
        CHECK(replayed(r).feedback.size() == 1);
    }

    TEST_CASE("confirm: by someone who does not own the task") {
        auto r = split_request();
        confirm(r, "T1", "chen");
        CHECK(illegal(r, "2026-09-09 11:00") == Lines{illegal_entry("confirm", "chen")});
    }

    TEST_CASE("sync: by someone who is not the project lead") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "sync", "attendees: [zhao]\nminutes: Met");
        CHECK(illegal(r, "2026-09-10 11:00") == Lines{illegal_entry("sync", "zhao")});
        CHECK(replayed(r).syncs.empty());
    }

    TEST_CASE("change-decision: by someone who is not the supervisor") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "change", k_change);
        step(r, "2026-09-10T11:00", "wang", "change-decision",
             "change: CR-0001\ndecision: approve");
        CHECK(illegal(r, "2026-09-10 12:00") == Lines{illegal_entry("change-decision", "wang")});
        CHECK(replayed(r).changes.at(0).decision.empty());
    }

    TEST_CASE("change-decision: the supervisor's delegate on a change they proposed") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "chen", "change", k_change);
        step(r, "2026-09-10T11:00", "chen", "change-decision", "change: CR-0001\ndecision: approve",
             "li");
        CHECK(illegal(r, "2026-09-10 12:00") == Lines{illegal_entry("change-decision", "chen")});
        CHECK(replayed(r).changes.at(0).decision.empty());
    }

    TEST_CASE("change-confirm: before the change is approved") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "change", k_change);
        step(r, "2026-09-10T10:30", "zhao", "change-confirm", "change: CR-0001");
        step(r, "2026-09-10T11:00", "li", "change-decision", "change: CR-0001\ndecision: approve");
        CHECK(illegal(r, "2026-09-10 12:00") == Lines{illegal_entry("change-confirm", "zhao")});
        const auto x = replayed(r);
        CHECK(x.changes.at(0).confirmed_by.empty());
        CHECK_FALSE(x.changes.at(0).effective);
    }

    TEST_CASE("change: by someone outside the request") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "sun", "change", k_change);
        CHECK(illegal(r, "2026-09-10 12:00") == Lines{illegal_entry("change", "sun")});
        CHECK(replayed(r).changes.empty());
    }

    TEST_CASE("risk: an owner who is not in the roster; risk-update: an unknown status") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "risk",
             "risk: RK-0001\ntarget: T1\ntext: Vendor late\nowner: nobody\ndue: 2026-09-15");
        step(r, "2026-09-10T10:10", "zhao", "risk",
             "risk: RK-0002\ntarget: T1\ntext: Vendor late\nowner: zhao\ndue: 2026-09-15");
        step(r, "2026-09-10T11:00", "zhao", "risk-update", "risk: RK-0002\nstatus: forgotten");
        CHECK(illegal(r, "2026-09-10 12:00") ==
              Lines{illegal_entry("risk", "zhao"), illegal_entry("risk-update", "zhao")});
        const auto x = replayed(r);
        REQUIRE(x.risks.size() == 1);
        CHECK(x.risks[0].status == "open");
    }
}

} // namespace test_replay_guards
