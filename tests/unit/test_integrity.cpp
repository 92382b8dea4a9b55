// Records `collab check` cannot be fooled about: full-length content hashes that still
// match the 64-bit hashes of earlier releases, entries without a hash or approving other
// content, a hand edit of an approved form, entries dated in the future, seqs out of
// range, logs cut short or naming another request.
#include "fixtures.hpp"

#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/verdict.hpp>
#include <collab/store/workspace.hpp>
#include <collab/util/sha256.hpp>
#include <doctest/doctest.h>

namespace test_integrity {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::Lines;
using fixtures::review_fields;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

Lines rules_of(const std::vector<Finding>& findings) {
    Lines out;
    for (const auto& f : findings) {
        out.push_back(f.rule + " " + f.person + " " + f.where.path);
    }
    return out;
}

model::Request approved() {
    auto r = fixtures::request(fixtures::k_one_department_form);
    add_event(r, 1, "2026-09-21T10:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-09-21T10:00", "zhang", "submit", hash(r), "to: li");
    add_event(r, 3, "2026-09-21T11:00", "li", "review", hash(r), review_fields("approve"));
    return r;
}

Lines read_log_problems(std::string_view text) {
    const std::string path = "requests/R-7KQ2XM/log/zhang.yaml";
    Diagnostics out;
    model::read_log(fixtures::parse_yaml(text, path), path, "R-7KQ2XM", "zhang",
                    fixtures::shanghai(), model::event_action_keys(), out);
    return fixtures::rendered(out);
}

// Reads a request folder of request.yaml and one log of zhang's.
Lines read_folder(const std::string& log) {
    std::vector<store::RecordText> files{{"request.yaml", fixtures::k_one_department_form},
                                         {"log/zhang.yaml", log}};
    Diagnostics out;
    store::read_request("R-7KQ2XM", files, fixtures::shanghai(), out);
    return fixtures::rendered(out);
}

const std::string k_entry = "- seq: 1\n"
                            "  at: 2026-07-06T09:30:00+08:00\n"
                            "  by: zhang\n"
                            "  action: create\n"
                            "  content: ecfa49c7b79843c0\n";

} // namespace

