// The acceptance and delivery rules: the 3-working-day re-acceptance limit across
// National Day 2026 with its make-up Saturday, and who may deliver what.
#include "execution_story.hpp"

namespace test_accept_deliver {

namespace {
using namespace execution_story;
} // namespace

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

} // namespace test_accept_deliver
