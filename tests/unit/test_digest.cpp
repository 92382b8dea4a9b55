// The pieces behind the digest cache of `collab check` and `collab inbox`: the byte
// encoding (varints, zigzag, length-prefixed strings) and content keys, verdicts judged
// for any `now` (late days across National Day 2026 and its make-up Saturday), request
// digests that do not depend on the clock once every event is in, their byte form, the
// cache file with its checksum, and file stamps.
#include "execution_story.hpp"
#include "fixtures.hpp"

#include <algorithm>
#include <collab/model/task_table.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/next_step.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/verdict.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_codec.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/util/binary_io.hpp>
#include <collab/util/content_key.hpp>
#include <collab/util/sha256.hpp>
#include <cstdint>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace test_digest {

namespace {

using namespace collab;
using namespace collab::rules;
using namespace date::literals;
using fixtures::add_event;
using fixtures::cst;
using fixtures::Lines;
using fixtures::review_fields;
// The execution story's request, final on Wednesday 2026-09-09 09:30, and its task table.
using execution_story::final_request;
using execution_story::hash;
using execution_story::k_tasks;
using execution_story::pass;
using execution_story::step;
using execution_story::table;

// ---- requests --------------------------------------------------------------------

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The one-department form, due at the end of the year.
std::string due_later() {
    return with(fixtures::k_one_department_form, "due: 2026-09-30", "due: 2026-12-31");
}

// Created 09:00 and submitted to li on `day` at 10:00.
model::Request submitted(const std::string& day, const std::string& form = due_later()) {
    auto r = fixtures::request(form);
    step(r, day + "T09:00", "zhang", "create");
    step(r, day + "T10:00", "zhang", "submit", "to: li");
    return r;
}

// Submitted at 10:00 and approved by li at 11:00 the same day.
model::Request approved(const std::string& day, const std::string& form = due_later()) {
    auto r = submitted(day, form);
    step(r, day + "T11:00", "li", "review", review_fields("approve"));
    return r;
}

// Split on 2026-09-09 10:00; T1 and T2 confirmed by zhao, T3 not yet by chen.
model::Request split_request() {
    auto r = final_request();
    r.tasks = table(k_tasks);
    step(r, "2026-09-09T10:00", "zhang", "split");
    for (const char* task : {"T1", "T2"}) {
        const auto* row = r.tasks->find(task);
        REQUIRE(row != nullptr);
        add_event(r, r.next_seq(), "2026-09-09T10:30", "zhao", "confirm", model::task_hash(*row),
                  std::string("task: ") + task);
    }
    return r;
}

// Every task confirmed, T1 reported on once (Friday 2026-09-11 09:30), then left alone.
model::Request in_progress_request() {
    auto r = split_request();
    const auto* row = r.tasks->find("T3");
    REQUIRE(row != nullptr);
    add_event(r, r.next_seq(), "2026-09-09T10:40", "chen", "confirm", model::task_hash(*row),
              "task: T3");
    step(r, "2026-09-11T09:30", "zhao", "progress", "task: T1\nnote: Half done\npercent: 50");
    return r;
}

void deliver(model::Request& r, const std::string& at, const std::string& owner,
             const std::string& task) {
    execution_story::deliver(r, at, owner, task, "v1", false);
}

// Every task accepted on its first delivery, the last on Tuesday 2026-10-13 11:30.
model::Request accepted_request() {
    auto r = in_progress_request();
    deliver(r, "2026-09-17T16:00", "zhao", "T1");
    pass(r, "2026-09-17T17:00", "chen", "T1");
    pass(r, "2026-09-18T09:00", "zhang", "T1");
    deliver(r, "2026-09-28T16:00", "zhao", "T2");
    for (const char* person : {"zhang", "wang", "chen"}) {
        pass(r, "2026-09-29T10:00", person, "T2");
    }
    deliver(r, "2026-10-12T09:00", "chen", "T3");
    pass(r, "2026-10-13T09:00", "zhao", "T3");
    pass(r, "2026-10-13T11:30", "zhang", "T3");
    return r;
}

time::Timestamp last_event_of(const model::Request& r) {
    REQUIRE_FALSE(r.events.empty());
    auto last = r.events.front().at;
    for (const auto& event : r.events) {
        last = std::max(last, event.at);
    }
    return last;
}

// ---- descriptions that name every field ------------------------------------------

std::string text_of(const std::optional<time::Timestamp>& at) {
    return at ? std::to_string(at->time_since_epoch().count()) : "-";
}

std::string text_of(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        out += (out.size() == 1 ? "" : ",") + item;
    }
    return out + "]";
}

std::string text_of(const i18n::Message& message) {
    return message.id + text_of(message.args);
}

