// The digest cache's trust policy (store/digest_policy) over an in-memory disk: which
// cached digests a run uses, which it works out again, and what it saves.
#include "fake_disk.hpp"
#include "fixtures.hpp"

#include <collab/model/event.hpp>
#include <collab/rules/context.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_cache_update.hpp>
#include <collab/store/digest_policy.hpp>
#include <collab/store/workspace.hpp>
#include <doctest/doctest.h>

namespace test_digest_policy {

using collab::Diagnostics;
using collab::store::DigestCache;
using collab::store::DigestOptions;
using collab::store::DigestOutcome;
using collab::store::DigestPolicy;
using collab::store::Workspace;
using fixtures::FakeDisk;
using fixtures::Lines;
using fixtures::rendered;

namespace {

const std::vector<std::string> k_ids{"R-7KQ2XM", "R-ABCDEF"};

std::string log_of(const std::string& id, int entries) {
    auto text = collab::model::log_header("zhang", id);
    for (int seq = 1; seq <= entries; ++seq) {
        text += "- seq: " + std::to_string(seq) + "\n  at: 2026-07-06T09:3" + std::to_string(seq) +
                ":00+08:00\n  by: zhang\n  action: " + (seq == 1 ? "create" : "submit") +
                "\n  content: e40007907afdb34d\n" + (seq == 1 ? "" : "  to: li\n");
    }
    return text;
}

std::shared_ptr<FakeDisk> fake_workspace() {
    auto disk = fixtures::fake_settings_disk();
    for (const auto& id : k_ids) {
        disk->put("requests/" + id + "/request.yaml", fixtures::k_one_department_form);
        disk->put("requests/" + id + "/log/zhang.yaml", log_of(id, 1));
    }
    return disk;
}

// One run of the policy over both requests, as the command line runs it (without the
// cores): the outcomes, and the cache it would write (empty when unchanged).
struct Run {
    std::vector<DigestOutcome> outcomes;
    std::optional<std::string> saved; // the cache file's bytes, when written

    bool from_cache(std::size_t i) const { return outcomes[i].from_cache; }
};

class Fixture {
public:
    Fixture() : m_disk(fake_workspace()) { reopen(); }

    FakeDisk& disk() { return *m_disk; }
    void reopen() {
        Diagnostics out;
        m_workspace = Workspace::open(m_disk, out, nullptr, {});
        REQUIRE(rendered(out) == Lines{});
        REQUIRE(m_workspace.has_value());
    }

    Run run(const DigestCache& previous, const DigestOptions& options = {},
            std::int64_t trust_before = 1'000'000'000, std::string_view secret = "secret-a") {
        const auto zone = fixtures::shanghai();
        const auto now = collab::time::parse_timestamp("2026-07-20T10:00", zone);
        REQUIRE(now.has_value());
        const collab::rules::Context context{m_workspace->config(), m_workspace->roster(),
                                             m_workspace->calendar(), m_workspace->zone(), *now};
        const DigestPolicy policy(*m_workspace, context, previous, options, trust_before);
        Run run;
        const int writes = m_disk->writes();
        const int durable = m_disk->durable_writes();
        collab::store::DigestCacheUpdate next(m_workspace->disk(), options.cache_file,
                                              std::string(secret), k_ids, true, previous);
        for (std::size_t i = 0; i < k_ids.size(); ++i) {
            run.outcomes.push_back(policy.digest(k_ids[i]));
            REQUIRE(rendered(run.outcomes.back().problems) == Lines{});
            REQUIRE(run.outcomes.back().digest.has_value());
            auto handed = run.outcomes.back();
            next.add(i, handed);
        }
        if (next.finish()) {
            CHECK(m_disk->writes() == writes + 1);
            CHECK(m_disk->durable_writes() == durable); // derived: no fsync
            run.saved = m_disk->text(options.cache_file);
            REQUIRE(run.saved.has_value());
        } else {
            CHECK(m_disk->writes() == writes);
        }
        return run;
    }

