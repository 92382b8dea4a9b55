// The trust model: an entry's canonical bytes, the `prev` chain of a log, the keys of
// people.yaml, the `signatures:` policy and what check reports of it.
#include "fixtures.hpp"

#include <collab/model/config_edit.hpp>
#include <collab/model/entry_chain.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/signature_policy.hpp>
#include <collab/util/base64.hpp>
#include <doctest/doctest.h>

namespace test_signature_trust {

namespace {

using namespace collab;
using namespace date::literals;
using fixtures::Lines;
using model::SignaturePolicy;
using model::SignatureStatus;

const std::string k_id = "R-7KQ2XM";

std::vector<yaml::Node> entries(std::string_view text) {
    return fixtures::parse_yaml(text, "log.yaml").items();
}

// An SSH wire string: uint32 length, then the bytes.
std::string wire(std::string_view text) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((text.size() >> shift) & 0xFF);
    }
    return out + std::string(text);
}

// The base64 blob of an ed25519 public key whose 32 key bytes are all `fill`.
std::string ed25519_blob(char fill) {
    return util::base64_encode(wire("ssh-ed25519") + wire(std::string(32, fill)));
}

// An armored SSH signature made (in form) by that key.
std::string armored_by(char fill) {
    const auto blob = std::string("SSHSIG") + wire(std::string("\0\0\0\1", 4)).substr(4) +
                      wire(wire("ssh-ed25519") + wire(std::string(32, fill))) + wire("collab") +
                      wire("") + wire("sha512") + wire("signature");
    return "-----BEGIN SSH SIGNATURE-----\n" + util::base64_encode(blob) +
           "\n-----END SSH SIGNATURE-----\n";
}

// Three chained entries of zhang's log.
std::string chained_log() {
    const auto first =
        entries("- {seq: 1, at: '2026-07-06T09:00:00+08:00', by: zhang, action: create}")[0];
    auto text =
        "- seq: 1\n  at: 2026-07-06T09:00:00+08:00\n  by: zhang\n  action: create\n  prev: " +
        model::genesis_hash(k_id, "zhang") + "\n";
    const auto one = entries(text)[0];
    text += "- seq: 2\n  at: 2026-07-06T09:10:00+08:00\n  by: zhang\n  action: submit\n  to: li\n"
            "  prev: " +
            model::entry_hash(k_id, "zhang", one) + "\n";
    const auto two = entries(text)[1];
    text += "- seq: 5\n  at: 2026-07-07T09:00:00+08:00\n  by: zhang\n  action: sign\n  prev: " +
            model::entry_hash(k_id, "zhang", two) + "\n";
    (void)first;
    return text;
}

} // namespace

