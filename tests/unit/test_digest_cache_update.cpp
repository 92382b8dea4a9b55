// The digest cache written while a run goes (store/digest_cache_update over
// store::DigestCacheStream): the same bytes as the whole-file DigestCacheWriter, in
// whatever order the requests' outcomes come, few of them held at once, and nothing
// in place until the run finishes: a run that ends in an error leaves the old cache.
#include "fake_disk.hpp"

#include <algorithm>
#include <collab/store/atomic_file.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_cache_update.hpp>
#include <collab/store/digest_policy.hpp>
#include <collab/store/disk.hpp>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace test_digest_cache_update {

namespace fs = std::filesystem;
using collab::store::DigestCache;
using collab::store::DigestCacheUpdate;
using collab::store::DigestCacheWriter;
using collab::store::DigestOutcome;
using fixtures::FakeDisk;

namespace {

const std::string k_secret(32, 's');
const char* const k_file = ".collab/cache/digests";

using Entries = std::map<std::string, std::string>; // id -> entry bytes

std::vector<std::string> numbered(int count) {
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
        ids.push_back(fmt::format("R-{:04}", i));
    }
    return ids;
}

// A new entry's bytes: `version` tells runs apart; sizes vary.
std::string entry_of(const std::string& id, int version) {
    return fmt::format("{} v{} {}", id, version, std::string(id.back() * 5U, 'x'));
}

Entries entries_of(const std::vector<std::string>& ids, int version) {
    Entries out;
    for (const auto& id : ids) {
        out[id] = entry_of(id, version);
    }
    return out;
}

// What the whole-file writer writes for `entries`.
std::string encoded(const Entries& entries) {
    DigestCacheWriter writer;
    for (const auto& [id, bytes] : entries) {
        writer.put(id, bytes);
    }
    return writer.encode(k_secret);
}

DigestCache decoded(const std::string& bytes) {
    auto cache = DigestCache::decode(bytes, k_secret);
    REQUIRE(cache.has_value());
    return std::move(*cache);
}

// A request's outcome: a new entry, or the entry it had (`keep`), or none.
DigestOutcome new_entry(std::string bytes) {
    DigestOutcome outcome;
    outcome.new_entry = std::move(bytes);
    return outcome;
}
DigestOutcome kept() {
    DigestOutcome outcome;
    outcome.keep_entry = true;
    return outcome;
}

// Blocks of `workers` requests, each finished last to first: workers that take
// requests in order and finish them out of order.
std::vector<std::size_t> out_of_order(std::size_t count, std::size_t workers) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t at = 0; at < count; at += workers) {
        std::reverse(order.begin() + static_cast<std::ptrdiff_t>(at),
                     order.begin() + static_cast<std::ptrdiff_t>(std::min(count, at + workers)));
    }
    return order;
}

struct Handed {
    bool written = false;
    std::size_t most_waiting = 0; // entries held at once
};

// Hands `outcomes` (by index in `ids`) to an update in `order`, then finishes it.
Handed hand_in(const collab::store::Disk& disk, const std::vector<std::string>& ids,
               bool every_request, const DigestCache& previous, std::vector<DigestOutcome> outcomes,
               const std::vector<std::size_t>& order) {
    DigestCacheUpdate update(disk, k_file, k_secret, ids, every_request, previous);
    Handed handed;
    for (const auto i : order) {
        update.add(i, outcomes[i]);
        CHECK_FALSE(outcomes[i].new_entry.has_value()); // taken
        handed.most_waiting = std::max(handed.most_waiting, update.waiting());
    }
    handed.written = update.finish();
    return handed;
}

std::vector<std::size_t> in_order(std::size_t count) {
    return out_of_order(count, 1);
}

// A fresh folder, removed afterwards.
class ScratchDir {
public:
    ScratchDir() {
        std::random_device random;
        m_path = fs::temp_directory_path() /
                 fmt::format("collab-cache-update-{}-{}", ::getpid(), random());
        fs::create_directories(m_path / ".collab/cache");
    }
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return m_path; }
    // The names in .collab/cache, sorted.
    std::vector<std::string> cache_names() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(m_path / ".collab/cache")) {
            names.push_back(entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    fs::path m_path;
};

} // namespace

