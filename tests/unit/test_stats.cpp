// The numbers of `collab stats` on a hand-built set of requests.
#include "execution_story.hpp"

namespace test_stats {

namespace {
using namespace execution_story;
} // namespace

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
        return {stats_dataset()};
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

    TEST_CASE("compute_stats: --until counts the period as it stood at the end of that day") {
        const fixtures::World world;
        const auto d = dataset();
        const auto context = world.at("2026-10-22 10:00");
        StatsFilter until;
        until.until = date::year{2026} / 9 / 30;
        const auto s = compute_stats(d.requests, until, context);
        CHECK(s.requests == 2); // A and B; D was submitted 10-19
        CHECK(values(s.review_latency) == "1 2");
        CHECK(values(s.submit_to_final) == "2");
        // T2 was failed 09-30 and accepted 10-10: as of 09-30 only T1 is accepted, and A
        // is not yet accepted as a whole; the answers came after it.
        CHECK(s.tasks_delivered == 2);
        CHECK(s.tasks_accepted == 1);
        CHECK(s.rework_rounds == 1);
        CHECK(s.final_to_accepted.values.empty());
        CHECK(s.feedback.empty());
        CHECK(values(s.blocker_wait_hours.at("tech")) == "23.5");
        // The day before T2 was failed: no rework yet.
        until.until = date::year{2026} / 9 / 29;
        CHECK(compute_stats(d.requests, until, context).rework_rounds == 0);
        // Combined with --since: a quarter's slice.
        until.since = date::year{2026} / 9 / 18;
        CHECK(compute_stats(d.requests, until, context).requests == 1); // B
        // An until after now changes nothing.
        StatsFilter later;
        later.until = date::year{2027} / 1 / 1;
        CHECK(compute_stats(d.requests, later, context).requests == 3);
        CHECK(compute_stats(d.requests, later, context).feedback.size() == 4);
    }

    TEST_CASE("stats period: until before since is refused; the instant is the end of until") {
        StatsFilter filter;
        CHECK_FALSE(check_stats_period(filter));
        filter.since = date::year{2026} / 7 / 1;
        filter.until = date::year{2026} / 6 / 30;
        const auto refused = check_stats_period(filter);
        REQUIRE(refused);
        CHECK(fixtures::en(*refused) ==
              "--until 2026-06-30 is before --since 2026-07-01; give an until on or after since");
        filter.until = filter.since;
        CHECK_FALSE(check_stats_period(filter)); // one day
        const fixtures::World world;
        const auto context = world.at("2026-10-22 10:00");
        CHECK(context.zone.format(stats_instant(filter, context.zone, context.now)) ==
              "2026-07-01T23:59:59+08:00");
        filter.until = date::year{2026} / 12 / 31;
        CHECK(stats_instant(filter, context.zone, context.now) == context.now);
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

} // namespace test_stats