TEST_SUITE("integrity") {

    TEST_CASE("SHA-256 from libcrypto: the FIPS 180-4 test vectors") {
        CHECK(util::sha256_hex("abc") ==
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(util::sha256_hex("") ==
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    TEST_CASE("content hashes are the full SHA-256; 16 digits of an earlier release match") {
        const auto r = fixtures::request(fixtures::k_one_department_form);
        const auto full = hash(r);
        CHECK(full.size() == 64);
        CHECK(model::is_hash_text(full));
        CHECK(model::is_hash_text(full.substr(0, 16)));
        CHECK_FALSE(model::is_hash_text(full.substr(0, 20)));
        CHECK_FALSE(model::is_hash_text(""));
        CHECK_FALSE(model::is_hash_text("ECFA49C7B79843C0"));
        CHECK_FALSE(model::is_hash_text("zcfa49c7b79843c0"));
        CHECK(model::same_content(full, full));
        CHECK(model::same_content(full.substr(0, 16), full));
        CHECK(model::same_content(full, full.substr(0, 16)));
        auto other = full;
        other[20] = other[20] == 'a' ? 'b' : 'a';
        CHECK_FALSE(model::same_content(other, full));
        CHECK(model::same_content(other.substr(0, 16), full)); // only 64 bits were kept
        CHECK_FALSE(model::same_content(full.substr(0, 15), full));
        CHECK_FALSE(model::same_content("", full));
    }

    TEST_CASE("read_log: a seq is from 1 to 2^53, a hash is 16 or 64 hex digits") {
        CHECK(read_log_problems("- seq: 9223372036854775807\n"
                                "  at: 2026-07-06T09:30:00+08:00\n"
                                "  by: zhang\n"
                                "  action: create\n"
                                "  content: ecfa49c7b79843c0\n") ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:8: error: seq 9223372036854775807 is out "
                    "of range; a seq is a whole number from 1 to 9007199254740992"});
        CHECK(read_log_problems("- seq: 0\n"
                                "  at: 2026-07-06T09:30:00+08:00\n"
                                "  by: zhang\n"
                                "  action: create\n"
                                "  content: ecfa49c7b79843c0\n")
                  .size() == 1);
        CHECK(read_log_problems(k_entry) == Lines{});
        CHECK(read_log_problems("- seq: 9007199254740992\n"
                                "  at: 2026-07-06T09:30:00+08:00\n"
                                "  by: zhang\n"
                                "  action: create\n"
                                "  content: ecfa49c7b79843c0\n") == Lines{});
        CHECK(read_log_problems("- seq: 1\n"
                                "  at: 2026-07-06T09:30:00+08:00\n"
                                "  by: zhang\n"
                                "  action: create\n"
                                "  content: ecfa49c7b7\n") ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:5:12: error: 'content: ecfa49c7b7' is not a "
                    "content hash; collab writes 64 (earlier releases 16) lower-case hexadecimal "
                    "digits"});
    }

    TEST_CASE("the next seq never overflows") {
        model::Request r;
        model::Event e;
        e.seq = model::k_max_seq;
        r.events.push_back(e);
        CHECK(r.next_seq() == model::k_max_seq + 1);
        r.events[0].seq = std::numeric_limits<long long>::max(); // never read, but bounded
        CHECK(r.next_seq() == model::k_max_seq + 1);
    }

    TEST_CASE("format_event writes the content hash last") {
        model::Event e;
        e.seq = 3;
        e.at_text = "2026-07-06T09:30:00+08:00";
        e.by = "li";
        e.set_action(model::ActionKind::sign);
        e.content = std::string(64, 'a');
        auto extra = yaml::Node::make_map();
        extra.set("comment", yaml::Node::make_scalar("Fine"));
        const auto text = model::format_event(e, extra);
        CHECK(text.substr(text.rfind("  ", text.size() - 2)) == "  content: " + e.content + "\n");
    }

    TEST_CASE("a log that is cut short, empty, or of another request or person") {
        const std::string header = model::log_header("zhang", "R-7KQ2XM");
        CHECK(read_folder(header + k_entry) == Lines{});
        CHECK(read_folder(header + k_entry.substr(0, k_entry.size() - 1)) ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:8:1: error: this log ends in the middle of a "
                    "line: it was cut short; restore it from git"});
        CHECK(read_folder(header) ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:1: error: this log holds no entry; collab "
                    "writes a log with its first entry: restore it from git or remove the file"});
        CHECK(read_folder(model::log_header("zhang", "R-AAAAAA") + k_entry) ==
              Lines{"requests/R-7KQ2XM/log/zhang.yaml:1:1: error: this log is of request R-AAAAAA, "
                    "not of R-7KQ2XM, the folder it is in: a request folder copied or renamed "
                    "does not replay under another id; restore it from git"});
        CHECK(read_folder(model::log_header("li", "R-7KQ2XM") + k_entry).size() == 1);
        const auto header_read = model::read_log_header(header);
        REQUIRE(header_read);
        CHECK(header_read->person == "zhang");
        CHECK(header_read->request_id == "R-7KQ2XM");
        CHECK_FALSE(model::read_log_header("# collab log of zh"));
        CHECK_FALSE(model::read_log_header("- seq: 1\n"));
    }

    TEST_CASE("an entry without its content hash does not apply, and is the one reported") {
        const fixtures::World world;
        auto r = approved();
        add_event(r, 4, "2026-09-21T12:00", "zhang", "sign", "");
        add_event(r, 5, "2026-09-21T12:00", "li", "sign", hash(r));
        const auto status = derive_status(r, world.roster);
        CHECK(status.state == RequestState::approved); // zhang's signature does not count
        CHECK(status.signatures.count("zhang") == 0);
        CHECK(rules_of(check_request(r, world.at("2026-09-21 13:00"))) ==
              Lines{"record.content-missing zhang requests/R-7KQ2XM/log/zhang.yaml"});
        // Every entry lost its hash: nothing applies, and only they are reported.
        for (auto& event : r.events) {
            event.content.clear();
        }
        CHECK(derive_status(r, world.roster).state == RequestState::draft);
        CHECK(check_request(r, world.at("2026-09-21 13:00")).size() == r.events.size());
    }

    TEST_CASE("an approval of content other than the submitted does not apply") {
        const fixtures::World world;
        auto r = fixtures::request(fixtures::k_one_department_form);
        add_event(r, 1, "2026-09-21T10:00", "zhang", "create", hash(r));
        add_event(r, 2, "2026-09-21T10:00", "zhang", "submit", hash(r), "to: li");
        add_event(r, 3, "2026-09-21T11:00", "li", "review", std::string(64, 'a'),
                  review_fields("approve"));
        const auto status = derive_status(r, world.roster);
        CHECK(status.state == RequestState::submitted);
        CHECK(rules_of(check_request(r, world.at("2026-09-21 13:00"))) ==
              Lines{"record.content-mismatch li requests/R-7KQ2XM/log/li.yaml"});
        // An old release's 16-digit hash of the submitted content approves it.
        r.events[2].content = hash(r).substr(0, 16);
        CHECK(derive_status(r, world.roster).state == RequestState::approved);
    }

    TEST_CASE("a hand edit of an approved form voids the approval; signed and final unchanged") {
        const fixtures::World world;
        auto r = approved();
        CHECK_FALSE(derive_status(r, world.roster).approval_void);
        r.form.goal = "Something else";
        const auto status = derive_status(r, world.roster);
        CHECK(status.approval_void);
        CHECK(rules_of(check_request(r, world.at("2026-09-21 13:00"))) ==
              Lines{"form.changed-after-approval zhang requests/R-7KQ2XM/request.yaml"});
        // Recorded by `request edit`: the content in force, no finding.
        add_event(r, 4, "2026-09-21T12:00", "zhang", "edit", hash(r),
                  "previous: " + status.content + "\nchanges: []");
        CHECK_FALSE(derive_status(r, world.roster).approval_void);
        CHECK(check_request(r, world.at("2026-09-21 13:00")).empty());
    }

    TEST_CASE("an entry dated after now is event.future until then, and stalls nothing") {
        const fixtures::World world;
        auto r = fixtures::request(fixtures::k_one_department_form);
        add_event(r, 1, "2026-07-06T10:00", "zhang", "create", hash(r));
        add_event(r, 2, "2026-07-06T10:00", "zhang", "submit", hash(r), "to: li");
        add_event(r, 3, "2099-01-01T09:00", "li", "review", hash(r), review_fields("approve"));
        const auto now = world.at("2026-07-10 10:00");
        // The replay leaves the approval out: the review is still due, and overdue.
        CHECK(rules_of(check_request(r, now)) ==
              Lines{"review.overdue li requests/R-7KQ2XM/request.yaml"});
        // At the clock, the entry is reported until its date (store/digest_policy).
        std::vector<Finding> future;
        for (const auto& verdict : future_entry_verdicts(r)) {
            if (auto finding = finding_at(verdict, now)) {
                future.push_back(*finding);
            }
        }
        CHECK(rules_of(future) == Lines{"event.future li requests/R-7KQ2XM/log/li.yaml"});
        CHECK(future_entry_verdicts(r).size() == 3);
    }
}

} // namespace test_integrity