TEST_CASE("a cold run handed in out of order writes what the whole-file writer writes") {
    const auto ids = numbered(300);
    std::vector<DigestOutcome> outcomes;
    for (const auto& id : ids) {
        outcomes.push_back(new_entry(entry_of(id, 1)));
    }
    const auto expected = encoded(entries_of(ids, 1));

    SUBCASE("eight workers: at most seven entries wait") {
        FakeDisk disk;
        const auto handed = hand_in(disk, ids, true, {}, outcomes, out_of_order(ids.size(), 8));
        CHECK(handed.written);
        CHECK(handed.most_waiting <= 7);
        CHECK(disk.text(k_file) == expected);
        CHECK(disk.writes() == 1);
    }
    SUBCASE("any order") {
        FakeDisk disk;
        auto order = in_order(ids.size());
        std::shuffle(order.begin(), order.end(), std::mt19937(7));
        CHECK(hand_in(disk, ids, true, {}, outcomes, order).written);
        CHECK(disk.text(k_file) == expected);
    }
    SUBCASE("in order: none waits") {
        FakeDisk disk;
        const auto handed = hand_in(disk, ids, true, {}, outcomes, in_order(ids.size()));
        CHECK(handed.most_waiting == 0);
        CHECK(disk.text(k_file) == expected);
    }
}

TEST_CASE("fewer entries than requests: the count's room is given back") {
    // Room for the count of 200 entries (two bytes); 100 come (one byte).
    const auto ids = numbered(200);
    std::vector<DigestOutcome> outcomes;
    Entries some;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        outcomes.push_back(i % 2 == 0 ? new_entry(entry_of(ids[i], 1)) : DigestOutcome{});
        if (i % 2 == 0) {
            some[ids[i]] = entry_of(ids[i], 1);
        }
    }
    FakeDisk disk;
    CHECK(hand_in(disk, ids, true, {}, outcomes, out_of_order(ids.size(), 3)).written);
    CHECK(disk.text(k_file) == encoded(some));
    CHECK(decoded(*disk.text(k_file)).size() == 100);
}

TEST_CASE("what is written is what the whole run says") {
    const auto ids = numbered(10);
    auto all = entries_of(ids, 1);
    const auto previous = decoded(encoded(all));
    FakeDisk disk;

    SUBCASE("nothing changed: nothing written") {
        std::vector<DigestOutcome> outcomes(ids.size(), kept());
        CHECK_FALSE(hand_in(disk, ids, true, previous, outcomes, in_order(ids.size())).written);
        CHECK(disk.writes() == 0);
    }
    SUBCASE("the first change comes last: the unchanged entries before it are copied") {
        std::vector<DigestOutcome> outcomes(ids.size(), kept());
        outcomes[9] = new_entry(entry_of(ids[9], 2));
        CHECK(hand_in(disk, ids, true, previous, outcomes, out_of_order(ids.size(), 4)).written);
        all[ids[9]] = entry_of(ids[9], 2);
        CHECK(disk.text(k_file) == encoded(all));
    }
    SUBCASE("a request gone: a run over every request drops its entry") {
        const std::vector<std::string> left(ids.begin(), ids.end() - 1);
        std::vector<DigestOutcome> outcomes(left.size(), kept());
        CHECK(hand_in(disk, left, true, previous, outcomes, in_order(left.size())).written);
        all.erase(ids[9]);
        CHECK(disk.text(k_file) == encoded(all));
    }
    SUBCASE("a run over some requests keeps the others' entries, in id order") {
        // Given out of order, one twice: the last outcome of an id counts.
        const std::vector<std::string> some{ids[7], ids[3], ids[7]};
        std::vector<DigestOutcome> outcomes{new_entry(entry_of(ids[7], 2)),
                                            new_entry(entry_of(ids[3], 2)),
                                            new_entry(entry_of(ids[7], 3))};
        const auto handed = hand_in(disk, some, false, previous, outcomes, {2, 1, 0});
        CHECK(handed.written);
        CHECK(handed.most_waiting == 1); // R-0007 waits for R-0003; its first outcome, for none
        all[ids[3]] = entry_of(ids[3], 2);
        all[ids[7]] = entry_of(ids[7], 3);
        CHECK(disk.text(k_file) == encoded(all));
    }
    SUBCASE("a request without an entry any more") {
        std::vector<DigestOutcome> outcomes(ids.size(), kept());
        outcomes[0] = DigestOutcome{};
        CHECK(hand_in(disk, ids, true, previous, outcomes, in_order(ids.size())).written);
        all.erase(ids[0]);
        CHECK(disk.text(k_file) == encoded(all));
    }
}