    // The cache file as a run believes it under `secret`.
    DigestCache cache(std::string_view secret = "secret-a",
                      const char* file = collab::store::k_digest_cache_file) {
        const auto bytes = m_disk->text(file);
        REQUIRE(bytes.has_value());
        auto cache = DigestCache::decode(*bytes, secret);
        return cache ? std::move(*cache) : DigestCache{};
    }

private:
    std::shared_ptr<FakeDisk> m_disk;
    std::optional<Workspace> m_workspace;
};

} // namespace

TEST_CASE("an unchanged request takes its digest from the cache") {
    Fixture fixture;
    const auto cold = fixture.run(DigestCache{});
    CHECK_FALSE(cold.from_cache(0));
    CHECK_FALSE(cold.from_cache(1));
    REQUIRE(cold.saved.has_value());
    const auto cache = fixture.cache();
    CHECK(cache.ids() == k_ids);

    const auto warm = fixture.run(cache);
    CHECK(warm.from_cache(0));
    CHECK(warm.from_cache(1));
    CHECK(warm.outcomes[0].keep_entry);
    CHECK_FALSE(warm.saved.has_value()); // nothing changed: nothing written
    CHECK(warm.outcomes[0].digest->id == cold.outcomes[0].digest->id);
}

TEST_CASE("a changed file invalidates its request's digest, and only that one") {
    Fixture fixture;
    fixture.run(DigestCache{});
    fixture.disk().put("requests/R-7KQ2XM/log/zhang.yaml", log_of("R-7KQ2XM", 2));
    const auto run = fixture.run(fixture.cache());
    CHECK_FALSE(run.from_cache(0));
    CHECK(run.from_cache(1));
    REQUIRE(run.saved.has_value()); // the new digest is remembered
    const auto again = fixture.run(fixture.cache());
    CHECK(again.from_cache(0));
    CHECK(again.from_cache(1));

    SUBCASE("a new file in the request's folder") {
        fixture.disk().put("requests/R-ABCDEF/log/chen.yaml",
                           collab::model::log_header("chen", "R-ABCDEF") +
                               "- seq: 2\n  at: 2026-07-07T09:00:00+08:00\n  by: chen\n"
                               "  action: ack\n  content: e40007907afdb34d\n");
        const auto after = fixture.run(fixture.cache());
        CHECK(after.from_cache(0));
        CHECK_FALSE(after.from_cache(1));
    }
    SUBCASE("the settings") {
        fixture.disk().put("collab.yaml", std::string(fixtures::k_fake_settings) + "# edited\n");
        fixture.reopen();
        const auto after = fixture.run(fixture.cache());
        CHECK_FALSE(after.from_cache(0));
        CHECK_FALSE(after.from_cache(1));
    }
}

TEST_CASE("a stamp too fresh to trust is read again, and the same content still matches") {
    Fixture fixture;
    // Every stamp changed after trust_before (0): none is trusted.
    fixture.run(DigestCache{}, {}, 0);
    const auto run = fixture.run(fixture.cache(), {}, 0);
    CHECK(run.from_cache(0));
    // Stamps that cannot be trusted yet are not worth writing: the entry stays as it was.
    CHECK(run.outcomes[0].keep_entry);
    CHECK_FALSE(run.saved.has_value());
    // Once they can be, they are remembered, and the next run hashes nothing.
    const auto settled = fixture.run(fixture.cache());
    CHECK(settled.from_cache(0));
    CHECK_FALSE(settled.outcomes[0].keep_entry);
    REQUIRE(settled.saved.has_value());
    const auto warm = fixture.run(fixture.cache());
    CHECK(warm.from_cache(0));
    CHECK(warm.outcomes[0].keep_entry);
    CHECK_FALSE(warm.saved.has_value());
}

TEST_CASE("a cache signed under another secret, or of another format, is not believed") {
    Fixture fixture;
    fixture.run(DigestCache{});

    SUBCASE("another secret") {
        const auto foreign = fixture.cache("secret-b");
        REQUIRE(foreign.size() == 2);
        for (const auto& id : foreign.ids()) {
            CHECK(foreign.raw(id).empty());
        }
        const auto run = fixture.run(fixture.cache("secret-b"));
        CHECK_FALSE(run.from_cache(0));
        CHECK_FALSE(run.from_cache(1));
    }
    SUBCASE("damaged bytes") {
        auto bytes = *fixture.disk().text(collab::store::k_digest_cache_file);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
        // The file, or the entry the byte is in, is not believed: that request is read.
        const auto damaged = DigestCache::decode(bytes, "secret-a").value_or(DigestCache{});
        const auto run = fixture.run(damaged);
        CHECK_FALSE((run.from_cache(0) && run.from_cache(1)));
        REQUIRE(run.saved.has_value());
    }
    SUBCASE("another digest format") {
        DigestOptions options;
        options.format_version = collab::store::k_digest_format_version + 1;
        const auto run = fixture.run(fixture.cache(), options);
        CHECK_FALSE(run.from_cache(0));
        CHECK_FALSE(run.from_cache(1));
        REQUIRE(run.saved.has_value());
        // The entries written under the new format are what the next run of it uses.
        CHECK(fixture.run(fixture.cache(), options).from_cache(0));
    }
}

TEST_CASE("--no-cache neither reads the cache nor has a secret to save it with") {
    Fixture fixture;
    fixture.run(DigestCache{});
    DigestOptions options;
    options.use_cache = false;
    CHECK_FALSE(collab::store::digest_cache_secret(options).has_value());
    const auto cache = fixture.cache();
    REQUIRE(cache.size() == 2);
    const auto run = fixture.run(cache, options);
    CHECK_FALSE(run.from_cache(0));
    CHECK_FALSE(run.from_cache(1));
}

} // namespace test_digest_policy
