// collab notify's notices for stages 2 to 5, over the shared execution story
// (execution_story.hpp): final, split, a change request and its approval, a delivery, a
// failed acceptance and the survey once every task is accepted.
#include "execution_story.hpp"

#include <collab/rules/notify.hpp>

namespace test_notify_stages {

namespace {

using namespace execution_story;

// "person | command" of the notices the last entry causes, at `now`.
Lines told(const model::Request& r, const std::string& now) {
    const fixtures::World world;
    Lines out;
    for (const auto& n : notices_for(r, {&r.events.back()}, world.at(now))) {
        out.push_back(n.person + " | " + n.command);
    }
    return out;
}

const char* const k_change = "change: CR-0001\nreason: The vendor is late\nops: [{kind: "
                             "task-deadline, target: T1, value: 2026-09-21}]";

} // namespace

TEST_SUITE("collab::rules notify, stages 2 to 5") {

    TEST_CASE("final: the lead splits; every collaborator and head reads and acknowledges") {
        const auto r = final_request();
        const auto lines = told(r, "2026-09-09 09:35");
        CHECK(lines.front() == "zhang | collab split " + k_id);
        for (const char* person : {"li", "wang", "zhao", "chen"}) {
            CAPTURE(person);
            CHECK(std::count(lines.begin(), lines.end(),
                             std::string(person) + " | collab ack " + k_id) == 1);
            CHECK(std::count(lines.begin(), lines.end(),
                             std::string(person) + " | collab request show " + k_id) == 1);
        }
        // A signature that leaves others missing tells nobody.
        auto earlier = r;
        earlier.events.pop_back();
        CHECK(told(earlier, "2026-09-09 09:35").empty());
    }

    TEST_CASE("split: each owner confirms their tasks") {
        CHECK(told(split_request(), "2026-09-09 10:05") ==
              Lines{"zhao | collab task confirm " + k_id + "/T1",
                    "zhao | collab task confirm " + k_id + "/T2",
                    "chen | collab task confirm " + k_id + "/T3"});
    }

    TEST_CASE("a change request: the supervisor decides; once approved, the owners confirm") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "change", k_change);
        CHECK(told(r, "2026-09-10 10:05") == Lines{"li | collab change approve CR-0001"});
        step(r, "2026-09-10T11:00", "li", "change-decision", "change: CR-0001\ndecision: approve");
        CHECK(told(r, "2026-09-10 11:05") == Lines{"zhao | collab change confirm CR-0001"});
    }

    TEST_CASE("a delivery: its acceptors; a failure: the owner, by the re-acceptance date") {
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        CHECK(told(r, "2026-09-17 16:05") == Lines{"zhang | collab accept " + k_id + "/T1 --pass",
                                                   "chen | collab accept " + k_id + "/T1 --pass"});
        fail(r, "2026-09-17T17:00", "chen", "T1", "2026-09-21");
        const fixtures::World world;
        const auto notices = notices_for(r, {&r.events.back()}, world.at("2026-09-17 17:05"));
        REQUIRE(notices.size() == 1);
        CHECK(notices[0].person == "zhao");
        CHECK(notices[0].command == "collab deliver " + k_id + "/T1 --check 1=yes");
        CHECK(en(notices[0].happened) == "陈晨 (chen) failed the acceptance of " + k_id + "/T1");
        REQUIRE(notices[0].due.has_value());
        CHECK(world.zone.format_short(*notices[0].due) == "2026-09-21 18:00");
    }

    TEST_CASE("every task accepted: each collaborator but the initiator answers the survey") {
        const auto lines = told(accepted_request(), "2026-10-13 11:35");
        CHECK(lines == Lines{"li | collab feedback " + k_id, "wang | collab feedback " + k_id,
                             "zhao | collab feedback " + k_id, "chen | collab feedback " + k_id});
    }
}

} // namespace test_notify_stages
