// The subset reader and the libyaml reader against the yaml-cpp reader they replaced
// (yaml::parse_reference): on every text, parse (subset reader first) and parse_libyaml
// accept with the reference's tree (kinds, scalar text, quoted flags, marks) or refuse
// with its diagnostics, and every text the subset reader accepts on its own gives the
// reference's very tree (what it declines goes to libyaml's reader).
// Texts: the hand-made corpus in tests/fixtures/yaml-corpus, the records under
// examples/ and tests/fixtures/release-workspace, seeded mutations of those, and texts
// written for the subset reader's corners.
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

std::string libyaml_outcome(std::string_view text, const collab::yaml::Limits& limits = {}) {
    return collab::yaml::testing::describe_outcome(collab::yaml::parse_libyaml, text, limits);
}

// The subset reader's own answer to a text that passes parse's checks: the tree as
// describe_outcome writes it, or empty when it declines (or the checks refuse the text).
std::string subset_outcome(std::string_view text, const collab::yaml::Limits& limits = {}) {
    Diagnostics found;
    if (!collab::yaml::reader::readable_text(text, "f.yaml", found, limits)) {
        return {};
    }
    const auto root = collab::yaml::reader::read_subset(text, limits.max_depth);
    return root ? "accepted " + collab::yaml::testing::describe(*root) : std::string();
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
    // Read by the subset reader alone, and of those, read otherwise than the reference.
    int by_subset = 0;
    int subset_mismatches = 0;
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
        return fmt::format("{} texts, {} accepted, {} read by the subset reader ({} otherwise "
                           "than the reference), {} answered by libyaml alone ({} refused, {} "
                           "of them with the reference's own messages), {} handed to the "
                           "reference and accepted there ({} after a libyaml syntax error), "
                           "{} differ",
                           texts, accepted, by_subset, subset_mismatches, by_libyaml,
                           refused_by_libyaml, same_refusal_messages, handed_over_accepted,
                           syntax_error_accepted, mismatches);
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

// The subset reader's own answer: declined, or exactly the reference's tree.
void read_with_subset(const std::string& name, const std::string& text, const std::string& expected,
                      Tally& tally) {
    const std::string subset = subset_outcome(text);
    if (subset.empty()) {
        return;
    }
    ++tally.by_subset;
    if (subset != expected) {
        ++tally.subset_mismatches;
        if (tally.subset_mismatches <= 5) {
            CAPTURE(name);
            CAPTURE(text);
            CHECK(subset == expected);
        }
    }
}

void compare(const std::string& name, const std::string& text, Tally& tally) {
    ++tally.texts;
    const std::string expected = reference_outcome(text);
    read_with_libyaml(text, expected, tally);
    read_with_subset(name, text, expected, tally);
    if (expected.starts_with("accepted")) {
        ++tally.accepted;
    }
    for (const std::string& actual : {new_outcome(text), libyaml_outcome(text)}) {
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

    TEST_CASE("the subset reader, libyaml and the reference read the hand-made corpus alike") {
        const auto corpus = yaml_files({"tests/fixtures/yaml-corpus"});
        REQUIRE(corpus.texts.size() >= 150);
        Tally tally;
        for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
            compare(corpus.names[i], corpus.texts[i], tally);
        }
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
        CHECK(tally.subset_mismatches == 0);
        // The refusals libyaml's reader makes itself (anchors, tags, duplicate keys,
        // depth, documents) come with the reference's messages at its positions.
        CHECK(tally.refused_by_libyaml >= 20);
        CHECK(tally.same_refusal_messages == tally.refused_by_libyaml);
    }

    TEST_CASE("the subset reader, libyaml and the reference agree at other limits, up to "
              "yaml-cpp's own guard") {
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
                const std::string expected = reference_outcome(text, limit);
                CHECK(new_outcome(text, limit) == expected);
                CHECK(libyaml_outcome(text, limit) == expected);
                const std::string subset = subset_outcome(text, limit);
                CHECK((subset.empty() || subset == expected));
            }
        }
    }

    TEST_CASE("the subset reader, libyaml and the reference read real records and their mutations "
              "alike") {
        const auto records = yaml_files({"examples", "tests/fixtures/release-workspace"});
        REQUIRE(records.texts.size() >= 20);
        Tally tally;
        for (std::size_t i = 0; i < records.texts.size(); ++i) {
            compare(records.names[i], records.texts[i], tally);
        }
        // Real records are read by the subset reader, and by libyaml alone where it
        // declines: the speed is not lost to the reference.
        CHECK(tally.accepted == tally.texts);
        CHECK(tally.by_subset == tally.texts);
        CHECK(tally.by_libyaml == tally.texts);
        compare_mutations(records, 600, 20261207, tally);
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
        CHECK(tally.subset_mismatches == 0);
        CHECK(tally.same_refusal_messages == tally.refused_by_libyaml);
    }

    TEST_CASE("the subset reader reads its corners as the reference does, and declines the rest") {
        // Each of these the subset reader reads itself: the comparison is not vacuous.
        const std::vector<std::string> accepted = {
            "a: 1\nb: two words  # comment\n",
            "# head\n\na: x\n  # indented comment\nb: y\n",
            "a: ~\nb: null\nc: Null\nd: NULL\nnull: e\n",
            "a:\nb: 1\n",
            "a:\n",
            "a:\n  b:\n  c: 1\n",
            "a: \"q\\\"x\\\\y\\/z\\n\\t\\r\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
            "a: \"\\x41\\x7F\\u00e9\\u4E2D\\u0085\\u2028\"\n",
            "\"quoted key\": 1\n'single': 2\n\"k\"  : 3\n",
            "a: [x, \"y z\", 'w', 1]\nb: []\nc: {}\nd: [ x ,y ]  # c\ne: [~, null]\n",
            "l:\n- a\n- b: 1\n  c: 2\n-   d: 3\nm: 4\n",
            "- a\n-  b\n- - c\n  - d\n- e: |\n    text\n",
            "- key:\n  - x\n- other\n",
            "a: |\n  one\n\n    two\n  three\n\n\nb: |-\n  x\n  # not a comment\nc: 1\n",
            "a:\n  b: |\n     deep\n  c: |-\n    q\n\n",
            "名前: 値 # c\nキー: [甲, \"乙\"]\nk: 中文:no\n",
            "a: x:y\nb: http://h/p#f\nc: a#b\nd: -1\ne: x - y\nf: '#'\n",
            "  indented: 1\n  root: 2\n",
            "a: b\n   \n\nc: d",
            "a:\n  - [x, y]\n  - []\n  - {}\n",
            "<<: x\n=: y\na: 0x1F\nb: 1e3\nc: .inf\nd: yes\ne: 012\nf: a  b\ng  : h\n",
            "a: |-  # c\n  x\n",
            "- |\n x\n- 'a' : b\n-\n  c: 1\n- # c\n  d: 2\n",
            "a:\n  - x\n  - y\nb:\n- z\nc: 1\n",
            "- a:\n  - x\n  b: 1\n",
        };
        // And these it declines, for libyaml's reader and the reference to answer.
        const std::vector<std::string> declined = {
            "",
            "# only a comment\n",
            "a: b\n  c\n",
            "a: \"b\n  c\"\n",
            "a: >\n  folded\n",
            "a: |+\n  kept\n\n",
            "a: |2\n   x\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "? a\n: b\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "\xEF\xBB\xBF"
            "a: 1\n",
            "a: 1\r\n",
            "a:\t1\n",
            "a: {b: 1}\n",
            "a: [b, [c]]\n",
            "a: [b,\n  c]\n",
            "-\n- a\n",
            "~: a\n",
            "a:\n~\n",
            "a:\nnull x: 1\n",
            "a: b: c\n",
            "a: \"\\N\"\n",
            "a: \"\\u00\"\n",
            "scalar\n",
            "a: 1\nb\n",
            "a:\n  b: 1\n c: 2\n",
            "a: |\n  x",
        };
        for (const auto& text : accepted) {
            CAPTURE(text);
            const std::string subset = subset_outcome(text);
            CHECK(!subset.empty());
            CHECK(subset == reference_outcome(text));
            CHECK(new_outcome(text) == reference_outcome(text));
        }
        for (const auto& text : declined) {
            CAPTURE(text);
            CHECK(subset_outcome(text).empty());
            CHECK(new_outcome(text) == reference_outcome(text));
        }
        // Nesting at the depth limit: declined, for the others to refuse (or not).
        CHECK(subset_outcome("a:\n  b:\n    c: 1\n", {1024, 3}).empty());
        CHECK(!subset_outcome("a:\n  b:\n    c: 1\n", {1024, 4}).empty());
        // Whatever the limit, the reader's recursion stays shallow.
        std::string dashes;
        for (int i = 0; i < 5000; ++i) {
            dashes += "- ";
        }
        dashes += "x\n";
        CHECK(subset_outcome(dashes, {1024 * 1024, 1000000}).empty());
    }

    TEST_CASE("the subset reader, libyaml and the reference read mutations of the hand-made corpus "
              "alike") {
        const auto corpus = yaml_files({"tests/fixtures/yaml-corpus"});
        Tally tally;
        compare_mutations(corpus, 40, 7, tally);
        MESSAGE(tally.summary());
        CHECK(tally.mismatches == 0);
        CHECK(tally.subset_mismatches == 0);
    }
}

} // namespace test_yaml_differential
