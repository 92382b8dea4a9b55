// The libyaml reader (yaml::parse) against the yaml-cpp reader it replaced
// (yaml::parse_reference): on every text, both accept with the same tree (kinds,
// scalar text, quoted flags, marks) or both refuse with the same diagnostics.
// Texts: the hand-made corpus in tests/fixtures/yaml-corpus, the records under
// examples/ and tests/fixtures/release-workspace, and seeded mutations of those.
#include "../split_mix64.hpp"
#include "yaml/readers.hpp"
#include "yaml_describe.hpp"

#include <algorithm>
#include <collab/i18n/message.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <cstdint>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test_yaml_differential {

using collab::Diagnostics;
using collab::yaml::Node;
namespace fs = std::filesystem;

namespace {

std::string new_outcome(std::string_view text, const collab::yaml::Limits& limits = {}) {
    return collab::yaml::testing::describe_outcome(collab::yaml::parse, text, limits);
}

std::string reference_outcome(std::string_view text, const collab::yaml::Limits& limits = {}) {
    return collab::yaml::testing::describe_outcome(collab::yaml::parse_reference, text, limits);
}

struct Corpus {
    std::vector<std::string> names;
    std::vector<std::string> texts;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every .yaml file under the folders (relative to the source tree), sorted by path so
// that the mutations below are the same on every machine.
Corpus yaml_files(const std::vector<std::string>& folders) {
    std::vector<fs::path> paths;
    for (const auto& folder : folders) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(COLLAB_SOURCE_DIR) / folder)) {
            if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
                paths.push_back(entry.path());
            }
        }
    }
    std::sort(paths.begin(), paths.end());
    Corpus corpus;
    for (const auto& path : paths) {
        corpus.names.push_back(path.lexically_relative(COLLAB_SOURCE_DIR).string());
        corpus.texts.push_back(read_file(path));
    }
    return corpus;
}

// SplitMix64: a fixed sequence on every platform (std distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() { return collab::testing::split_mix64(m_state); }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t m_state;
};

// The start of a character at or before `at`, so that a mutation keeps the text UTF-8
// (invalid UTF-8 is refused before either reader sees it).
std::size_t char_start(const std::string& text, std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
        --at;
    }
    return at;
}

std::vector<std::size_t> line_starts(const std::string& text) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && i + 1 < text.size()) {
            starts.push_back(i + 1);
        }
    }
    return starts;
}

// One edit of the kinds a hand or a hostile writer makes: bytes and lines deleted,
// inserted, duplicated; YAML's indicators dropped in anywhere.
void mutate_once(std::string& text, Random& random) {
    static const std::vector<std::string> k_inserts = {
        ":",  "-",  "\"", "'", "\t", "#",     "&a ",   "*a",   "!!str ", "{",    "[",
        "}",  "]",  ",",  " ", "\n", "  ",    "? ",    "|",    ">",      "~",    "null",
        ": ", "- ", "!",  "%", "@",  "---\n", "...\n", "\r\n", "\\",     "\n  ", "\n- "};
    const std::size_t at = char_start(text, random.below(text.size() + 1));
    const auto lines = line_starts(text);
    const std::size_t line = lines[random.below(lines.size())];
    const std::size_t line_end = std::min(text.find('\n', line), text.size());
    switch (random.below(7)) {
    case 0: // delete a character
        if (at < text.size()) {
            std::size_t end = at + 1;
            while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
                ++end;
            }
            text.erase(at, end - at);
        }
        break;
    case 1: // insert an indicator
    case 2:
        text.insert(at, k_inserts[random.below(k_inserts.size())]);
        break;
    case 3: // duplicate a character or a short run
        text.insert(at, text.substr(at, 1 + random.below(8)));
        break;
    case 4: // delete a line
        text.erase(line, line_end + 1 - line);
        break;
    case 5: // duplicate a line
        text.insert(line, text.substr(line, line_end + 1 - line));
        break;
    default: // indent or outdent a line
        if (random.below(2) == 0) {
            text.insert(line, std::string(1 + random.below(3), ' '));
        } else if (line < text.size() && text[line] == ' ') {
            text.erase(line, 1);
        }
        break;
    }
    // Keep the text UTF-8 after byte-level edits (a run cut inside a character).
    if (!text.empty()) {
        std::string fixed;
        fixed.reserve(text.size());
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            bool whole = i + length <= text.size() && (c < 0x80 || c >= 0xC0);
            for (std::size_t k = 1; whole && k < length; ++k) {
                whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
            }
            if (whole) {
                fixed.append(text, i, length);
                i += length;
            } else {
                ++i;
            }
        }
        text = std::move(fixed);
    }
}

struct Tally {
    int texts = 0;
    int accepted = 0;
    // Answered by libyaml without asking the reference: what the test really covers.
    int by_libyaml = 0;
    int mismatches = 0;
    // Refused by libyaml's reader alone, and of those, with the reference's very
    // messages (parse gives the reference's messages for every refusal).
    int refused_by_libyaml = 0;
    int same_refusal_messages = 0;
    // Handed to the reference and accepted there: parse keeps today's answer, a tree.
    // Of those, the texts where libyaml found a syntax error yaml-cpp does not see.
    int handed_over_accepted = 0;
    int syntax_error_accepted = 0;