TEST_SUITE("collab::model::entry_chain") {

    TEST_CASE("canonical bytes: tagged, length-prefixed, keys sorted, sig left out") {
        const auto entry = entries("- seq: 3\n  by: li\n  action: review\n  checks: {goals: yes}\n"
                                   "  notes: [a, b]\n  comment:\n  sig: anything\n")[0];
        CHECK(model::canonical_entry_bytes(k_id, "li", entry) ==
              "collab-entry-v1\n8:R-7KQ2XM2:lim1:66:action"
              "s6:review2:by"
              "s2:li6:checks"
              "m1:15:goals"
              "s3:yes7:comment"
              "n5:notes"
              "l1:2s1:as1:b3:seq"
              "s1:3");
    }

    TEST_CASE("the hashes a log stores do not change between releases") {
        // `prev` values written by earlier releases: any change to the bytes or to how
        // they are hashed would break every chained log people already have.
        const auto entry = entries("- seq: 3\n  by: li\n  action: review\n  checks: {goals: yes}\n"
                                   "  notes: [a, b]\n  comment:\n  sig: anything\n")[0];
        CHECK(model::entry_hash(k_id, "li", entry) ==
              "54ce8574a747a513a798bf34eab0e8df8942c170ca9689ed0e289b0e71e75796");
        CHECK(model::genesis_hash(k_id, "zhang") ==
              "5db224f1ba09ef9258843f85e542c9a41bcff0bcdd6188aeda88e983dafacdc1");
        // A log of that one entry, then one whose `prev` is its hash: no break.
        const auto log =
            entries("- seq: 3\n  by: li\n  action: review\n  checks: {goals: yes}\n"
                    "  notes: [a, b]\n  comment:\n  sig: anything\n"
                    "- seq: 4\n  by: li\n  action: sign\n  prev: "
                    "54ce8574a747a513a798bf34eab0e8df8942c170ca9689ed0e289b0e71e75796\n");
        CHECK(model::chain_breaks(k_id, "li", log).empty());
    }

    TEST_CASE("canonical bytes do not depend on key order, layout, quoting or comments") {
        const auto a = entries("- seq: 1\n  by: zhang\n  action: create   # made here\n")[0];
        const auto b = entries("- {action: 'create', by: \"zhang\", seq: 1}\n")[0];
        CHECK(model::canonical_entry_bytes(k_id, "zhang", a) ==
              model::canonical_entry_bytes(k_id, "zhang", b));
        // Any change of a value, of the request or of the owner changes them.
        const auto c = entries("- {action: create, by: zhang, seq: 2}\n")[0];
        CHECK(model::canonical_entry_bytes(k_id, "zhang", a) !=
              model::canonical_entry_bytes(k_id, "zhang", c));
        CHECK(model::canonical_entry_bytes(k_id, "zhang", a) !=
              model::canonical_entry_bytes("R-AAAAAA", "zhang", a));
        CHECK(model::canonical_entry_bytes(k_id, "zhang", a) !=
              model::canonical_entry_bytes(k_id, "li", a));
        // A value cannot be moved between keys by length tricks.
        const auto d = entries("- {a: 'x1:b', b: ''}\n")[0];
        const auto e = entries("- {a: 'x', b: '1:b'}\n")[0];
        CHECK(model::canonical_entry_bytes(k_id, "zhang", d) !=
              model::canonical_entry_bytes(k_id, "zhang", e));
    }

    TEST_CASE("the genesis hash names the request and the owner") {
        CHECK(model::genesis_hash(k_id, "zhang").size() == 64);
        CHECK(model::genesis_hash(k_id, "zhang") != model::genesis_hash(k_id, "li"));
        CHECK(model::genesis_hash(k_id, "zhang") != model::genesis_hash("R-AAAAAA", "zhang"));
        CHECK(model::next_prev(k_id, "zhang", {}) == model::genesis_hash(k_id, "zhang"));
    }

    TEST_CASE("a chained log has no breaks") {
        CHECK(model::chain_breaks(k_id, "zhang", entries(chained_log())).empty());
        // The same log under another request or person breaks at its first entry.
        CHECK(model::chain_breaks("R-AAAAAA", "zhang", entries(chained_log())) ==
              std::vector<std::size_t>{0, 1, 2});
    }

    TEST_CASE("removing, reordering or rewriting an entry in the middle breaks the chain") {
        auto log = entries(chained_log());
        auto removed = log;
        removed.erase(removed.begin() + 1);
        CHECK(model::chain_breaks(k_id, "zhang", removed) == std::vector<std::size_t>{1});
        auto reordered = log;
        std::swap(reordered[1], reordered[2]);
        CHECK(model::chain_breaks(k_id, "zhang", reordered) == std::vector<std::size_t>{1, 2});
        const auto text = chained_log();
        const auto rewritten = entries(text.substr(0, text.find("to: li")) + "to: wang" +
                                       text.substr(text.find("to: li") + 6));
        CHECK(model::chain_breaks(k_id, "zhang", rewritten) == std::vector<std::size_t>{2});
        // Dropping the last entry cannot be seen from the log alone.
        log.pop_back();
        CHECK(model::chain_breaks(k_id, "zhang", log).empty());
    }

    TEST_CASE("entries of older releases carry no prev; after the first prev every entry must") {
        const auto old = std::string("- {seq: 1, by: zhang, action: create}\n"
                                     "- {seq: 2, by: zhang, action: submit}\n");
        CHECK(model::chain_breaks(k_id, "zhang", entries(old)).empty());
        const auto log = entries(old);
        const auto next = old + "- {seq: 3, by: zhang, action: sign, prev: " +
                          model::next_prev(k_id, "zhang", log) + "}\n";
        CHECK(model::chain_breaks(k_id, "zhang", entries(next)).empty());
        CHECK(model::chain_breaks(k_id, "zhang",
                                  entries(next + "- {seq: 4, by: zhang, action: ack}\n")) ==
              std::vector<std::size_t>{3});
    }

    TEST_CASE("the key that made an armored signature") {
        CHECK(model::signature_public_key(armored_by('A')) == ed25519_blob('A'));
        CHECK(model::signature_public_key(armored_by('B')) != ed25519_blob('A'));
        CHECK_FALSE(model::signature_public_key("-----BEGIN SSH SIGNATURE-----\nAAAA\n"
                                                "-----END SSH SIGNATURE-----\n"));
        CHECK_FALSE(model::signature_public_key("not a signature"));
        CHECK_FALSE(model::signature_public_key("-----BEGIN SSH SIGNATURE-----\n!!!\n"
                                                "-----END SSH SIGNATURE-----\n"));
    }
}

