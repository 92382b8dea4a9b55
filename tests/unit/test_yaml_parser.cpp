#include <algorithm>
#include <collab/i18n/message.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace test_yaml_parser {

using collab::Diagnostics;
using collab::yaml::Limits;
using collab::yaml::Node;

namespace {

struct Parsed {
    std::optional<Node> node;
    std::vector<std::string> messages;
};

Parsed parse_text(std::string_view text, const Limits& limits = {}) {
    Diagnostics diagnostics;
    Parsed parsed;
    parsed.node = collab::yaml::parse(text, "f.yaml", diagnostics, limits);
    for (const auto& item : diagnostics.items()) {
        parsed.messages.push_back(collab::format_diagnostic(collab::i18n::Language::en, item));
    }
    return parsed;
}

std::string repeat(std::string_view part, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) {
        out += part;
    }
    return out;
}

// `depth` maps nested in block style: "a:\n  a:\n    a: x\n".
std::string nested_block_maps(int depth) {
    std::string out;
    for (int i = 0; i < depth; ++i) {
        out += std::string(static_cast<std::size_t>(2 * i), ' ') +
               "a:" + (i + 1 == depth ? " x" : "") + "\n";
    }
    return out;
}

} // namespace

TEST_SUITE("collab::yaml") {

    TEST_CASE("NUL bytes and every kind of bad UTF-8 are refused at line and column") {
        const std::vector<std::pair<std::string, std::string>> cases = {
            {std::string("title: a\0b\n", 11), "f.yaml:1:9: error: the file has a NUL byte here; "
                                               "records are text: remove it"},
            {"title: \xC0\xAF\n", "f.yaml:1:8: error: the file is not valid UTF-8 here; save "
                                  "it as UTF-8"},
            {"a: 1\ntitle: \xED\xA0\x80\n", "f.yaml:2:8: error: the file is not valid "
                                            "UTF-8 here; save it as UTF-8"},
            {"title: \xF4\x90\x80\x80\n", "f.yaml:1:8: error: the file is not valid UTF-8 "
                                          "here; save it as UTF-8"},
            {"title: 需\xE6\xB1\n", "f.yaml:1:9: error: the file is not valid UTF-8 here; save "
                                    "it as UTF-8"},
            {"title: \x80\n", "f.yaml:1:8: error: the file is not valid UTF-8 here; save it as "
                              "UTF-8"},
        };
        for (const auto& [text, message] : cases) {
            const auto parsed = parse_text(text);
            CHECK_FALSE(parsed.node.has_value());
            CHECK(parsed.messages == std::vector<std::string>{message});
        }
    }

    TEST_CASE("parse builds maps, lists and scalars with 1-based marks") {
        const auto parsed =
            parse_text("title: Fix login\ndue: 2026-07-06\nitems:\n  - a\n  - \"b\"\n");
        REQUIRE(parsed.messages.empty());
        REQUIRE(parsed.node);
        const Node& root = *parsed.node;
        REQUIRE(root.is_map());
        CHECK(root.mark().line == 1);
        CHECK(root.mark().column == 1);
        REQUIRE(root.entries().size() == 3);
        CHECK(root.entries()[0].first.scalar() == "title");
        CHECK(root.entries()[1].first.scalar() == "due");
        CHECK(root.entries()[1].first.mark().line == 2);
        CHECK(root.entries()[1].first.mark().column == 1);

        const Node* due = root.find("due");
        REQUIRE(due != nullptr);
        CHECK(due->scalar() == "2026-07-06");
        CHECK(due->mark().line == 2);
        CHECK(due->mark().column == 6);
        CHECK_FALSE(due->quoted());

        const Node* items = root.find("items");
        REQUIRE(items != nullptr);
        REQUIRE(items->is_sequence());
        REQUIRE(items->items().size() == 2);
        CHECK(items->items()[0].scalar() == "a");
        CHECK_FALSE(items->items()[0].quoted());
        CHECK(items->items()[1].scalar() == "b");
        CHECK(items->items()[1].quoted());
        CHECK(items->items()[1].mark().line == 5);
        CHECK(items->items()[1].mark().column == 5);
        CHECK(root.find("missing") == nullptr);
    }

    TEST_CASE("columns count characters, not bytes, and a BOM or CRLF does not shift them") {
        auto parsed = parse_text("标题: 中文\nb: 2\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("标题")->mark().column == 5);
        CHECK(parsed.node->find("b")->mark().line == 2);

        parsed = parse_text("a: 1\r\nb: 2\r\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("a")->scalar() == "1");
        CHECK(parsed.node->find("b")->scalar() == "2");
        CHECK(parsed.node->find("b")->mark().line == 2);
        CHECK(parsed.node->find("b")->mark().column == 4);

        parsed = parse_text("\xEF\xBB\xBF"
                            "a: null\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("a")->is_scalar());
        CHECK(parsed.node->find("a")->scalar() == "null");
    }

    TEST_CASE("quoted and block scalars are marked quoted, plain ones are not") {
        const auto parsed = parse_text("a: \"no\"\nb: no\nc: 'yes'\nd: |\n  two\n  lines\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("a")->quoted());
        CHECK_FALSE(parsed.node->find("b")->quoted());
        CHECK(parsed.node->find("b")->scalar() == "no");
        CHECK(parsed.node->find("c")->quoted());
        CHECK(parsed.node->find("d")->quoted());
        CHECK(parsed.node->find("d")->scalar() == "two\nlines\n");
    }

    TEST_CASE("empty text and comments are a null node without errors") {
        for (const std::string_view text :
             {"", "\n", "# only a comment\n", "   \n# c\n\n", "---\n"}) {
            CAPTURE(text);
            const auto parsed = parse_text(text);
            CHECK(parsed.messages.empty());
            REQUIRE(parsed.node);
            CHECK(parsed.node->is_null());
        }
    }

    TEST_CASE("~ and empty values are null; a plain null word stays readable as text") {
        const auto parsed =
            parse_text("a:\nb: ~\nc: null\nd: NULL\ne: 'null'\nnull: x\nf: [null, ~, Null]\ng:\n");
        REQUIRE(parsed.messages.empty());
        REQUIRE(parsed.node);
        const Node& root = *parsed.node;
        REQUIRE(root.entries().size() == 8);

        const Node* a = root.find("a");
        REQUIRE(a != nullptr);
        CHECK(a->is_null());
        // An empty value points at its key, not at the next line.
        CHECK(a->mark().line == 1);
        CHECK(a->mark().column == 1);

        CHECK(root.find("b")->is_null());
        CHECK(root.find("b")->mark().column == 4);
        CHECK(root.find("c")->is_scalar());
        CHECK(root.find("c")->scalar() == "null");
        CHECK_FALSE(root.find("c")->quoted());
        CHECK(root.find("d")->scalar() == "NULL");
        CHECK(root.find("e")->scalar() == "null");
        CHECK(root.find("e")->quoted());
        REQUIRE(root.find("null") != nullptr);
        CHECK(root.find("null")->scalar() == "x");

        const Node* f = root.find("f");
        REQUIRE(f->items().size() == 3);
        CHECK(f->items()[0].scalar() == "null");
        CHECK(f->items()[1].is_null());
        CHECK(f->items()[2].scalar() == "Null");
        CHECK(root.find("g")->is_null());
    }

    TEST_CASE("an empty value followed by a key spelled null stays empty") {
        const auto parsed = parse_text("a:\nnull: 1\nb:\n  c:\nnull : 2\n");
        // The second `null` key duplicates the first; that is the only complaint.
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:5:1: error: duplicate key 'null' (first at line 2)");

        const auto fine = parse_text("a:\nnull: 1\n- x\n");
        CHECK_FALSE(fine.node);

        const auto list = parse_text("a:\n  -\nnull: 1\n");
        REQUIRE(list.node);
        REQUIRE(list.node->find("a")->items().size() == 1);
        CHECK(list.node->find("a")->items()[0].is_null());
        CHECK(list.node->find("null")->scalar() == "1");
    }

    TEST_CASE("top-level scalars") {
        auto parsed = parse_text("null\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->scalar() == "null");
        parsed = parse_text("~\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->is_null());
        parsed = parse_text("\"hello\"\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->scalar() == "hello");
    }

    TEST_CASE("duplicate keys are refused at the second occurrence, naming the first") {
        auto parsed = parse_text("title: x\ndue: 1\ndue: 2\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:3:1: error: duplicate key 'due' (first at line 2)");

        // Every duplicate is reported, in nested and flow maps too.
        parsed = parse_text("a:\n  x: 1\n  y: 2\n  x: 3\nb: {k: 1, k: 2}\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 2);
        CHECK(parsed.messages[0] == "f.yaml:4:3: error: duplicate key 'x' (first at line 2)");
        CHECK(parsed.messages[1] == "f.yaml:5:11: error: duplicate key 'k' (first at line 5)");

        // Collab reads every scalar as text, so "1" and 1 are the same key.
        parsed = parse_text("1: a\n\"1\": b\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:1: error: duplicate key '1' (first at line 1)");

        // The same key in different maps is fine.
        parsed = parse_text("- due: 1\n- due: 2\n");
        CHECK(parsed.messages.empty());
        CHECK(parsed.node);
    }

    TEST_CASE("anchors and aliases are refused") {
        auto parsed = parse_text("a: &x 1\nb: *x\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 2);
        CHECK(parsed.messages[0] ==
              "f.yaml:1:4: error: anchors and aliases are not allowed in collab "
              "files; write the value out");
        CHECK(parsed.messages[1] ==
              "f.yaml:2:4: error: anchors and aliases are not allowed in collab "
              "files; write the value out");

        parsed = parse_text("title: x\nb: *nowhere\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:2:4: error: anchors and aliases are not allowed in collab "
              "files; write the value out");

        parsed = parse_text("base: &b\n  x: 1\nother:\n  <<: *b\n");
        CHECK_FALSE(parsed.node);
        CHECK(parsed.messages.size() == 2);

        parsed = parse_text("- &a [1, 2]\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0].rfind("f.yaml:1:3: error: anchors", 0) == 0);
    }

    TEST_CASE("tags other than the standard non-specific ones are refused") {
        auto parsed = parse_text("a: !!str 1\nb: !foo x\nc: !!map {}\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 3);
        CHECK(parsed.messages[0] ==
              "f.yaml:1:4: error: the tag '!!str' is not allowed in collab files; remove it");
        CHECK(parsed.messages[1] ==
              "f.yaml:2:4: error: the tag '!foo' is not allowed in collab files; remove it");
        CHECK(parsed.messages[2] ==
              "f.yaml:3:4: error: the tag '!!map' is not allowed in collab files; remove it");

        // `!` is the standard tag for "a string"; it reads like quotes.
        parsed = parse_text("a: ! 12\n");
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("a")->scalar() == "12");
        CHECK(parsed.node->find("a")->quoted());
    }

    TEST_CASE("map keys must be scalars") {
        auto parsed = parse_text("[a, b]: 1\nok: 2\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:1: error: a map key must be text, not a list or map");

        parsed = parse_text("x: 1\n{a: 1}: 2\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:1: error: a map key must be text, not a list or map");

        parsed = parse_text("x: 1\n~: 2\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:1: error: a map key may not be empty");
    }

    TEST_CASE("more than one document is refused") {
        auto parsed = parse_text("a: 1\n---\nb: 2\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:2:1: error: a second document ('---') starts here; a collab file holds one");

        parsed = parse_text("a: 1\n---\n");
        CHECK_FALSE(parsed.node);
        CHECK(parsed.messages.size() == 1);

        // One document with explicit markers is fine.
        parsed = parse_text("---\na: 1\n...\n");
        CHECK(parsed.messages.empty());
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("a")->scalar() == "1");
    }

    TEST_CASE("texts over the size limit are refused before parsing") {
        const std::string big(1024 * 1024 + 1, 'a');
        auto parsed = parse_text(big);
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:1:1: error: the file is 1048577 bytes, over the limit of "
              "1048576 bytes; split it into smaller files");

        // Exactly at the limit is accepted.
        std::string at_limit = "a: b\n";
        at_limit += std::string(1024 * 1024 - at_limit.size() - 1, '#');
        at_limit += '\n';
        REQUIRE(at_limit.size() == 1024 * 1024);
        parsed = parse_text(at_limit);
        CHECK(parsed.messages.empty());
        CHECK(parsed.node);

        parsed = parse_text("a: 1\n", Limits{4, 64});
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:1: error: the file is 5 bytes, over the limit of 4 "
                                    "bytes; split it into smaller files");
    }

    TEST_CASE("nesting is limited: 64 levels pass, 65 are refused at the node too deep") {
        auto parsed = parse_text(repeat("[", 64) + repeat("]", 64));
        CHECK(parsed.messages.empty());
        REQUIRE(parsed.node);
        const Node* node = &*parsed.node;
        int depth = 0;
        while (node->is_sequence() && !node->items().empty()) {
            node = &node->items()[0];
            ++depth;
        }
        CHECK(depth == 63);

        parsed = parse_text(repeat("[", 65) + repeat("]", 65));
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:65: error: nesting deeper than 64 levels");

        parsed = parse_text(nested_block_maps(64));
        CHECK(parsed.messages.empty());
        CHECK(parsed.node);

        parsed = parse_text(nested_block_maps(65));
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:65:129: error: nesting deeper than 64 levels");

        // The top map, the map under `a` and the list make three levels.
        parsed = parse_text("a:\n  b: [x]\n", Limits{1024, 3});
        CHECK(parsed.messages.empty());
        parsed = parse_text("a:\n  b: [[x]]\n", Limits{1024, 3});
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:7: error: nesting deeper than 3 levels");
    }

    TEST_CASE("very deep nesting is refused without crashing") {
        const std::string deep = repeat("[", 10000) + repeat("]", 10000);
        auto parsed = parse_text(deep);
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:65: error: nesting deeper than 64 levels");

        parsed = parse_text(repeat("{a: ", 10000) + repeat("}", 10000));
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:257: error: nesting deeper than 64 levels");

        // With our limit lifted, yaml-cpp's own guard still stops it, as a diagnostic.
        parsed = parse_text(deep, Limits{1024 * 1024, 1000000});
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0].find("error: nesting too deep for the YAML reader") !=
              std::string::npos);
    }

    TEST_CASE("syntax errors become diagnostics with a position") {
        auto parsed = parse_text("title: x\nmeta:\n\towner: a\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:3:1: error: a tab in the indentation; indent with spaces");

        parsed = parse_text("a: [1, 2\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:1: error: a '[' list is not closed with ']'");

        parsed = parse_text("a: {b: 1\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:1: error: a '{' map is not closed with '}'");

        parsed = parse_text("a: b: c\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:5: error: unexpected ':'; check the indentation, or "
                                    "put text that contains ': ' in quotes");

        parsed = parse_text("a: \"\\q\"\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:7: error: unknown escape '\\q' in double quotes; "
                                    "write '\\\\' for a backslash");

        // yaml-cpp itself accepts these; the rest of the file would become the value.
        parsed = parse_text("a: 'open\nb: 1\n");
        CHECK_FALSE(parsed.node);
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:4: error: a quoted text is not closed");
        parsed = parse_text("a: x\nb: \"open \\\" still\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:2:4: error: a quoted text is not closed");
        parsed = parse_text("a: \"x\"\nb: 'it''s'\nc: \"\\\\\"\n");
        CHECK(parsed.messages.empty());
        REQUIRE(parsed.node);
        CHECK(parsed.node->find("b")->scalar() == "it's");
        CHECK(parsed.node->find("c")->scalar() == "\\");
        parsed = parse_text("a: \"open");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] == "f.yaml:1:9: error: a quoted text is not closed");

        parsed = parse_text("a:\n  - b\n c: 1\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:3:2: error: unexpected text here; check the indentation");

        parsed = parse_text("a: @x\n");
        REQUIRE(parsed.messages.size() == 1);
        CHECK(parsed.messages[0] ==
              "f.yaml:1:4: error: a value may not start with this character; put it in quotes");
    }

    TEST_CASE("parse never throws, whatever the text") {
        const std::vector<std::string> texts = {std::string("\0\0\0", 3),
                                                "{",
                                                "}",
                                                "]",
                                                "[",
                                                "- - - -",
                                                "&",
                                                "*",
                                                "!",
                                                "!<",
                                                "%YAML 1.2\n",
                                                "%YAML 9.9\n---\na: 1\n",
                                                "%TAG ! !x\n",
                                                "? ? ?",
                                                "a: |\n\t",
                                                ": : :",
                                                "\"\\u12\"",
                                                "\"\\xZZ\"",
                                                "\xff\xfe\x00\x61",
                                                "\xc3\x28: \xa0\xa1",
                                                repeat("- ", 5000),
                                                repeat("a:\n ", 3000),
                                                repeat("[{", 3000),
                                                repeat("? ", 3000),
                                                std::string(5000, '\'')};
        for (const auto& text : texts) {
            CAPTURE(text.substr(0, 20));
            CHECK_NOTHROW(parse_text(text));
        }
    }

    TEST_CASE("every yaml message exists in English and Chinese with the same arguments") {
        const std::regex placeholder(R"(\{\d+\})");
        int count = 0;
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id = entry.id;
            if (id.rfind("yaml.", 0) != 0) {
                continue;
            }
            ++count;
            CAPTURE(id);
            CHECK(std::string(entry.en).size() > 0);
            CHECK(std::string(entry.zh).size() > 0);
            std::set<std::string> en_args;
            std::set<std::string> zh_args;
            const std::string en = entry.en;
            const std::string zh = entry.zh;
            for (auto it = std::sregex_iterator(en.begin(), en.end(), placeholder);
                 it != std::sregex_iterator(); ++it) {
                en_args.insert(it->str());
            }
            for (auto it = std::sregex_iterator(zh.begin(), zh.end(), placeholder);
                 it != std::sregex_iterator(); ++it) {
                zh_args.insert(it->str());
            }
            CHECK(en_args == zh_args);
            // Rendering with as many arguments as placeholders fills them all (a
            // stray brace would make fmt fail and leave the raw pattern).
            const collab::i18n::Message message{id, std::vector<std::string>(en_args.size(), "x")};
            for (const auto lang : {collab::i18n::Language::en, collab::i18n::Language::zh}) {
                CHECK_FALSE(std::regex_search(collab::i18n::render(lang, message), placeholder));
            }
        }
        CHECK(count >= 20);
        CHECK(collab::i18n::render(collab::i18n::Language::zh,
                                   collab::i18n::msg("yaml.duplicate_key", "due", 4)) ==
              "重复的键“due”（第一次出现在第 4 行）");
    }

} // TEST_SUITE

} // namespace test_yaml_parser