std::string text_of(const SourceLocation& where) {
    return where.path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string text_of(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

std::string text_of(const Finding& f) {
    return f.rule + " " + text_of(f.severity) + " " + text_of(f.where) + " " + f.request + " " +
           f.person + " late=" + std::to_string(f.late_days) + " " + text_of(f.message);
}

Lines describe(const std::vector<Finding>& findings) {
    Lines out;
    for (const auto& f : findings) {
        out.push_back(text_of(f));
    }
    return out;
}

Lines describe(const std::vector<Verdict>& verdicts) {
    Lines out;
    for (const auto& v : verdicts) {
        out.push_back(text_of(v.finding) + " | after=" + text_of(v.timing.after) + " until=" +
                      text_of(v.timing.until) + " count_arg=" + std::to_string(v.timing.count_arg) +
                      " count_from=" + text_of(v.timing.count_from) +
                      " guessed=" + std::to_string(v.timing.guessed_year));
    }
    return out;
}

Lines describe(const std::vector<PendingStep>& steps) {
    Lines out;
    for (const auto& p : steps) {
        const auto& s = p.step;
        out.push_back(std::string(step_kind_name(s.kind)) + " " + s.request + " " + text_of(s.who) +
                      " for=" + s.on_behalf_of + " " + text_of(s.what) + " | " +
                      text_of(s.commands) + " | due=" + text_of(s.due) +
                      " until=" + text_of(p.until) + " daily=" + (p.daily ? "yes" : "no") +
                      " quiet_since=" + text_of(p.quiet_since));
    }
    return out;
}

Lines describe(const std::vector<Diagnostic>& items) {
    Lines out;
    for (const auto& d : items) {
        out.push_back(text_of(d.severity) + " " + text_of(d.where) + " " + text_of(d.message));
    }
    return out;
}

// Every field of a digest, one line each (verdicts and steps in full).
Lines describe(const RequestDigest& d) {
    Lines out{"id=" + d.id,
              "title=" + d.title,
              "initiator=" + d.initiator,
              "departments=" + text_of(d.departments),
              "last_event=" + text_of(d.last_event),
              std::string("complete=") + (d.complete ? "yes" : "no")};
    for (auto& line : describe(d.verdicts)) {
        out.push_back("verdict " + line);
    }
    for (auto& line : describe(d.steps)) {
        out.push_back("step " + line);
    }
    return out;
}

bool has_step(const RequestDigest& d, StepKind kind) {
    for (const auto& p : d.steps) {
        if (p.step.kind == kind) {
            return true;
        }
    }
    return false;
}

bool has_verdict(const RequestDigest& d, const std::string& rule) {
    for (const auto& v : d.verdicts) {
        if (v.finding.rule == rule) {
            return true;
        }
    }
    return false;
}

Context at(const fixtures::World& world, time::Timestamp now) {
    auto context = world.at("2026-07-06 10:00");
    context.now = now;
    return context;
}

// A verdict made by hand: task.stale-like words whose argument 1 is a count.
Verdict verdict(Timing timing = {}) {
    Finding f{"task.stale",
              Severity::warning,
              {"requests/R-1/tasks.yaml", 3, 5},
              "R-1",
              "zhao",
              0,
              i18n::msg("finding.task_stale", "R-1/T1", 0)};
    return {std::move(f), timing};
}

// A digest with every field set, to values the rules would rarely produce.
RequestDigest handmade_digest() {
    RequestDigest d;
    d.id = "R-ZZZZZZ";
    const char title[] = "标题 with a NUL \0 inside";
    d.title.assign(title, sizeof title - 1);
    d.initiator = "zhang";
    d.departments = {"cs", "", "tech"};
    d.last_event = time::Timestamp(std::chrono::seconds(-86'400)); // before the epoch
    d.complete = false;
    Timing timing;
    timing.after = cst(2026_y / 9 / 30, 18);
    timing.until = cst(2026_y / 10 / 16, 18);
    timing.count_arg = 1;
    timing.count_from = time::Timestamp(std::chrono::seconds(std::int64_t{1} << 40));
    timing.guessed_year = 2027;
    auto v = verdict(timing);
    v.finding.late_days = -7;
    v.finding.where = {"x.yaml", -1, std::numeric_limits<int>::max()};
    d.verdicts.push_back(v);
    auto plain = verdict();
    plain.finding.severity = Severity::error;
    plain.finding.message = i18n::msg("finding.none");
    d.verdicts.push_back(plain);
    PendingStep p;
    p.step.kind = StepKind::deliver; // the last kind
    p.step.request = "R-ZZZZZZ";
    p.step.who = {"li", "chen"};
    p.step.on_behalf_of = "li";
    p.step.what = i18n::msg("step.feedback", "R-ZZZZZZ", "李华");
    p.step.commands = {"collab feedback R-ZZZZZZ", "collab feedback R-ZZZZZZ --answer 1=5"};
    p.step.due = cst(2026_y / 10 / 8, 18);
    p.until = cst(2026_y / 10 / 9, 9, 30);
    p.daily = true;
    p.quiet_since = cst(2026_y / 9 / 30, 17);
    d.steps.push_back(p);
    PendingStep q;
    q.step.kind = StepKind::submit; // the first kind, no times
    q.step.who = {"zhang"};
    d.steps.push_back(q);
    return d;
}

std::string encoded(const RequestDigest& digest) {
    util::ByteWriter out;
    store::encode_digest(out, digest);
    return out.take();
}

std::optional<RequestDigest> decoded(std::string_view bytes, const store::DigestParts& parts = {}) {
    util::ByteReader in(bytes);
    auto digest = store::decode_digest(in, parts);
    if (digest) {
        CHECK(in.ok());
        CHECK(in.at_end());
    }
    return digest;
}

struct Case {
    std::string name;
    model::Request request;
    std::vector<std::string> nows; // local times in Shanghai
};

// Requests in several states and times at or after their last events.
std::vector<Case> cases() {
    std::vector<Case> out;
    out.push_back({"submitted",
                   submitted("2026-09-28"),
                   {"2026-09-28 12:00", "2026-09-30 18:01", "2026-10-09 10:00", "2026-10-12 10:00",
                    "2027-01-05 10:00"}});
    // Only 2026 has a calendar: the review's second working day is in 2027.
    out.push_back(
        {"submitted 12-30",
         submitted("2026-12-30"),
         {"2026-12-30 12:00", "2026-12-31 23:59", "2027-01-01 09:00", "2027-01-05 10:00"}});
    out.push_back({"approved, due 09-30",
                   approved("2026-09-21", fixtures::k_one_department_form),
                   {"2026-09-21 11:00", "2026-09-30 18:00", "2026-10-09 10:00"}});
    out.push_back({"split, T3 not confirmed",
                   split_request(),
                   {"2026-09-09 10:30", "2026-09-10 18:01", "2026-09-16 10:00"}});
    out.push_back({"in progress",
                   in_progress_request(),
                   {"2026-09-11 10:00", "2026-09-15 10:00", "2026-09-21 10:00", "2026-10-19 10:00",
                    "2027-01-05 10:00"}});
    out.push_back({"accepted",
                   accepted_request(),
                   {"2026-10-13 11:30", "2026-10-14 10:00", "2026-11-30 10:00"}});
    return out;
}

std::string bytes_of(std::initializer_list<int> values) {
    std::string out;
    for (const int value : values) {
        out.push_back(static_cast<char>(value));
    }
    return out;
}

store::FileStamp stamp(std::uint64_t seed) {
    return {seed, seed * 1000 + 1, seed * 10, static_cast<std::int64_t>(seed) * -3,
            static_cast<std::int64_t>(seed) * 7};
}

Lines describe(const store::CachedRequest& c) {
    const auto stamp_text = [](const store::FileStamp& s) {
        return std::to_string(s.device) + "/" + std::to_string(s.inode) + "/" +
               std::to_string(s.size) + "/" + std::to_string(s.mtime_ns) + "/" +
               std::to_string(s.ctime_ns);
    };
    Lines out{"folder " + stamp_text(c.folder),
              "log " + (c.log_folder ? stamp_text(*c.log_folder) : std::string("-")),
              std::string("folders_trusted ") + (c.folders_trusted ? "yes" : "no")};
    for (const auto& f : c.files) {
        out.push_back("file " + f.name + " " + stamp_text(f.stamp) + " " + f.key.hex() +
                      (f.trusted ? " trusted" : " untrusted"));
    }
    out.push_back("digest_key " + c.digest_key.hex());
    out.push_back("digest " + util::content_key(c.digest).hex() + " " +
                  std::to_string(c.digest.size()));
    return out;
}

} // namespace

TEST_SUITE("digest: collab::util::binary_io") {

    TEST_CASE("u64 round trips as LEB128, one byte up to 127") {
        const std::vector<std::uint64_t> values = {0,
                                                   1,
                                                   127,
                                                   128,
                                                   16383,
                                                   16384,
                                                   std::uint64_t{1} << 63,
                                                   std::numeric_limits<std::uint64_t>::max()};
        util::ByteWriter out;
        for (const auto value : values) {
            out.u64(value);
        }
        util::ByteReader in(out.bytes());
        for (const auto value : values) {
            CHECK(in.u64() == value);
        }
        CHECK(in.ok());
        CHECK(in.at_end());

        const auto size_of = [](std::uint64_t value) {
            util::ByteWriter w;
            w.u64(value);
            return w.bytes().size();
        };
        CHECK(size_of(0) == 1);
        CHECK(size_of(127) == 1);
        CHECK(size_of(128) == 2);
        CHECK(size_of(std::uint64_t{1} << 63) == 10);
        CHECK(size_of(std::numeric_limits<std::uint64_t>::max()) == 10);
        util::ByteWriter w;
        w.u64(300); // 0b10'0101100
        CHECK(w.bytes() == bytes_of({0xac, 0x02}));
    }

    TEST_CASE("i64 round trips, small magnitudes of either sign in one byte") {
        const std::vector<std::int64_t> values = {0,
                                                  1,
                                                  -1,
                                                  63,
                                                  -64,
                                                  64,
                                                  -65,
                                                  -1'000'000'000'000,
                                                  std::numeric_limits<std::int64_t>::min(),
                                                  std::numeric_limits<std::int64_t>::max()};
        util::ByteWriter out;
        for (const auto value : values) {
            out.i64(value);
        }
        util::ByteReader in(out.bytes());
        for (const auto value : values) {
            CHECK(in.i64() == value);
        }
        CHECK(in.ok());
        CHECK(in.at_end());

        util::ByteWriter small;
        small.i64(-1);
        small.i64(-64);
        small.i64(63);
        CHECK(small.bytes().size() == 3);
    }

    TEST_CASE("str round trips: empty, UTF-8, NULs, longer than 127 bytes; boolean") {
        const std::vector<std::string> texts = {"", "李华 ✓ über", std::string("a\0b\0", 4),
                                                std::string(1, '\0'), std::string(300, 'x')};
        util::ByteWriter out;
        for (const auto& text : texts) {
            out.str(text);
        }
        out.boolean(true);
        out.boolean(false);
        util::ByteReader in(out.bytes());
        for (const auto& text : texts) {
            const auto read = in.str();
            CHECK(read.size() == text.size());
            CHECK(read == text);
        }
        CHECK(in.boolean());
        CHECK_FALSE(in.boolean());
        CHECK(in.ok());
        CHECK(in.at_end());
    }

    TEST_CASE("raw and view read back exactly what was written") {
        const std::uint64_t word = 0x0123456789abcdefULL;
        util::ByteWriter out;
        out.raw(&word, sizeof word);
        out.raw("tail", 4);
        util::ByteReader in(out.bytes());
        std::uint64_t back = 0;
        in.raw(&back, sizeof back);
        CHECK(back == word);
        CHECK(in.view(4) == "tail");
        CHECK(in.ok());
        CHECK(in.at_end());
        CHECK(in.position() == 12);
    }

    TEST_CASE("every truncated prefix fails, without reading past its end") {
        util::ByteWriter out;
        out.u64(std::numeric_limits<std::uint64_t>::max());
        out.i64(std::numeric_limits<std::int64_t>::min());
        out.str("李华\0x");
        out.boolean(true);
        out.u64(128);
        out.str(std::string(130, 'z'));
        out.i64(-2);
        const std::string full = out.bytes();
        const auto read_all = [](util::ByteReader& in) {
            (void)in.u64();
            (void)in.i64();
            (void)in.str();
            (void)in.boolean();
            (void)in.u64();
            (void)in.str();
            (void)in.i64();
        };
        {
            util::ByteReader in(full);
            read_all(in);
            CHECK(in.ok());
            CHECK(in.at_end());
        }
        // The prefix is a view into the whole buffer: a reader that read past its end
        // would find the real bytes there and succeed.
        for (std::size_t size = 0; size < full.size(); ++size) {
            CAPTURE(size);
            util::ByteReader in(std::string_view(full).substr(0, size));
            read_all(in);
            CHECK_FALSE(in.ok());
            CHECK(in.position() <= size);
        }
    }

    TEST_CASE("a failed reader stays failed and yields nothing") {
        util::ByteWriter out;
        out.str("abcdef");
        out.u64(5);
        util::ByteReader in(std::string_view(out.bytes()).substr(0, 3)); // length 6, 2 bytes
        CHECK(in.str().empty());
        CHECK_FALSE(in.ok());
        CHECK(in.u64() == 0);
        CHECK_FALSE(in.ok());
    }

    TEST_CASE("a varint longer than 64 bits fails") {
        std::string overlong(10, static_cast<char>(0x80));
        overlong.push_back(0x01);
        util::ByteReader in(overlong);
        (void)in.u64();
        CHECK_FALSE(in.ok());
    }

    TEST_CASE("count refuses more items than bytes left") {
        {
            util::ByteWriter out;
            out.u64(3);
            out.raw("abc", 3);
            util::ByteReader in(out.bytes());
            CHECK(in.count() == 3); // exactly what is left
            CHECK(in.ok());
        }
        {
            util::ByteWriter out;
            out.u64(4);
            out.raw("abc", 3);
            util::ByteReader in(out.bytes());
            CHECK(in.count() == 0);
            CHECK_FALSE(in.ok());
        }
        {
            util::ByteWriter out;
            out.u64(std::numeric_limits<std::uint64_t>::max());
            out.raw("abc", 3);
            util::ByteReader in(out.bytes());
            CHECK(in.count() == 0);
            CHECK_FALSE(in.ok());
        }
        {
            util::ByteWriter out;
            out.u64(0);
            util::ByteReader in(out.bytes());
            CHECK(in.count() == 0);
            CHECK(in.ok());
            CHECK(in.at_end());
        }
    }
}

TEST_SUITE("digest: collab::util::content_key") {

    TEST_CASE("equal bytes give equal keys; one changed byte a different key") {
        const std::string text = "requests/R-7KQ2XM/log/zhang.yaml: seq 1, create, 李华";
        const std::string copy(text.begin(), text.end());
        CHECK(util::content_key(text) == util::content_key(copy));
        std::set<std::string> seen{util::content_key(text).hex()};
        for (std::size_t i = 0; i < text.size(); ++i) {
            CAPTURE(i);
            auto changed = text;
            changed[i] = static_cast<char>(changed[i] ^ 0x01);
            CHECK_FALSE(util::content_key(changed) == util::content_key(text));
            seen.insert(util::content_key(changed).hex());
        }
        CHECK(seen.size() == text.size() + 1);
        CHECK_FALSE(util::content_key("") == util::content_key(std::string(1, '\0')));
        CHECK_FALSE(util::content_key("a") == util::content_key("a "));
    }

    TEST_CASE("hex is 32 lowercase hex digits, high word first") {
        const auto hex = util::content_key("abc").hex();
        CHECK(hex.size() == 32);
        CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
        CHECK(util::ContentKey{1, 0xab}.hex() == "000000000000000100000000000000ab");
        CHECK(util::ContentKey{}.hex() == std::string(32, '0'));
        const util::ContentKey max{std::numeric_limits<std::uint64_t>::max(),
                                   std::numeric_limits<std::uint64_t>::max()};
        CHECK(max.hex() == std::string(32, 'f'));
    }

    TEST_CASE("KeyBuilder: parts are length-prefixed, order matters, same parts same key") {
        const auto key = [](std::initializer_list<std::string_view> parts) {
            util::KeyBuilder builder;
            for (const auto part : parts) {
                builder.add(part);
            }
            return builder.key();
        };
        CHECK_FALSE(key({"ab", "c"}) == key({"a", "bc"}));
        CHECK_FALSE(key({"abc"}) == key({"ab", "c"}));
        CHECK_FALSE(key({"a", "b"}) == key({"b", "a"}));
        CHECK_FALSE(key({}) == key({""}));
        CHECK_FALSE(key({""}) == key({"", ""}));
        CHECK(key({"ab", "c"}) == key({"ab", "c"}));
        CHECK(key({std::string_view("\0x", 2), "y"}) == key({std::string_view("\0x", 2), "y"}));

        util::KeyBuilder builder;
        builder.add("one").add(util::content_key("two"));
        const auto first = builder.key();
        CHECK(builder.key() == first); // key() does not consume the state
        util::KeyBuilder same;
        same.add("one").add(util::content_key("two"));
        CHECK(same.key() == first);
        util::KeyBuilder other;
        other.add("one").add(util::content_key("tw0"));
        CHECK_FALSE(other.key() == first);
        builder.add("three");
        CHECK_FALSE(builder.key() == first);
    }
}

TEST_SUITE("digest: collab::rules::finding_at") {

    TEST_CASE("a verdict without timing always holds, as made") {
        const fixtures::World world;
        const auto v = verdict();
        for (const auto* now : {"2026-01-01 00:00", "2026-07-06 10:00", "2026-12-31 23:59"}) {
            CAPTURE(now);
            const auto f = finding_at(v, world.at(now));
            REQUIRE(f.has_value());
            CHECK(text_of(*f) == text_of(v.finding));
            CHECK(f->late_days == 0);
        }
    }

    TEST_CASE("timing.after: holds only once now is past it") {
        const fixtures::World world;
        Timing timing;
        timing.after = cst(2026_y / 9 / 30, 18);
        const auto v = verdict(timing);
        CHECK_FALSE(finding_at(v, at(world, *timing.after - std::chrono::hours(1))).has_value());
        CHECK_FALSE(finding_at(v, at(world, *timing.after)).has_value());
        const auto just = finding_at(v, at(world, *timing.after + std::chrono::seconds(1)));
        REQUIRE(just.has_value());
        CHECK(just->late_days == 1); // same day: at least 1
        CHECK(just->rule == "task.stale");
        CHECK(just->person == "zhao");
    }

    TEST_CASE("timing.until: holds up to and including until, not after") {
        const fixtures::World world;
        Timing timing;
        timing.after = cst(2026_y / 9 / 30, 18);
        timing.until = cst(2026_y / 10 / 9, 18);
        const auto v = verdict(timing);
        CHECK(finding_at(v, world.at("2026-10-08 10:00")).has_value());
        CHECK(finding_at(v, at(world, *timing.until)).has_value());
        CHECK_FALSE(finding_at(v, at(world, *timing.until + std::chrono::seconds(1))).has_value());
        CHECK_FALSE(finding_at(v, world.at("2026-11-01 10:00")).has_value());

        Timing only_until;
        only_until.until = cst(2026_y / 10 / 9, 18);
        const auto u = verdict(only_until);
        CHECK(finding_at(u, world.at("2026-01-01 10:00")).has_value());
        CHECK_FALSE(finding_at(u, world.at("2026-10-09 18:01")).has_value());
    }

    TEST_CASE("late_days: working days from after's day to today, across National Day") {
        const fixtures::World world;
        Timing timing;
        timing.after = cst(2026_y / 9 / 30, 18); // Wednesday
        const auto v = verdict(timing);
        const auto late = [&](const char* now) {
            const auto f = finding_at(v, world.at(now));
            REQUIRE(f.has_value());
            return f->late_days;
        };
        CHECK(late("2026-09-30 23:00") == 1);
        CHECK(late("2026-10-05 10:00") == 1); // the holiday: none yet, at least 1
        CHECK(late("2026-10-08 10:00") == 1); // first working day after
        CHECK(late("2026-10-09 10:00") == 2);
        CHECK(late("2026-10-10 10:00") == 3); // make-up Saturday counts
        CHECK(late("2026-10-11 10:00") == 3); // Sunday does not
        CHECK(late("2026-10-12 10:00") == 4);
        // Counted by local day in Shanghai: 10-09 00:30 local is 10-08 in UTC.
        CHECK(late("2026-10-09 00:30") == 2);
    }

    TEST_CASE("count_arg: the message argument becomes the count, from count_from if set") {
        const fixtures::World world;
        Timing timing;
        timing.after = cst(2026_y / 9 / 30, 18);
        timing.count_arg = 1;
        {
            const auto f = finding_at(verdict(timing), world.at("2026-10-10 10:00"));
            REQUIRE(f.has_value());
            CHECK(f->late_days == 3);
            CHECK(f->message.args == std::vector<std::string>{"R-1/T1", "3"});
        }
        // From Friday 09-25: 09-28, 29, 30, 10-08, 09 are five working days.
        timing.count_from = cst(2026_y / 9 / 25, 17);
        {
            const auto f = finding_at(verdict(timing), world.at("2026-10-09 10:00"));
            REQUIRE(f.has_value());
            CHECK(f->late_days == 2); // still from after
            CHECK(f->message.args == std::vector<std::string>{"R-1/T1", "5"});
        }
        // Argument 0 replaced instead; no argument (-1) and one out of range left alone.
        timing.count_arg = 0;
        CHECK(finding_at(verdict(timing), world.at("2026-10-09 10:00"))->message.args ==
              std::vector<std::string>{"5", "0"});
        timing.count_arg = -1;
        CHECK(finding_at(verdict(timing), world.at("2026-10-09 10:00"))->message.args ==
              std::vector<std::string>{"R-1/T1", "0"});
        timing.count_arg = 2;
        CHECK(finding_at(verdict(timing), world.at("2026-10-09 10:00"))->message.args ==
              std::vector<std::string>{"R-1/T1", "0"});
    }
}

TEST_SUITE("digest: collab::rules::digest_request") {

    TEST_CASE("the digest names the request, its departments and last event") {
        const fixtures::World world;
        const auto r = in_progress_request();
        const auto d = digest_request(r, world.at("2026-09-15 10:00"));
        CHECK(d.id == fixtures::k_request_id);
        CHECK(d.title == "Dispatch tickets to engineers automatically");
        CHECK(d.initiator == "zhang");
        CHECK(d.departments == std::vector<std::string>{"cs", "tech"});
        REQUIRE(d.last_event.has_value());
        CHECK(*d.last_event == cst(2026_y / 9 / 11, 9, 30));
        CHECK(d.complete);
    }

    TEST_CASE("once every event is in, the digest does not depend on now") {
        const fixtures::World world;
        for (const auto& c : cases()) {
            CAPTURE(c.name);
            const auto last = last_event_of(c.request);
            const auto first = digest_request(c.request, at(world, last));
            CHECK(first.complete);
            CHECK_FALSE((first.verdicts.empty() && first.steps.empty()));
            for (const auto& now : c.nows) {
                CAPTURE(now);
                const auto later = digest_request(c.request, world.at(now));
                CHECK(later.complete);
                CHECK(describe(later) == describe(first));
            }
            const auto much_later = digest_request(c.request, world.at("2027-06-01 10:00"));
            CHECK(describe(much_later) == describe(first));
        }
    }

    TEST_CASE("before the last event the digest leaves later events out") {
        const fixtures::World world;
        // Submitted 2026-07-01 10:00 (Wednesday), approved by li at 11:00.
        const auto r = approved("2026-07-01");
        const auto early = digest_request(r, world.at("2026-07-01 10:30"));
        CHECK_FALSE(early.complete);
        REQUIRE(early.last_event.has_value());
        CHECK(*early.last_event == cst(2026_y / 7 / 1, 11));
        CHECK(has_step(early, StepKind::review));
        CHECK(has_verdict(early, "review.overdue"));

        const auto late = digest_request(r, world.at("2026-07-01 12:00"));
        CHECK(late.complete);
        CHECK_FALSE(has_step(late, StepKind::review));
        CHECK_FALSE(has_verdict(late, "review.overdue"));

        // The early digest is that of the request as it stood at 10:30.
        auto earlier =
            describe(digest_request(submitted("2026-07-01"), world.at("2026-07-05 12:00")));
        REQUIRE(earlier.size() > 5);
        auto shown = describe(early);
        // Only last_event and complete differ.
        CHECK(shown[4] == "last_event=" + text_of(cst(2026_y / 7 / 1, 11)));
        CHECK(shown[5] == "complete=no");
        shown.erase(shown.begin() + 4, shown.begin() + 6);
        earlier.erase(earlier.begin() + 4, earlier.begin() + 6);
        CHECK(shown == earlier);

        // An event exactly at now is seen.
        const auto on_time = digest_request(r, world.at("2026-07-01 11:00"));
        CHECK(on_time.complete);
        CHECK_FALSE(has_step(on_time, StepKind::review));
    }

    TEST_CASE("findings_at gives what check_request gives") {
        for (const int variant : {0, 1, 2}) {
            CAPTURE(variant);
            model::Config config;
            if (variant == 1) {
                config.severities["review"] = model::RuleSeverity::warning;
                config.severities["progress"] = model::RuleSeverity::off; // task.stale
            }
            if (variant == 2) {
                config.uncovered_years = time::UncoveredYears::weekends_only;
            }
            const fixtures::World world(config);
            std::size_t nonempty = 0;
            for (const auto& c : cases()) {
                CAPTURE(c.name);
                const auto d = digest_request(c.request, at(world, last_event_of(c.request)));
                for (const auto& now : c.nows) {
                    CAPTURE(now);
                    const auto context = world.at(now);
                    const auto expected = describe(check_request(c.request, context));
                    CHECK(describe(findings_at(d, context)) == expected);
                    // And from a digest worked out at that very time.
                    CHECK(describe(findings_at(digest_request(c.request, context), context)) ==
                          expected);
                    nonempty += expected.empty() ? 0 : 1;
                }
            }
            CHECK(nonempty >= 5);
        }
    }

    TEST_CASE("the cases cover late, stale, overdue and severities") {
        const fixtures::World world;
        const auto reviewed = describe(
            findings_at(digest_request(submitted("2026-09-28"), world.at("2026-10-09 10:00")),
                        world.at("2026-10-12 10:00")));
        REQUIRE(reviewed.size() == 1);
        CHECK(reviewed[0].find("review.overdue error") == 0);
        CHECK(reviewed[0].find("late=4") != std::string::npos);

        model::Config config;
        config.severities["review"] = model::RuleSeverity::warning;
        const fixtures::World warned(config);
        const auto findings =
            findings_at(digest_request(submitted("2026-09-28"), warned.at("2026-10-09 10:00")),
                        warned.at("2026-10-09 10:00"));
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].severity == Severity::warning);

        const auto r = in_progress_request();
        const auto d = digest_request(r, world.at("2026-09-11 10:00"));
        bool stale = false;
        for (const auto& f : findings_at(d, world.at("2026-09-16 10:00"))) {
            stale = stale || f.rule == "task.stale";
        }
        CHECK(stale);
    }
}

TEST_SUITE("digest: collab::store::digest_codec") {

    TEST_CASE("a digest with every field set round trips") {
        const auto d = handmade_digest();
        const auto bytes = encoded(d);
        const auto back = decoded(bytes);
        REQUIRE(back.has_value());
        CHECK(describe(*back) == describe(d));
        CHECK(back->title.size() == d.title.size());
        REQUIRE(back->verdicts.size() == 2);
        CHECK(back->verdicts[0].timing == d.verdicts[0].timing);
        CHECK(back->verdicts[1].timing == Timing{});
        CHECK_FALSE(back->complete);

        RequestDigest empty;
        const auto none = decoded(encoded(empty));
        REQUIRE(none.has_value());
        CHECK(describe(*none) == describe(empty));
        CHECK_FALSE(none->last_event.has_value());
        CHECK(none->complete);
    }

    TEST_CASE("real digests round trip, daily steps and timed verdicts included") {
        const fixtures::World world;
        bool daily = false;
        bool step_until = false;
        bool until = false;
        bool count_from = false;
        bool incomplete = false;
        std::vector<RequestDigest> digests;
        for (const auto& c : cases()) {
            for (const auto& now : c.nows) {
                digests.push_back(digest_request(c.request, world.at(now)));
            }
        }
        digests.push_back(digest_request(approved("2026-07-01"), world.at("2026-07-01 10:30")));
        for (const auto& d : digests) {
            CAPTURE(d.id);
            const auto back = decoded(encoded(d));
            REQUIRE(back.has_value());
            CHECK(describe(*back) == describe(d));
            for (const auto& p : d.steps) {
                daily = daily || (p.daily && p.quiet_since);
                step_until = step_until || p.until.has_value();
            }
            for (const auto& v : d.verdicts) {
                until = until || v.timing.until.has_value();
                count_from = count_from || v.timing.count_from.has_value();
            }
            incomplete = incomplete || !d.complete;
        }
        CHECK(daily);
        CHECK(step_until);
        CHECK(until);
        CHECK(count_from);
        CHECK(incomplete);
    }

    TEST_CASE("DigestParts skips the part not asked for and leaves the reader past it") {
        const fixtures::World world;
        const auto d = digest_request(in_progress_request(), world.at("2026-09-16 10:00"));
        REQUIRE_FALSE(d.verdicts.empty());
        REQUIRE_FALSE(d.steps.empty());
        const auto bytes = encoded(d);

        const auto steps_only = decoded(bytes, {.verdicts = false, .steps = true});
        REQUIRE(steps_only.has_value());
        CHECK(steps_only->verdicts.empty());
        CHECK(describe(steps_only->steps) == describe(d.steps));
        CHECK(steps_only->id == d.id);
        CHECK(steps_only->last_event == d.last_event);

        const auto verdicts_only = decoded(bytes, {.verdicts = true, .steps = false});
        REQUIRE(verdicts_only.has_value());
        CHECK(verdicts_only->steps.empty());
        CHECK(describe(verdicts_only->verdicts) == describe(d.verdicts));
        CHECK(verdicts_only->departments == d.departments);

        // Two digests back to back, each read in part: the second is still found.
        util::ByteWriter out;
        store::encode_digest(out, d);
        store::encode_digest(out, handmade_digest());
        util::ByteReader in(out.bytes());
        const auto one = store::decode_digest(in, {.verdicts = false, .steps = false});
        REQUIRE(one.has_value());
        CHECK(one->verdicts.empty());
        CHECK(one->steps.empty());
        CHECK(one->title == d.title);
        const auto two = store::decode_digest(in, {.verdicts = true, .steps = false});
        REQUIRE(two.has_value());
        CHECK(describe(two->verdicts) == describe(handmade_digest().verdicts));
        CHECK(in.ok());
        CHECK(in.at_end());
    }

    TEST_CASE("DigestParts skips the index sections not asked for, in any combination") {
        auto d = handmade_digest();
        d.index.listing.id = d.id;
        d.index.listing.title = "列表 title";
        d.index.table_tasks = {"T1", "T2"};
        d.index.records = {{"blocker", {"B-1"}}, {"actions", {"A-1", "A-2"}}};
        rules::TaskEntry task;
        task.id = "T1";
        task.owner = "li";
        task.open_blockers.push_back({"B-1", "waiting", "chen", "friday"});
        d.index.tasks = {task};
        rules::RecordEntry entry;
        entry.kind = rules::RecordKind::blocker;
        entry.id = "B-1";
        entry.task = "T1";
        entry.people = {"li", "chen"};
        d.index.record_entries = {entry};
        d.index.stats.tasks_delivered = 3;
        d.index.stats.feedback = {{"q1", 4.5}};
        const auto bytes = encoded(d) + encoded(d);
        for (int mask = 0; mask < 16; ++mask) {
            CAPTURE(mask);
            store::DigestParts parts;
            parts.verdicts = false;
            parts.steps = false;
            parts.lookup = (mask & 1) != 0;
            parts.tasks = (mask & 2) != 0;
            parts.record_entries = (mask & 4) != 0;
            parts.stats = (mask & 8) != 0;
            util::ByteReader in(bytes);
            for (int copy = 0; copy < 2; ++copy) {
                const auto back = store::decode_digest(in, parts);
                REQUIRE(back.has_value());
                const auto& index = back->index;
                CHECK(index.listing.title == d.index.listing.title);
                CHECK(index.table_tasks.size() == (parts.lookup ? 2U : 0U));
                CHECK(index.records.size() == (parts.lookup ? 2U : 0U));
                CHECK(index.tasks ==
                      (parts.tasks ? d.index.tasks : std::vector<rules::TaskEntry>{}));
                CHECK(index.record_entries == (parts.record_entries
                                                   ? d.index.record_entries
                                                   : std::vector<rules::RecordEntry>{}));
                CHECK(index.stats.tasks_delivered == (parts.stats ? 3U : 0U));
                CHECK(index.stats.feedback.size() == (parts.stats ? 1U : 0U));
            }
            CHECK(in.ok());
            CHECK(in.at_end());
        }
    }

    TEST_CASE("diagnostics round trip") {
        std::vector<Diagnostic> items;
        items.push_back({Severity::warning,
                         {"requests/R-7KQ2XM/log/李华.yaml", 12, 3},
                         i18n::msg("yaml.unknown_key", "colour", "color")});
        items.push_back({Severity::error, {"", 0, 0}, i18n::msg("x")});
        items.push_back(
            {Severity::error, {"a.yaml", -5, 1 << 30}, {"id", {"", std::string("\0", 1)}}});
        util::ByteWriter out;
        store::encode_diagnostics(out, items);
        store::encode_diagnostics(out, {});
        util::ByteReader in(out.bytes());
        const auto back = store::decode_diagnostics(in);
        REQUIRE(back.has_value());
        CHECK(describe(*back) == describe(items));
        CHECK((*back)[2].message.args[1] == std::string("\0", 1));
        const auto none = store::decode_diagnostics(in);
        REQUIRE(none.has_value());
        CHECK(none->empty());
        CHECK(in.ok());
        CHECK(in.at_end());
    }

    TEST_CASE("every truncated prefix is refused, never read past") {
        const fixtures::World world;
        util::ByteWriter out;
        store::encode_digest(out,
                             digest_request(in_progress_request(), world.at("2026-09-16 10:00")));
        store::encode_digest(out, handmade_digest());
        std::vector<Diagnostic> items{
            {Severity::warning, {"f.yaml", 1, 2}, i18n::msg("a", "b", "c")}};
        store::encode_diagnostics(out, items);
        const std::string full = out.bytes();
        const auto read_all = [](util::ByteReader& in, const store::DigestParts& parts) {
            return store::decode_digest(in, parts).has_value() &&
                   store::decode_digest(in, parts).has_value() &&
                   store::decode_diagnostics(in).has_value();
        };
        for (const auto parts :
             {store::DigestParts{}, store::DigestParts{false, true},
              store::DigestParts{true, false}, store::DigestParts{false, false},
              store::DigestParts{false, false, true, false, true, false, true},
              store::DigestParts{false, false, true, true, false, true, false}}) {
            {
                util::ByteReader in(full);
                CHECK(read_all(in, parts));
                CHECK(in.at_end());
            }
            for (std::size_t size = 0; size < full.size(); ++size) {
                CAPTURE(size);
                util::ByteReader in(std::string_view(full).substr(0, size));
                const bool all = read_all(in, parts);
                CHECK_FALSE((all && in.ok()));
                CHECK(in.position() <= size);
            }
        }
    }

    TEST_CASE("damaged bytes are refused or decoded, never a crash") {
        const auto full = encoded(handmade_digest());
        for (std::size_t i = 0; i < full.size(); ++i) {
            for (const int mask : {0x01, 0x80, 0xff}) {
                auto bytes = full;
                bytes[i] = static_cast<char>(bytes[i] ^ mask);
                util::ByteReader in(bytes);
                (void)store::decode_digest(in);
            }
        }
        // A step kind past the last is not a digest.
        RequestDigest d;
        d.steps.push_back({});
        auto bytes = encoded(d);
        // The empty digest's steps part is a one-byte length and a zero count; this
        // one's starts at the same place (the first byte that differs, its length), and
        // its first step's kind follows the length and the count.
        util::ByteWriter probe;
        store::encode_digest(probe, RequestDigest{});
        const auto& empty = probe.bytes();
        std::size_t length_at = 0;
        while (length_at < empty.size() && empty[length_at] == bytes[length_at]) {
            ++length_at;
        }
        const auto kind_at = length_at + 2;
        REQUIRE(bytes.size() > kind_at);
        REQUIRE(bytes[kind_at - 1] == 1);
        REQUIRE(bytes[kind_at] == 0);
        bytes[kind_at] = static_cast<char>(static_cast<int>(StepKind::deliver) + 1);
        CHECK_FALSE(decoded(bytes).has_value());
    }
}

TEST_SUITE("digest: collab::store::digest_cache") {

    // A user's cache secret (store/cache_secret); any 32 bytes will do here.
    const std::string k_secret(32, 'k');

    TEST_CASE("entries put in any order are found by id, ids sorted") {
        store::DigestCacheWriter writer;
        writer.put("R-CCCCCC", "third");
        writer.put("R-AAAAAA", std::string("fi\0rst", 6));
        writer.put("R-BBBBBB", "");
        writer.put("R-9", std::string(200, '\xff'));
        const auto bytes = writer.encode(k_secret);
        auto cache = store::DigestCache::decode(bytes, k_secret);
        REQUIRE(cache.has_value());
        CHECK(cache->size() == 4);
        CHECK(cache->ids() == std::vector<std::string>{"R-9", "R-AAAAAA", "R-BBBBBB", "R-CCCCCC"});
        CHECK(cache->raw("R-AAAAAA") == std::string_view("fi\0rst", 6));
        CHECK(cache->raw("R-BBBBBB").empty());
        CHECK(cache->raw("R-CCCCCC") == "third");
        CHECK(cache->raw("R-9") == std::string(200, '\xff'));
        CHECK(cache->raw("R-DDDDDD").empty());
        CHECK(cache->raw("").empty());

        // Views stay valid when the cache is moved.
        auto moved = std::move(*cache);
        CHECK(moved.raw("R-CCCCCC") == "third");

        store::DigestCacheWriter none;
        const auto empty = store::DigestCache::decode(none.encode(k_secret), k_secret);
        REQUIRE(empty.has_value());
        CHECK(empty->size() == 0);
        CHECK(empty->ids().empty());
    }

    TEST_CASE("an id put twice keeps the entry put last") {
        store::DigestCacheWriter writer;
        for (int i = 0; i < 300; ++i) {
            writer.put(fmt::format("R-{:04}", i), "old");
        }
        for (int i = 299; i >= 0; --i) {
            writer.put(fmt::format("R-{:04}", i), "new");
        }
        const auto cache = store::DigestCache::decode(writer.encode(k_secret), k_secret);
        REQUIRE(cache.has_value());
        CHECK(cache->size() == 300);
        for (int i = 0; i < 300; ++i) {
            CHECK(cache->raw(fmt::format("R-{:04}", i)) == "new");
        }
    }

    TEST_CASE("any single flipped byte loses the file or the entries it falls in, never "
              "changes one") {
        store::DigestCacheWriter writer;
        writer.put("R-B", "bb");
        writer.put("R-A", "a");
        writer.put("R-C", std::string("c\0c", 3));
        const auto bytes = writer.encode(k_secret);
        const std::vector<std::pair<std::string, std::string>> entries{
            {"R-A", "a"}, {"R-B", "bb"}, {"R-C", std::string("c\0c", 3)}};
        const auto cache = store::DigestCache::decode(bytes, k_secret);
        REQUIRE(cache.has_value());
        for (const auto& [id, entry] : entries) {
            CHECK(cache->raw(id) == entry);
        }
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            for (const int mask : {0x01, 0x80, 0xff}) {
                CAPTURE(i);
                CAPTURE(mask);
                auto damaged = bytes;
                damaged[i] = static_cast<char>(damaged[i] ^ mask);
                const auto read = store::DigestCache::decode(damaged, k_secret);
                if (!read) {
                    continue;
                }
                std::size_t intact = 0;
                for (const auto& [id, entry] : entries) {
                    const auto raw = read->raw(id);
                    CHECK((raw.empty() || raw == entry));
                    intact += raw == entry ? 1 : 0;
                }
                for (const auto& id : read->ids()) {
                    const bool known = std::any_of(entries.begin(), entries.end(),
                                                   [&](const auto& e) { return e.first == id; });
                    CHECK((known || read->raw(id).empty()));
                }
                CHECK(intact < entries.size());
            }
        }
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            CAPTURE(size);
            CHECK_FALSE(store::DigestCache::decode(bytes.substr(0, size), k_secret).has_value());
        }
        CHECK_FALSE(store::DigestCache::decode(bytes + "x", k_secret).has_value());
        CHECK_FALSE(store::DigestCache::decode("", k_secret).has_value());
    }

    TEST_CASE("one planted entry is dropped alone; kept entries keep their tags") {
        store::DigestCacheWriter writer;
        writer.put("R-A", "first");
        writer.put("R-B", "second");
        auto bytes = writer.encode(k_secret);
        const auto at = bytes.find("second");
        REQUIRE(at != std::string::npos);
        bytes.replace(at, 6, "planty");
        const auto cache = store::DigestCache::decode(bytes, k_secret);
        REQUIRE(cache.has_value());
        CHECK(cache->raw("R-A") == "first");
        CHECK(cache->raw("R-B").empty());

        // Carried over unchecked: the good entry stays good, the planted one stays bad.
        store::DigestCacheWriter next;
        next.keep(*cache, "R-A");
        next.keep(*cache, "R-B");
        next.keep(*cache, "R-NONE");
        next.put("R-C", "third");
        const auto again = store::DigestCache::decode(next.encode(k_secret), k_secret);
        REQUIRE(again.has_value());
        CHECK(again->ids() == std::vector<std::string>{"R-A", "R-B", "R-C"});
        CHECK(again->raw("R-A") == "first");
        CHECK(again->raw("R-B").empty());
        CHECK(again->raw("R-C") == "third");
    }

    TEST_CASE("an entry moved to another id does not pass") {
        store::DigestCacheWriter writer;
        writer.put("R-A", "aaaa");
        writer.put("R-B", "bbbb");
        auto bytes = writer.encode(k_secret);
        // Same lengths: R-A's bytes and tag now read as R-B's.
        const auto a = bytes.find("aaaa");
        const auto b = bytes.find("bbbb");
        REQUIRE(b > a);
        const auto tag_size = std::size_t{32};
        const auto a_tag = bytes.substr(a + 4, tag_size);
        bytes.replace(b, 4, "aaaa");
        bytes.replace(b + 4, tag_size, a_tag);
        const auto cache = store::DigestCache::decode(bytes, k_secret);
        REQUIRE(cache.has_value());
        CHECK(cache->raw("R-A") == "aaaa");
        CHECK(cache->raw("R-B").empty());
    }

    TEST_CASE("a cache written under another secret, or forged, is no cache") {
        store::DigestCacheWriter writer;
        writer.put("R-A", "clean");
        const auto bytes = writer.encode(k_secret);
        REQUIRE(store::DigestCache::decode(bytes, k_secret)->raw("R-A") == "clean");
        // Another user's or machine's cache: the same bytes mean nothing here.
        CHECK(store::DigestCache::decode(bytes, std::string(32, 'x'))->raw("R-A").empty());
        CHECK(store::DigestCache::decode(bytes, "")->raw("R-A").empty());
        // Someone who knows the format but not the secret: every public checksum of the
        // entry recomputed (the xxHash content key and a plain SHA-256 in the tag's place)
        // still does not pass.
        const auto body = bytes.substr(0, bytes.size() - 32);
        const auto tagged = body.substr(body.find("R-A") - 1);
        const auto sha = util::sha256(tagged);
        CHECK(store::DigestCache::decode(body + std::string(sha.begin(), sha.end()), k_secret)
                  ->raw("R-A")
                  .empty());
        const auto key = util::content_key(tagged);
        std::string checksum(reinterpret_cast<const char*>(&key.high), sizeof key.high);
        checksum.append(reinterpret_cast<const char*>(&key.low), sizeof key.low);
        checksum.append(16, '\0');
        CHECK(store::DigestCache::decode(body + checksum, k_secret)->raw("R-A").empty());
    }

    TEST_CASE("save then load; a missing file is an empty cache") {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("collab-test-digest-" + util::content_key(__FILE__).hex().substr(0, 8) +
                          "-" + std::to_string(store::file_clock_now_ns()));
        std::filesystem::create_directories(dir);
        const auto file = dir / "digests";
        CHECK(store::DigestCache::load(file, k_secret).size() == 0);
        store::DigestCacheWriter writer;
        writer.put("R-2", "two");
        writer.put("R-1", "one");
        CHECK(writer.save(file, k_secret));
        const auto cache = store::DigestCache::load(file, k_secret);
        CHECK(cache.ids() == std::vector<std::string>{"R-1", "R-2"});
        CHECK(cache.raw("R-2") == "two");
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("cached request entries round trip") {
        store::CachedRequest entry;
        entry.folder = stamp(1);
        entry.log_folder = stamp(2);
        entry.folders_trusted = true;
        store::GitBlobId blob{};
        blob.fill(0xab);
        blob.back() = 0;
        entry.files.push_back({"request.yaml", stamp(3), util::content_key("form"), true, blob});
        entry.files.push_back({"log/李华.yaml", stamp(4), util::content_key("log"), false, {}});
        entry.files.push_back(
            {"tasks.yaml",
             {std::numeric_limits<std::uint64_t>::max(), 0, 0,
              std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()},
             {std::numeric_limits<std::uint64_t>::max(), 1},
             true,
             {}});
        entry.digest_key = util::KeyBuilder().add("code").add("settings").key();
        const auto digest_bytes = encoded(handmade_digest());
        entry.digest = digest_bytes;
        REQUIRE(entry.digest.find('\0') != std::string::npos);

        const auto bytes = store::encode_cached_request(entry);
        const auto back = store::decode_cached_request(bytes);
        REQUIRE(back.has_value());
        CHECK(describe(*back) == describe(entry));
        CHECK(back->digest == entry.digest);
        CHECK(back->folder == entry.folder);
        CHECK(back->log_folder == entry.log_folder);
        REQUIRE(back->files.size() == 3);
        CHECK(back->files[2].stamp == entry.files[2].stamp);
        CHECK(back->files[2].key == entry.files[2].key);
        CHECK(back->files[0].blob == blob);
        CHECK_FALSE(back->files[1].blob.has_value());

        store::CachedRequest bare;
        bare.folder = stamp(9);
        const auto bare_bytes = store::encode_cached_request(bare); // the decoded entry views it
        const auto plain = store::decode_cached_request(bare_bytes);
        REQUIRE(plain.has_value());
        CHECK(describe(*plain) == describe(bare));
        CHECK_FALSE(plain->log_folder.has_value());
        CHECK_FALSE(plain->folders_trusted);

        for (std::size_t size = 0; size < bytes.size(); ++size) {
            CAPTURE(size);
            CHECK_FALSE(
                store::decode_cached_request(std::string_view(bytes).substr(0, size)).has_value());
        }
        CHECK_FALSE(store::decode_cached_request(bytes + "x").has_value());
    }
}

TEST_SUITE("digest: collab::store::FileStamp") {

    TEST_CASE("settled_before: both mtime and ctime strictly earlier") {
        store::FileStamp s;
        s.mtime_ns = 100;
        s.ctime_ns = 200;
        CHECK(s.settled_before(201));
        CHECK_FALSE(s.settled_before(200)); // ctime equal: not before
        CHECK_FALSE(s.settled_before(150)); // ctime later
        CHECK_FALSE(s.settled_before(100));
        s.mtime_ns = 300; // mtime later than ctime
        CHECK_FALSE(s.settled_before(250));
        CHECK_FALSE(s.settled_before(300));
        CHECK(s.settled_before(301));
    }

    TEST_CASE("stamps are equal only when every field is") {
        const auto base = stamp(5);
        CHECK(base == stamp(5));
        for (int field = 0; field < 5; ++field) {
            auto other = base;
            switch (field) {
            case 0:
                other.device += 1;
                break;
            case 1:
                other.inode += 1;
                break;
            case 2:
                other.size += 1;
                break;
            case 3:
                other.mtime_ns += 1;
                break;
            default:
                other.ctime_ns += 1;
                break;
            }
            CHECK_FALSE(other == base);
        }
    }
}

} // namespace test_digest