TEST_SUITE("collab::model::roster keys") {

    TEST_CASE("parse_public_key: a known type whose blob names it") {
        const auto key =
            model::parse_public_key("ssh-ed25519 " + ed25519_blob('A') + " zhang@laptop");
        REQUIRE(key);
        CHECK(key->type == "ssh-ed25519");
        CHECK(key->comment == "zhang@laptop");
        CHECK(key->public_key() == "ssh-ed25519 " + ed25519_blob('A'));
        CHECK_FALSE(model::parse_public_key("ssh-rsa " + ed25519_blob('A')));
        CHECK_FALSE(model::parse_public_key("ssh-dss " + ed25519_blob('A')));
        CHECK_FALSE(model::parse_public_key("ssh-ed25519 not*base64"));
        CHECK_FALSE(model::parse_public_key("-----BEGIN OPENSSH PRIVATE KEY-----"));
        CHECK_FALSE(model::parse_public_key(""));
    }

    TEST_CASE("people.yaml keys: strings and maps with a validity window") {
        const auto text = "departments: [{id: cs}]\npeople:\n  - id: zhang\n    name: Z\n"
                          "    department: cs\n    keys:\n      - \"ssh-ed25519 " +
                          ed25519_blob('A') + " old\"\n      - {key: \"ssh-ed25519 " +
                          ed25519_blob('B') +
                          "\", valid_from: 2026-01-01, valid_until: 2026-06-30}\n";
        Diagnostics out;
        const auto roster =
            model::read_roster(fixtures::parse_yaml(text, "people.yaml"), "people.yaml", out);
        CHECK(fixtures::rendered(out) == Lines{});
        REQUIRE(roster);
        const auto& keys = roster->people()[0].keys;
        REQUIRE(keys.size() == 2);
        CHECK(keys[0].comment == "old");
        CHECK_FALSE(keys[0].valid_from);
        CHECK(keys[1].valid_from == 2026_y / 1 / 1);
        CHECK(keys[1].valid_until == 2026_y / 6 / 30);
        CHECK(keys[0].valid_at(fixtures::cst(2030_y / 1 / 1, 9)));
        // valid_until includes its whole day (UTC); the day after does not.
        CHECK(keys[1].valid_at(date::sys_days(2026_y / 6 / 30) + std::chrono::hours(23)));
        CHECK_FALSE(keys[1].valid_at(date::sys_days(2026_y / 7 / 1)));
        CHECK_FALSE(keys[1].valid_at(date::sys_days(2025_y / 12 / 31)));
    }

    TEST_CASE("bad keys are errors at their place") {
        const auto text = "departments: [{id: cs}]\npeople:\n  - id: zhang\n    name: Z\n"
                          "    department: cs\n    keys:\n      - ssh-ed25519 nonsense\n"
                          "      - {key: \"ssh-ed25519 " +
                          ed25519_blob('B') +
                          "\", valid_until: 2026-13-01}\n"
                          "      - {key: \"ssh-ed25519 " +
                          ed25519_blob('C') +
                          "\", valid_from: 2026-05-01, valid_until: 2026-04-01}\n"
                          "      - \"ssh-ed25519 " +
                          ed25519_blob('C') + "\"\n";
        Diagnostics out;
        const auto roster =
            model::read_roster(fixtures::parse_yaml(text, "people.yaml"), "people.yaml", out);
        CHECK_FALSE(roster);
        const auto lines = fixtures::rendered(out);
        REQUIRE(lines.size() == 4);
        CHECK(lines[0].rfind("people.yaml:7:9: error: not an SSH public key", 0) == 0);
        CHECK(lines[1].rfind("people.yaml:8:", 0) == 0);
        CHECK(lines[1].find("valid_until '2026-13-01' is not a date") != std::string::npos);
        CHECK(lines[2].find("valid_until is before valid_from") != std::string::npos);
        CHECK(lines[3].find("listed twice") != std::string::npos);
    }

    TEST_CASE("add_key_to_roster edits one person's lines and keeps every comment") {
        const std::string text = "# the roster\ndepartments: [{id: cs}]\npeople:\n"
                                 "  - id: li\n    name: L   # boss\n    department: cs\n"
                                 "    # manager: none\n"
                                 "  - id: zhang\n    name: Z\n    department: cs\n"
                                 "    keys:\n      - \"ssh-ed25519 " +
                                 ed25519_blob('A') + "\"  # laptop\n# end\n";
        const auto root = fixtures::parse_yaml(text, "people.yaml");
        const auto li = model::add_key_to_roster(text, root, "li", "\"K1\"");
        REQUIRE(li);
        CHECK(*li == "# the roster\ndepartments: [{id: cs}]\npeople:\n"
                     "  - id: li\n    name: L   # boss\n    department: cs\n"
                     "    keys:\n      - \"K1\"\n    # manager: none\n"
                     "  - id: zhang\n    name: Z\n    department: cs\n"
                     "    keys:\n      - \"ssh-ed25519 " +
                         ed25519_blob('A') + "\"  # laptop\n# end\n");
        const auto zhang = model::add_key_to_roster(text, root, "zhang", "\"K2\"");
        REQUIRE(zhang);
        CHECK(zhang->find(ed25519_blob('A') + "\"  # laptop\n      - \"K2\"\n# end\n") !=
              std::string::npos);
        CHECK_FALSE(model::add_key_to_roster(text, root, "nobody", "\"K\""));
        const std::string flow =
            "departments: [{id: cs}]\npeople:\n  - {id: li, name: L, department: cs}\n";
        CHECK_FALSE(model::add_key_to_roster(flow, fixtures::parse_yaml(flow, "people.yaml"), "li",
                                             "\"K\""));
        const std::string empty = "departments: [{id: cs}]\npeople:\n  - id: li\n    keys: []\n"
                                  "    department: cs\n";
        const auto filled = model::add_key_to_roster(
            empty, fixtures::parse_yaml(empty, "people.yaml"), "li", "\"K\"");
        REQUIRE(filled);
        CHECK(*filled == "departments: [{id: cs}]\npeople:\n  - id: li\n    keys:\n      - \"K\"\n"
                         "    department: cs\n");
    }
}