    std::string summary() const {
        return fmt::format("{} texts, {} accepted, {} answered by libyaml alone ({} refused, {} "
                           "of them with the reference's own messages), {} handed to the "
                           "reference and accepted there ({} after a libyaml syntax error), "
                           "{} differ",
                           texts, accepted, by_libyaml, refused_by_libyaml, same_refusal_messages,
                           handed_over_accepted, syntax_error_accepted, mismatches);
    }
};

// The libyaml reader's own answer to a text that passed parse's checks.
void read_with_libyaml(const std::string& text, const std::string& expected, Tally& tally) {
    Diagnostics found;
    if (!collab::yaml::reader::readable_text(text, "f.yaml", found, collab::yaml::Limits{})) {
        return;
    }
    const auto read = collab::yaml::reader::read_libyaml(text, "f.yaml", found, 64);
    using collab::yaml::reader::Outcome;
    if (read.outcome == Outcome::syntax_error || read.outcome == Outcome::reads_differently) {
        const bool accepted = expected.starts_with("accepted");
        tally.handed_over_accepted += accepted ? 1 : 0;
        tally.syntax_error_accepted += accepted && read.outcome == Outcome::syntax_error ? 1 : 0;
        return;
    }
    ++tally.by_libyaml;
    if (read.outcome == collab::yaml::reader::Outcome::refused) {
        ++tally.refused_by_libyaml;
        std::string messages = "refused";
        for (const auto& item : found.items()) {
            messages += "\n" + collab::format_diagnostic(collab::i18n::Language::en, item);
        }
        tally.same_refusal_messages += messages == expected ? 1 : 0;
    }
}

void compare(const std::string& name, const std::string& text, Tally& tally) {
    ++tally.texts;
    const std::string expected = reference_outcome(text);
    read_with_libyaml(text, expected, tally);
    const std::string actual = new_outcome(text);
    if (expected.starts_with("accepted")) {
        ++tally.accepted;
    }
    if (actual != expected) {
        ++tally.mismatches;
        // Only the first few in full: one cause tends to repeat.
        if (tally.mismatches <= 5) {
            CAPTURE(name);
            CAPTURE(text);
            CHECK(actual == expected);
        }
    }
}

// `per_text` seeded mutations of each text, one to three edits each.
void compare_mutations(const Corpus& corpus, int per_text, std::uint64_t seed, Tally& tally) {
    Random random(seed);
    for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
        for (int m = 0; m < per_text; ++m) {
            std::string text = corpus.texts[i];
            const std::size_t edits = 1 + random.below(3);
            for (std::size_t e = 0; e < edits; ++e) {
                mutate_once(text, random);
            }
            compare(fmt::format("{} mutation {}", corpus.names[i], m), text, tally);
        }
    }
}

} // namespace

TEST_SUITE("collab::yaml") {

    TEST_CASE("libyaml and the reference read the hand-made corpus alike") {
        const auto corpus = yaml_files({"tests/fixtures/yaml-corpus"});
        REQUIRE(corpus.texts.size() >= 150);
        Tally tally;
        for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
            compare(corpus.names[i], corpus.texts[i], tally);
        }
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
        // The refusals libyaml's reader makes itself (anchors, tags, duplicate keys,
        // depth, documents) come with the reference's messages at its positions.
        CHECK(tally.refused_by_libyaml >= 20);
        CHECK(tally.same_refusal_messages == tally.refused_by_libyaml);
    }

    TEST_CASE("libyaml and the reference agree at other limits, up to yaml-cpp's own guard") {
        const std::string deep_flow = std::string(3000, '[') + std::string(3000, ']');
        const std::string deep_block = [] {
            std::string out;
            for (int i = 0; i < 100; ++i) {
                out += std::string(static_cast<std::size_t>(2 * i), ' ') + "a:\n";
            }
            return out;
        }();
        const std::vector<collab::yaml::Limits> limits = {
            {4, 64}, {1024, 3}, {1024 * 1024, 1000000}, {1024 * 1024, 99}, {1024 * 1024, 100}};
        for (const auto& limit : limits) {
            for (const std::string& text :
                 {deep_flow, deep_block, std::string("a: 1\n"), std::string("a:\n  b: [[x]]\n")}) {
                CAPTURE(limit.max_bytes);
                CAPTURE(limit.max_depth);
                CAPTURE(text.substr(0, 40));
                CHECK(new_outcome(text, limit) == reference_outcome(text, limit));
            }
        }
    }

    TEST_CASE("libyaml and the reference read real records and their mutations alike") {
        const auto records = yaml_files({"examples", "tests/fixtures/release-workspace"});
        REQUIRE(records.texts.size() >= 20);
        Tally tally;
        for (std::size_t i = 0; i < records.texts.size(); ++i) {
            compare(records.names[i], records.texts[i], tally);
        }
        // Real records are read by libyaml alone: the speed is not lost to the reference.
        CHECK(tally.accepted == tally.texts);
        CHECK(tally.by_libyaml == tally.texts);
        compare_mutations(records, 600, 20261207, tally);
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
        CHECK(tally.same_refusal_messages == tally.refused_by_libyaml);
    }

    TEST_CASE("libyaml and the reference read mutations of the hand-made corpus alike") {
        const auto corpus = yaml_files({"tests/fixtures/yaml-corpus"});
        Tally tally;
        compare_mutations(corpus, 40, 7, tally);
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
    }
}

} // namespace test_yaml_differential
