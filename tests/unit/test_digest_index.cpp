// The index a digest holds for listings, stats and id lookups (rules/request_index):
// it survives its byte form, it gives the numbers compute_stats gives from the
// records, and the bytes of the digests of a fixed set of requests are pinned to the
// digest format version, so that a change of the rules or of the byte form that does
// not bump store::k_digest_format_version fails here (cached digests are keyed by the
// version, not by the build).
#include "execution_story.hpp"

#include <collab/rules/as_of.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_index.hpp>
#include <collab/store/digest_codec.hpp>
#include <collab/util/binary_io.hpp>
#include <collab/util/sha256.hpp>

namespace test_digest_index {

namespace {

using namespace execution_story;

std::string bytes_of(const RequestDigest& digest) {
    util::ByteWriter out;
    store::encode_digest(out, digest);
    return out.take();
}

RequestDigest round_trip(const RequestDigest& digest) {
    const auto bytes = bytes_of(digest);
    util::ByteReader in(bytes);
    auto decoded = store::decode_digest(in);
    REQUIRE(decoded.has_value());
    CHECK(in.at_end());
    return std::move(*decoded);
}

// Every request of the stats dataset and the split one of the execution story.
std::vector<model::Request> requests() {
    auto out = stats_dataset();
    out.push_back(split_request());
    return out;
}

} // namespace

TEST_SUITE("digest: collab::rules::RequestIndex") {

    TEST_CASE("the index names the listing, the tasks and the record ids") {
        const fixtures::World world;
        const auto all = stats_dataset();
        const auto d = round_trip(digest_request(all[0], world.at("2026-10-22 10:00")));
        const auto& index = d.index;
        CHECK(index.existed);
        CHECK(index.listing.id == "R-AAAAAA");
        CHECK(index.listing.initiator == "zhang");
        CHECK(index.listing.state == RequestState::accepted);
        CHECK(index.listing.participants == std::vector<std::string>{"zhao", "chen"});
        CHECK(index.table_tasks == std::vector<std::string>{"T1", "T2"});
        REQUIRE(index.tasks.size() == 2);
        CHECK(index.tasks[1].owner == "chen");
        CHECK(index.tasks[1].collaborators == std::vector<std::string>{"wang"});
        CHECK(index.tasks[1].state == TaskState::accepted);
        REQUIRE_FALSE(index.records.empty());
        CHECK(index.records[0].first == "blocker");
        CHECK(index.records[0].second == std::vector<std::string>{"B-AAAA", "B-BBBB"});
        CHECK(index.stats.feedback.size() == 8);
    }

    TEST_CASE("the index keeps each record as its listing selects it, through the cache") {
        const fixtures::World world;
        const auto all = stats_dataset();
        const auto context = world.at("2026-10-22 10:00");
        const auto direct = digest_request(all[0], context).index.record_entries;
        const auto cached = round_trip(digest_request(all[0], context)).index.record_entries;
        REQUIRE(direct.size() >= 2);
        REQUIRE(cached.size() == direct.size());
        for (std::size_t i = 0; i < direct.size(); ++i) {
            CAPTURE(direct[i].id);
            CHECK(cached[i].kind == direct[i].kind);
            CHECK(cached[i].id == direct[i].id);
            CHECK(cached[i].task == direct[i].task);
            CHECK(cached[i].open == direct[i].open);
            CHECK(cached[i].people == direct[i].people);
            CHECK(cached[i].shown == direct[i].shown);
            CHECK(cached[i] == direct[i]);
        }
        CHECK(direct[0].kind == RecordKind::blocker);
        CHECK(direct[0].id == "B-AAAA");
        CHECK_FALSE(direct[0].people.empty());
    }

    TEST_CASE("a task's row from the index times it as the full read does") {
        const fixtures::World world;
        std::size_t tasks_seen = 0;
        for (const auto* now : {"2026-07-06 10:00", "2026-10-22 10:00", "2027-03-01 10:00"}) {
            const auto context = world.at(now);
            for (const auto& request : requests()) {
                CAPTURE(request.id);
                CAPTURE(now);
                const auto digest = digest_request(request, context);
                const auto cached = round_trip(digest).index.tasks;
                CHECK(cached == digest.index.tasks);
                const auto execution =
                    replay(as_of(request, context.now).request, context.roster).execution;
                REQUIRE(cached.size() == execution.tasks.size());
                for (std::size_t i = 0; i < cached.size(); ++i) {
                    const auto& full = execution.tasks[i];
                    const auto listed = listed_status(cached[i]);
                    CHECK(listed.task.id == full.task.id);
                    CHECK(listed.task.deadline == full.task.deadline);
                    CHECK(listed.percent == full.percent);
                    CHECK(listed.last_update == full.last_update);
                    const auto a = task_timing(full, context);
                    const auto b = task_timing(listed, context);
                    CHECK(b.deadline == a.deadline);
                    CHECK(b.days_left == a.days_left);
                    CHECK(b.finished == a.finished);
                    CHECK(b.overdue == a.overdue);
                    CHECK(b.stale == a.stale);
                    CHECK(b.idle_days == a.idle_days);
                    ++tasks_seen;
                }
            }
        }
        CHECK(tasks_seen >= 6);
    }

    TEST_CASE("a request created later is not in the index as of an earlier time") {
        const fixtures::World world;
        const auto all = stats_dataset();
        const auto d = digest_request(all[3], world.at("2026-10-01 10:00")); // R-DDDDDD: 10-19
        CHECK_FALSE(d.complete);
        CHECK_FALSE(d.index.existed);
    }

    TEST_CASE("stats from cached digests are the numbers compute_stats gives") {
        const fixtures::World world;
        const auto all = stats_dataset();
        for (const auto* now : {"2026-10-22 10:00", "2026-09-21 15:00", "2027-03-01 10:00"}) {
            CAPTURE(now);
            const auto context = world.at(now);
            std::vector<model::Request> seen;
            ProcessStats cached;
            for (const auto& request : all) {
                const auto digest = round_trip(digest_request(request, context));
                if (!digest.index.existed) {
                    continue;
                }
                if (stats_count(digest.index.stats, digest.departments, {}, context)) {
                    add_stats(cached, digest.index.stats, findings_at(digest, context), context);
                }
                auto past = as_of(request, context.now);
                seen.push_back(std::move(past.request));
            }
            const auto direct = compute_stats(seen, {}, context);
            CHECK(cached.requests == direct.requests);
            CHECK(cached.submit_to_final.values == direct.submit_to_final.values);
            CHECK(cached.final_to_accepted.values == direct.final_to_accepted.values);
            CHECK(cached.review_latency.values == direct.review_latency.values);
            CHECK(cached.reviews_on_time == direct.reviews_on_time);
            CHECK(cached.reviews_decided == direct.reviews_decided);
            CHECK(cached.tasks_delivered == direct.tasks_delivered);
            CHECK(cached.tasks_on_time == direct.tasks_on_time);
            CHECK(cached.tasks_accepted == direct.tasks_accepted);
            CHECK(cached.tasks_first_pass == direct.tasks_first_pass);
            CHECK(cached.rework_rounds == direct.rework_rounds);
            REQUIRE(cached.blocker_wait_hours.size() == direct.blocker_wait_hours.size());
            for (const auto& [dept, sample] : direct.blocker_wait_hours) {
                CHECK(cached.blocker_wait_hours.at(dept).values == sample.values);
            }
            REQUIRE(cached.feedback.size() == direct.feedback.size());
            for (const auto& [key, sample] : direct.feedback) {
                CHECK(cached.feedback.at(key).values == sample.values);
            }
            CHECK(cached.overdue_now == direct.overdue_now);
            CHECK(cached.calendar_gaps.size() == direct.calendar_gaps.size());
        }
    }

    // When this fails, the rules or the byte form of a digest changed: bump
    // store::k_digest_format_version (so that caches written before are not used)
    // and pin the new version with the new hash printed below.
    TEST_CASE("the digests of a fixed set of requests are pinned to the format version") {
        const fixtures::World world;
        const auto context = world.at("2027-03-01 10:00"); // after every entry
        std::string all;
        for (const auto& request : requests()) {
            const auto digest = digest_request(request, context);
            REQUIRE(digest.complete);
            all += bytes_of(digest);
        }
        const auto pinned =
            std::to_string(store::k_digest_format_version) + " " + util::sha256_hex(all);
        CHECK(pinned == "6 30a9047f4c8022e8eff453abba96ec5b6fdb3072a03bf0c8c11c09dade43346a");
    }
}

} // namespace test_digest_index