TEST_SUITE("collab::rules::trust") {

    TEST_CASE("what each policy makes of each signature status") {
        using P = SignaturePolicy;
        using S = SignatureStatus;
        const auto rule = [](S s, P p) {
            return rules::signature_rule(s, p).value_or("applied");
        };
        CHECK(rule(S::verified, P::required) == "applied");
        CHECK(rule(S::missing, P::required) == "signature.missing");
        CHECK(rule(S::invalid, P::required) == "signature.invalid");
        CHECK(rule(S::unknown_key, P::required) == "signature.unknown_key");
        CHECK(rule(S::verified, P::optional) == "applied");
        CHECK(rule(S::missing, P::optional) == "applied");
        CHECK(rule(S::invalid, P::optional) == "signature.invalid");
        CHECK(rule(S::unknown_key, P::optional) == "signature.unknown_key");
        for (const auto s : {S::unchecked, S::verified, S::missing, S::invalid, S::unknown_key}) {
            CHECK(rule(s, P::off) == "applied");
        }
        CHECK_FALSE(rules::may_act_without_key(P::required));
        CHECK(rules::may_act_without_key(P::optional));
        CHECK(rules::may_act_without_key(P::off));
    }

    TEST_CASE("untrusted entries are not replayed and check reports them; a broken chain too") {
        model::Config config;
        config.signatures = SignaturePolicy::required;
        const fixtures::World world(config);
        auto r = fixtures::request(fixtures::k_one_department_form);
        const auto hash = model::content_hash(r.form);
        fixtures::add_event(r, 1, "2026-09-21T09:00", "zhang", "create", hash);
        fixtures::add_event(r, 2, "2026-09-21T09:10", "zhang", "submit", hash, "to: li");
        fixtures::add_event(r, 3, "2026-09-21T10:00", "li", "review", hash,
                            fixtures::review_fields("approve"));
        for (auto& event : r.events) {
            event.signature =
                event.by == "li" ? SignatureStatus::missing : SignatureStatus::verified;
        }
        r.events[1].chain_ok = false;
        rules::set_aside_untrusted(r, config.signatures);
        REQUIRE(r.events.size() == 2);
        REQUIRE(r.untrusted.size() == 1);
        CHECK(r.untrusted[0].by == "li");
        std::vector<std::string> found;
        for (const auto& finding : rules::check_request(r, world.at("2026-09-21 11:00"))) {
            found.push_back(finding.rule + " " + finding.person);
        }
        CHECK(std::find(found.begin(), found.end(), "signature.missing li") != found.end());
        CHECK(std::find(found.begin(), found.end(), "log.chain zhang") != found.end());
        CHECK(rules::process_rule_of("signature.invalid") == "trust");
    }
}

} // namespace test_signature_trust