TEST_CASE("a run that ends in an error leaves the old cache as it was") {
    ScratchDir dir;
    const auto ids = numbered(300);
    const auto old = encoded(entries_of(ids, 1));
    {
        DigestCacheWriter writer;
        for (const auto& [id, bytes] : entries_of(ids, 1)) {
            writer.put(id, bytes);
        }
        REQUIRE(writer.save(dir.path() / k_file, k_secret));
    }
    const auto disk = collab::store::contained_disk(dir.path());
    const auto previous = DigestCache::load(dir.path() / k_file, k_secret);
    REQUIRE(previous.size() == ids.size());
    const auto order = out_of_order(ids.size(), 8);

    SUBCASE("the error midway: the update is dropped unfinished") {
        {
            DigestCacheUpdate update(*disk, k_file, k_secret, ids, true, previous);
            for (std::size_t n = 0; n < 150; ++n) {
                auto outcome = new_entry(entry_of(ids[order[n]], 2));
                update.add(order[n], outcome);
            }
            // The new entries are on disk, in a temporary file beside the cache, not held.
            CHECK(update.waiting() <= 7);
            const auto names = dir.cache_names();
            REQUIRE(names.size() == 2);
            CHECK(names[0].rfind(".digests.tmp.", 0) == 0);
            CHECK(fs::file_size(dir.path() / ".collab/cache" / names[0]) > 100 * 20);
        }
        CHECK(dir.cache_names() == std::vector<std::string>{"digests"});
        CHECK(collab::store::read_file(dir.path() / k_file) == old);
    }
    SUBCASE("finished before every outcome is in: nothing written") {
        DigestCacheUpdate update(*disk, k_file, k_secret, ids, true, previous);
        for (std::size_t n = 0; n + 1 < ids.size(); ++n) {
            auto outcome = new_entry(entry_of(ids[order[n]], 2));
            update.add(order[n], outcome);
        }
        CHECK_FALSE(update.finish());
        CHECK(collab::store::read_file(dir.path() / k_file) == old);
    }
    SUBCASE("finished: the new cache in place, nothing else left") {
        std::vector<DigestOutcome> outcomes;
        for (const auto& id : ids) {
            outcomes.push_back(new_entry(entry_of(id, 2)));
        }
        CHECK(hand_in(*disk, ids, true, previous, outcomes, order).written);
        CHECK(dir.cache_names() == std::vector<std::string>{"digests"});
        CHECK(collab::store::read_file(dir.path() / k_file) == encoded(entries_of(ids, 2)));
    }
}

TEST_CASE("a run that writes the cache removes what killed runs left, not what runs write") {
    ScratchDir dir;
    const auto folder = dir.path() / ".collab/cache";
    // No process has a pid past pid_max (at most 2^22); the parent is running.
    const auto dead = fmt::format(".digests.tmp.{}.0a1b2c3d", 99999999);
    const auto running = fmt::format(".digests.tmp.{}.0a1b2c3d", ::getppid());
    const auto other = fmt::format(".index.tmp.{}.0a1b2c3d", 99999999);
    for (const auto& name : {dead, running, other}) {
        collab::store::write_file_atomically(folder / name, "half a cache");
    }
    const auto disk = collab::store::contained_disk(dir.path());
    const auto ids = numbered(3);
    std::vector<DigestOutcome> outcomes;
    for (const auto& id : ids) {
        outcomes.push_back(new_entry(entry_of(id, 1)));
    }
    CHECK(hand_in(*disk, ids, true, {}, outcomes, in_order(ids.size())).written);
    auto expected = std::vector<std::string>{other, running, "digests"};
    std::sort(expected.begin(), expected.end());
    CHECK(dir.cache_names() == expected);
}

TEST_CASE("a cache that cannot be written is not, and the run goes on") {
    FakeDisk disk;
    disk.put_link(".collab");
    const auto ids = numbered(5);
    std::vector<DigestOutcome> outcomes;
    for (const auto& id : ids) {
        outcomes.push_back(new_entry(entry_of(id, 1)));
    }
    CHECK_FALSE(hand_in(disk, ids, true, {}, outcomes, in_order(ids.size())).written);
    CHECK(disk.writes() == 0);
}

} // namespace test_digest_cache_update
