#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <collab/yaml/writer.hpp>
#include <doctest/doctest.h>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace test_yaml_writer {

using collab::yaml::emit;
using collab::yaml::Node;
using collab::yaml::quote_scalar;

namespace {

// Structural equality: kinds, texts, order. Marks and quoting are how a value was
// written, not what it is.
bool equal(const Node& a, const Node& b) {
    if (a.kind() != b.kind()) {
        return false;
    }
    switch (a.kind()) {
    case Node::Kind::null:
        return true;
    case Node::Kind::scalar:
        return a.scalar() == b.scalar();
    case Node::Kind::sequence:
        if (a.items().size() != b.items().size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.items().size(); ++i) {
            if (!equal(a.items()[i], b.items()[i])) {
                return false;
            }
        }
        return true;
    case Node::Kind::map:
        if (a.entries().size() != b.entries().size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.entries().size(); ++i) {
            if (a.entries()[i].first.scalar() != b.entries()[i].first.scalar() ||
                !equal(a.entries()[i].second, b.entries()[i].second)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

std::optional<Node> reparse(const std::string& text, std::vector<std::string>& messages) {
    collab::Diagnostics diagnostics;
    auto node = collab::yaml::parse(text, "out.yaml", diagnostics);
    for (const auto& item : diagnostics.items()) {
        messages.push_back(collab::format_diagnostic(collab::i18n::Language::en, item));
    }
    return node;
}

// parse(emit(n)) == n and emit is a fixed point.
void check_round_trip(const Node& node) {
    const std::string text = emit(node);
    CAPTURE(text);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    std::vector<std::string> messages;
    const auto back = reparse(text, messages);
    CHECK(messages.empty());
    REQUIRE(back);
    CHECK(equal(node, *back));
    CHECK(emit(*back) == text);
}

Node scalar(std::string text) {
    return Node::make_scalar(std::move(text));
}

Node list(std::initializer_list<Node> items) {
    Node node = Node::make_sequence();
    for (const auto& item : items) {
        node.push_back(item);
    }
    return node;
}

const std::vector<std::string>& tricky_strings() {
    static const std::vector<std::string> strings = {
        "",
        " ",
        "  lead",
        "trail ",
        "plain text",
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "n",
        "null",
        "NULL",
        "Null",
        "~",
        "true",
        "False",
        "123",
        "0",
        "007",
        "1.5",
        "-1",
        "+1",
        ".5",
        "1e3",
        "0x1F",
        "0o17",
        "1_000",
        "12:30",
        ".inf",
        "-.INF",
        ".NaN",
        "2026-07-06",
        "2026-07-06T09:30:00+08:00",
        "2026-07-06 09:30",
        "100 CNY",
        "a: b",
        "a:b",
        "key:",
        "a #b",
        "a#b",
        "#c",
        "- item",
        "-",
        "--",
        "---",
        "...",
        "?",
        "? x",
        ":",
        "'quoted'",
        "\"dq\"",
        "it's",
        "say \"hi\": now",
        "[a]",
        "{a}",
        "a, b",
        "a,b",
        "what?",
        "&x",
        "*x",
        "!x",
        "|",
        ">",
        "%",
        "@x",
        "`x`",
        "<<",
        "=",
        "back\\slash",
        "C:\\path\\to",
        "修复登录页：支持微信",
        "修复登录页: 支持微信",
        "中文 # 注释",
        "张三",
        "emoji 😀",
        "nbsp\xC2\xA0inside",
        "line1\nline2",
        "line1\n\nline3\n",
        "trailing\n\n",
        "trailing three\n\n\n",
        "\nleading newline",
        "\n\nleading two\nx",
        "  indented\nline",
        "x\n  more indented\ny",
        "x\n\n  more after blank\n",
        "tab\tin",
        "\ttab lead",
        "a\tb\nc",
        "a\n\tb",
        "ctrl\x01",
        "del\x7F",
        "cr\r\nlf",
        "ls\xE2\x80\xA8sep",
        "nel\xC2\x85",
        "\xEF\xBB\xBF"
        "bom",
        "a\n",
        "\n",
        "\n\n",
        "a \nb",
        "x\ny \n",
        "- a\n- b\n",
        "key: v\nk2: v2",
        "---\nfake doc\n...",
        "# not a comment\nreally",
        "\"\n'",
        std::string("nul\0byte", 8),
    };
    return strings;
}

} // namespace

TEST_SUITE("collab::yaml") {

    TEST_CASE("quote_scalar leaves safe text plain") {
        for (const std::string_view text :
             {"hello", "plain text", "修复登录页", "张三", "2026-07-06",
              "2026-07-06T09:30:00+08:00", "2026-07-06 09:30", "a:b", "it's", "a-b", "C++", "x#y",
              "100 CNY", "back\\slash", "what?", "a, b", "v1.2 release", "say \"hi\""}) {
            CAPTURE(text);
            CHECK(quote_scalar(text) == text);
        }
    }

    TEST_CASE("quote_scalar leaves plain decimal counts plain: collab reads every scalar as text") {
        CHECK(quote_scalar("0") == "0");
        CHECK(quote_scalar("123") == "123");
        CHECK(quote_scalar("25") == "25");
    }

    TEST_CASE("quote_scalar quotes text YAML would read as something else") {
        CHECK(quote_scalar("") == R"("")");
        for (const std::string_view text :
             {"yes",  "No",   "ON",    "off",   "y",    "N",     "null",   "Null",   "NULL",
              "~",    "true", "FALSE", "007",   "1.5",  "-1",    "+1",     ".5",     "1e3",
              "0x1F", "0o17", "1_000", "12:30", ".inf", ".NaN",  "-dash",  "- item", "---",
              "...",  "a: b", "a #b",  "#x",    "key:", " lead", "trail ", "'q'",    "[x]",
              "{x}",  "&a",   "*a",    "!t",    "|x",   ">x",    "%x",     "@x",     "`x",
              "?x",   ",x",   ":x",    "<<",    "="}) {
            CAPTURE(text);
            CHECK(quote_scalar(text) == "\"" + std::string(text) + "\"");
        }
    }

    TEST_CASE("quote_scalar escapes what cannot be written raw") {
        CHECK(quote_scalar("a\nb") == R"("a\nb")");
        CHECK(quote_scalar("tab\there") == R"("tab\there")");
        CHECK(quote_scalar("bell\x07") == R"("bell\x07")");
        CHECK(quote_scalar("del\x7F") == R"("del\x7F")");
        CHECK(quote_scalar("cr\r") == R"("cr\r")");
        CHECK(quote_scalar("\"q\"") == R"("\"q\"")");
        CHECK(quote_scalar("say \"hi\": now") == R"("say \"hi\": now")");
        CHECK(quote_scalar("C:\\dir: x") == R"("C:\\dir: x")");
        CHECK(quote_scalar("ls\xE2\x80\xA8") == R"("ls\u2028")");
        CHECK(quote_scalar(std::string("a\0b", 3)) == R"("a\x00b")");
        CHECK(quote_scalar("中文: 冒号") == "\"中文: 冒号\"");
    }

    TEST_CASE("emit writes block maps, flow lists, compact lists of maps and literal blocks") {
        Node root = Node::make_map();
        root.set("title", scalar("修复登录页"));
        root.set("due", scalar("2026-07-06"));
        root.set("tags", list({scalar("a"), scalar("yes"), scalar("b c")}));
        Node first = Node::make_map();
        first.set("action", scalar("fix"));
        first.set("owner", scalar("张三"));
        Node second = Node::make_map();
        second.set("action", scalar("test: all"));
        root.set("items", list({first, second}));
        root.set("notes", scalar("line1\n\nline3\n"));
        root.set("empty", Node{});
        root.set("none", Node::make_sequence());
        root.set("nothing", Node::make_map());
        Node nested = Node::make_map();
        nested.set("deep", list({scalar("x")}));
        root.set("meta", nested);

        CHECK(emit(root) == "title: 修复登录页\n"
                            "due: 2026-07-06\n"
                            "tags: [a, \"yes\", b c]\n"
                            "items:\n"
                            "  - action: fix\n"
                            "    owner: 张三\n"
                            "  - action: \"test: all\"\n"
                            "notes: |\n"
                            "  line1\n"
                            "\n"
                            "  line3\n"
                            "empty:\n"
                            "none: []\n"
                            "nothing: {}\n"
                            "meta:\n"
                            "  deep: [x]\n");
        check_round_trip(root);
    }

    TEST_CASE("set replaces the value of an existing key in place") {
        Node root = Node::make_map();
        root.set("a", scalar("one"));
        root.set("b", scalar("two"));
        root.set("a", scalar("three"));
        CHECK(emit(root) == "a: three\nb: two\n");
    }

    TEST_CASE("literal blocks choose their chomping; unsafe texts fall back to quotes") {
        Node root = Node::make_map();
        root.set("strip", scalar("a\nb"));
        root.set("clip", scalar("a\nb\n"));
        root.set("keep", scalar("a\nb\n\n"));
        root.set("lead", scalar(" a\nb"));
        root.set("trail", scalar("a \nb"));
        root.set("cr", scalar("a\r\nb"));
        CHECK(emit(root) == "strip: |-\n  a\n  b\n"
                            "clip: |\n  a\n  b\n"
                            "keep: |+\n  a\n  b\n\n"
                            "lead: \" a\\nb\"\n"
                            "trail: \"a \\nb\"\n"
                            "cr: \"a\\r\\nb\"\n");
        check_round_trip(root);
    }

    TEST_CASE("lists: flow when short, block when long or nested") {
        Node items = Node::make_sequence();
        for (int i = 0; i < 12; ++i) {
            items.push_back(scalar("item-" + std::to_string(i)));
        }
        Node root = Node::make_map();
        root.set("long", items);
        root.set("commas",
                 list({scalar("a, b"), scalar("c?"), scalar("2026-07-06T09:30:00+08:00")}));
        root.set("mixed", list({scalar("a"), Node{}}));
        root.set("multi", list({scalar("a\nb")}));
        root.set("nested", list({list({scalar("a"), scalar("b")}), list({Node::make_map()})}));
        CHECK(emit(root) ==
              "long:\n"
              "  - item-0\n  - item-1\n  - item-2\n  - item-3\n  - item-4\n  - item-5\n"
              "  - item-6\n  - item-7\n  - item-8\n  - item-9\n  - item-10\n  - item-11\n"
              "commas: [\"a, b\", \"c?\", \"2026-07-06T09:30:00+08:00\"]\n"
              "mixed:\n  - a\n  -\n"
              "multi:\n  - |-\n    a\n    b\n"
              "nested:\n  - [a, b]\n  - - {}\n");
        check_round_trip(root);

        // The flow form must fit in 80 columns with the key in front of it.
        Node fits = Node::make_map();
        fits.set("k", list({scalar(std::string(72, 'x')), scalar("z")}));
        CHECK(emit(fits) == "k: [" + std::string(72, 'x') + ", z]\n");
        Node wide = Node::make_map();
        wide.set("k", list({scalar(std::string(73, 'x')), scalar("z")}));
        CHECK(emit(wide) == "k:\n  - " + std::string(73, 'x') + "\n  - z\n");
        check_round_trip(wide);
        check_round_trip(fits);
    }

    TEST_CASE("emit of top-level values") {
        CHECK(emit(Node{}) == "~\n");
        CHECK(emit(scalar("x")) == "x\n");
        CHECK(emit(scalar("null")) == "\"null\"\n");
        CHECK(emit(scalar("a\nb\n")) == "|\n  a\n  b\n");
        CHECK(emit(Node::make_sequence()) == "[]\n");
        CHECK(emit(Node::make_map()) == "{}\n");
        CHECK(emit(list({scalar("a"), scalar("b")})) == "[a, b]\n");

        Node entry = Node::make_map();
        entry.set("at", scalar("2026-07-06T09:30:00+08:00"));
        entry.set("by", scalar("zhang.san"));
        entry.set("text", scalar("第一行\n第二行\n"));
        CHECK(emit(list({entry, entry})) == "- at: 2026-07-06T09:30:00+08:00\n"
                                            "  by: zhang.san\n"
                                            "  text: |\n"
                                            "    第一行\n"
                                            "    第二行\n"
                                            "- at: 2026-07-06T09:30:00+08:00\n"
                                            "  by: zhang.san\n"
                                            "  text: |\n"
                                            "    第一行\n"
                                            "    第二行\n");
        for (const auto& node : {Node{}, scalar("x"), scalar("a\nb\n"), Node::make_sequence(),
                                 Node::make_map(), list({entry, entry})}) {
            check_round_trip(node);
        }
    }

    TEST_CASE("every tricky string round-trips as a value, a key, a list item and a document") {
        for (const auto& text : tricky_strings()) {
            CAPTURE(text);
            Node as_value = Node::make_map();
            as_value.set("k", scalar(text));
            as_value.set("after", scalar("x"));
            check_round_trip(as_value);

            Node as_key = Node::make_map();
            as_key.set(text, scalar("v"));
            as_key.set("after", scalar("x"));
            check_round_trip(as_key);

            check_round_trip(list({scalar(text), scalar("x")}));
            check_round_trip(list({scalar(text), Node::make_map()}));
            check_round_trip(scalar(text));

            Node in_item = Node::make_map();
            in_item.set("a", scalar(text));
            in_item.set(text, scalar(text));
            Node outer = Node::make_map();
            outer.set("items", list({in_item, in_item}));
            check_round_trip(outer);
        }
    }

    TEST_CASE("random trees round-trip") {
        std::mt19937 random(20260706);
        const auto& strings = tricky_strings();
        const auto pick = [&](std::size_t n) {
            return static_cast<std::size_t>(random() % static_cast<std::mt19937::result_type>(n));
        };
        std::function<Node(int)> make = [&](int depth) -> Node {
            const std::size_t choice = depth >= 4 ? pick(2) : pick(5);
            if (choice == 0) {
                return scalar(strings[pick(strings.size())]);
            }
            if (choice == 1) {
                return pick(4) == 0 ? Node{} : scalar(strings[pick(strings.size())]);
            }
            if (choice == 2 || choice == 3) {
                Node node = Node::make_map();
                const std::size_t count = pick(4);
                for (std::size_t i = 0; i < count; ++i) {
                    node.set(strings[pick(strings.size())], make(depth + 1));
                }
                return node;
            }
            Node node = Node::make_sequence();
            const std::size_t count = pick(5);
            for (std::size_t i = 0; i < count; ++i) {
                node.push_back(make(depth + 1));
            }
            return node;
        };
        for (int i = 0; i < 500; ++i) {
            check_round_trip(make(0));
        }
    }

} // TEST_SUITE

} // namespace test_yaml_writer
