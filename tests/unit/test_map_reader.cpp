#include <collab/util/diagnostic.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_map_reader {

using collab::Diagnostics;
using collab::yaml::MapReader;
using collab::yaml::Node;

namespace {

// A reader keeps its path by reference: it must outlive the reader.
const std::string k_path = "f.yaml";

Node parse_ok(std::string_view text) {
    Diagnostics diagnostics;
    auto node = collab::yaml::parse(text, "f.yaml", diagnostics);
    REQUIRE(diagnostics.empty());
    REQUIRE(node);
    return *node;
}

std::vector<std::string> rendered(const Diagnostics& diagnostics,
                                  collab::i18n::Language lang = collab::i18n::Language::en) {
    std::vector<std::string> out;
    for (const auto& item : diagnostics.items()) {
        out.push_back(collab::format_diagnostic(lang, item));
    }
    return out;
}

} // namespace

TEST_SUITE("collab::yaml") {

    TEST_CASE("MapReader reads typed fields and knows which keys it was asked about") {
        const Node node = parse_ok("title: Fix login\n"
                                   "due: 2026-07-06\n"
                                   "count: 3\n"
                                   "negative: -42\n"
                                   "plus: +7\n"
                                   "done: false\n"
                                   "urgent: true\n"
                                   "tags: [a, \"b\"]\n"
                                   "single: x\n"
                                   "blank:\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK(reader.is_map());
        CHECK(reader.path() == "f.yaml");
        CHECK(reader.required_string("title") == "Fix login");
        CHECK(reader.optional_string("due") == "2026-07-06");
        CHECK(reader.optional_string("absent") == std::nullopt);
        CHECK(reader.optional_string("blank") == std::nullopt);
        CHECK(reader.optional_int("count") == 3);
        CHECK(reader.optional_int("negative") == -42);
        CHECK(reader.optional_int("plus") == 7);
        CHECK(reader.optional_int("absent_number") == std::nullopt);
        CHECK(reader.optional_bool("done") == false);
        CHECK(reader.optional_bool("urgent") == true);
        CHECK(reader.optional_bool("absent_flag") == std::nullopt);
        CHECK(reader.string_list("tags") == std::vector<std::string>{"a", "b"});
        CHECK(reader.string_list("single") == std::vector<std::string>{"x"});
        CHECK(reader.string_list("absent_list").empty());
        REQUIRE(reader.optional("title") != nullptr);
        CHECK(reader.optional("title")->scalar() == "Fix login");
        CHECK(reader.finish().empty());
        CHECK(diagnostics.empty());
    }

    TEST_CASE("MapReader reports missing fields at the map") {
        const Node node = parse_ok("# a comment\ndue: 2026-07-06\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK(reader.required_string("title") == std::nullopt);
        CHECK(reader.required("owner") == nullptr);
        CHECK(reader.string_list("items", true).empty());
        CHECK(rendered(diagnostics) ==
              std::vector<std::string>{"f.yaml:2:1: error: missing field 'title'",
                                       "f.yaml:2:1: error: missing field 'owner'",
                                       "f.yaml:2:1: error: missing field 'items'"});
        CHECK(rendered(diagnostics, collab::i18n::Language::zh)[0] ==
              "f.yaml:2:1: 错误: 缺少字段“title”");
    }

    TEST_CASE("MapReader reports a required field left empty at its key") {
        const Node node = parse_ok("a: 1\ntitle:\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK(reader.required_string("title") == std::nullopt);
        CHECK(rendered(diagnostics) ==
              std::vector<std::string>{"f.yaml:2:1: error: field 'title' is empty"});
    }

    TEST_CASE("MapReader reports values of the wrong type at the value") {
        const Node node = parse_ok("title: [a, b]\n"
                                   "items: {a: 1}\n"
                                   "count: 3.5\n"
                                   "big: 99999999999999999999\n"
                                   "word: three\n"
                                   "done: yes\n"
                                   "flag: [true]\n"
                                   "list:\n"
                                   "  - ok\n"
                                   "  - [nested]\n"
                                   "  - k: v\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK(reader.required_string("title") == std::nullopt);
        CHECK(reader.string_list("items").empty());
        CHECK(reader.optional_int("count") == std::nullopt);
        CHECK(reader.optional_int("big") == std::nullopt);
        CHECK(reader.optional_int("word") == std::nullopt);
        CHECK(reader.optional_bool("done") == std::nullopt);
        CHECK(reader.optional_bool("flag") == std::nullopt);
        CHECK(reader.string_list("list") == std::vector<std::string>{"ok"});
        CHECK(reader.finish().empty());
        CHECK(rendered(diagnostics) ==
              std::vector<std::string>{
                  "f.yaml:1:8: error: field 'title' must be text",
                  "f.yaml:2:8: error: field 'items' must be a list",
                  "f.yaml:3:8: error: field 'count' must be a whole number",
                  "f.yaml:4:6: error: field 'big' must be a whole number",
                  "f.yaml:5:7: error: field 'word' must be a whole number",
                  "f.yaml:6:7: error: field 'done' must be true or false",
                  "f.yaml:7:7: error: field 'flag' must be true or false",
                  "f.yaml:10:5: error: each item of field 'list' must be text",
                  "f.yaml:11:5: error: each item of field 'list' must be text",
              });
    }

    TEST_CASE("MapReader warns about unknown keys, suggests the closest and keeps them") {
        const Node node = parse_ok("title: x\ndeu: 2026-07-06\nzzz: 1\ntitel: y\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK(reader.required_string("title") == "x");
        CHECK(reader.optional_string("due") == std::nullopt);
        CHECK(reader.finish() == std::vector<std::string>{"deu", "zzz", "titel"});
        CHECK(rendered(diagnostics) ==
              std::vector<std::string>{
                  "f.yaml:2:1: warning: unknown key 'deu' (did you mean 'due'?); it is kept",
                  "f.yaml:3:1: warning: unknown key 'zzz'; it is kept",
                  "f.yaml:4:1: warning: unknown key 'titel' (did you mean 'title'?); it is kept"});
        CHECK_FALSE(diagnostics.has_errors());
        // Kept: the node still holds them.
        CHECK(reader.node().find("deu") != nullptr);
    }

    TEST_CASE("MapReader over a non-map reports once and reads nothing") {
        const Node node = parse_ok("- a\n- b\n");
        Diagnostics diagnostics;
        MapReader reader(node, k_path, diagnostics);
        CHECK_FALSE(reader.is_map());
        CHECK(reader.required_string("title") == std::nullopt);
        CHECK(reader.optional("x") == nullptr);
        CHECK(reader.string_list("items", true).empty());
        CHECK(reader.finish().empty());
        CHECK(rendered(diagnostics) ==
              std::vector<std::string>{
                  "f.yaml:1:1: error: expected a map of 'key: value' lines here"});

        Diagnostics empty_file;
        const Node null_node;
        const std::string empty_path = "empty.yaml";
        MapReader null_reader(null_node, empty_path, empty_file);
        CHECK(rendered(empty_file) ==
              std::vector<std::string>{
                  "empty.yaml:1:1: error: expected a map of 'key: value' lines here"});
    }

    TEST_CASE("location converts a node mark") {
        const Node node = parse_ok("a:\n  b: [1, 2]\n");
        const auto where = collab::yaml::location("x.yaml", node.find("a")->find("b")->items()[1]);
        CHECK(where.path == "x.yaml");
        CHECK(where.line == 2);
        CHECK(where.column == 10);
    }

} // TEST_SUITE

} // namespace test_map_reader
