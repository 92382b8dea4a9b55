// rules::replay against derive_status and derive_execution on the execution story, at
// every entry of it; and a request's digest replaying its logs once.
#include "execution_story.hpp"

#include <collab/rules/next_step.hpp>
#include <collab/rules/notify.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/verdict.hpp>

namespace test_replay {

namespace {

using namespace execution_story;

std::string actions(const std::vector<const model::Event*>& events) {
    std::string out;
    for (const auto* event : events) {
        out += fmt::format("{}#{} ", event->action, event->seq);
    }
    return out;
}

std::string at(const std::optional<time::Timestamp>& t) {
    return t ? std::to_string(t->time_since_epoch().count()) : "-";
}

// What a replay gives, in one line per part.
std::string describe(const RequestStatus& s, const Execution& x) {
    std::string out =
        fmt::format("state {} round {} reviewer {} accepted {} answered {} final {} content {}\n",
                    state_name(s.state), s.round, s.reviewer, at(s.accepted_at), s.all_answered,
                    at(s.final_at), s.content);
    out += "ignored " + actions(s.ignored) + "| mismatched " + actions(s.mismatched) + "\n";
    for (const auto& person : s.acknowledged) {
        out += "ack " + person + "\n";
    }
    out += fmt::format("split {} due {} accepted {} tasks {}\n", x.split, x.due, at(x.accepted_at),
                       states(x));
    for (const auto& task : x.tasks) {
        out += fmt::format("{} v{} rounds {} fails {} verdicts {}\n", task.task.id, task.version,
                           task.rounds, task.fails, task.verdicts.size());
    }
    out += "x.ignored " + actions(x.ignored) + "| deliveries " + actions(x.deliveries) +
           "| feedback " + actions(x.feedback) + "| progress " + actions(x.progress) + "\n";
    out += fmt::format("blockers {} risks {} changes {}\n", x.blockers.size(), x.risks.size(),
                       x.changes.size());
    return out;
}

// The story with a failed acceptance and a redelivery, the survey answered by all.
std::vector<model::Request> story() {
    auto r = confirmed_request();
    std::vector<model::Request> stages{final_request(), split_request(), r};
    const auto add = [&] {
        stages.push_back(r);
    };
    deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
    add();
    fail(r, "2026-09-17T17:00", "chen", "T1", "2026-09-21");
    add();
    deliver(r, "2026-09-18T10:00", "zhao", "T1", "v2", false);
    pass(r, "2026-09-18T11:00", "chen", "T1");
    pass(r, "2026-09-18T12:00", "zhang", "T1");
    add();
    deliver(r, "2026-09-28T16:00", "zhao", "T2", "v1", false);
    for (const char* person : {"zhang", "wang", "chen"}) {
        pass(r, "2026-09-29T10:00", person, "T2");
    }
    deliver(r, "2026-10-12T09:00", "chen", "T3", "v1", false);
    pass(r, "2026-10-13T09:00", "zhao", "T3");
    add();
    pass(r, "2026-10-13T11:30", "zhang", "T3");
    add(); // accepted
    // Out of turn: a second verdict, and the initiator's answer.
    pass(r, "2026-10-13T12:00", "zhang", "T3");
    step(r, "2026-10-14T09:00", "zhang", "feedback", feedback_fields(5, 5, 5, 5));
    add();
    for (const char* person : {"li", "wang", "zhao", "chen"}) {
        step(r, "2026-10-14T10:00", person, "feedback", feedback_fields(4, 3, 5, 4));
        add();
    }
    return stages; // the last one closed
}

} // namespace

TEST_SUITE("collab::rules::replay") {

    TEST_CASE("replay gives what derive_status and derive_execution give, at every stage") {
        const auto roster = fixtures::roster();
        const auto stages = story();
        REQUIRE(stages.size() == 13);
        for (const auto& r : stages) {
            CAPTURE(r.events.size());
            const auto status = derive_status(r, roster);
            const auto execution = derive_execution(r, status, roster);
            const auto got = replay(r, roster);
            CHECK(describe(got.status, got.execution) == describe(status, execution));
        }
        // The stages the comparison went through.
        const auto last = replay(stages.back(), roster);
        CHECK(last.status.state == RequestState::closed);
        CHECK(replay(stages[3], roster).status.state == RequestState::in_progress);
        CHECK(replay(stages[7], roster).status.state == RequestState::accepted);
        CHECK_FALSE(replay(stages[8], roster).execution.ignored.empty());
    }

    TEST_CASE("an uncached digest replays the request's logs once") {
        const fixtures::World world;
        const auto stages = story();
        for (const auto index :
             {std::size_t{0}, std::size_t{4}, std::size_t{7}, stages.size() - 1}) {
            const auto& r = stages[index];
            CAPTURE(index);
            replay_counts() = {};
            const auto digest = digest_request(r, world.at("2026-10-20 10:00"));
            CHECK(digest.complete);
            CHECK(replay_counts().status == 1);
            CHECK(replay_counts().execution == 1);
        }
        // The request as of an earlier instant is replayed once too.
        replay_counts() = {};
        const auto past = digest_request(stages.back(), world.at("2026-09-18 10:30"));
        CHECK_FALSE(past.complete);
        CHECK(replay_counts().status == 1);
        CHECK(replay_counts().execution == 1);
    }

    TEST_CASE("derive_status alone replays the execution of a request in progress") {
        const auto roster = fixtures::roster();
        const auto r = story()[4];
        replay_counts() = {};
        CHECK(derive_status(r, roster).state == RequestState::in_progress);
        CHECK(replay_counts().execution == 1);
        replay_counts() = {};
        CHECK(replay(r, roster).status.state == RequestState::in_progress);
        CHECK(replay_counts().status == 1);
        CHECK(replay_counts().execution == 1);
    }
}

} // namespace test_replay
