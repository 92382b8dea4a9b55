// The UTF-8 validator every record passes on read and write, and the escaping of
// control characters for the terminal.
#include <collab/util/utf8.hpp>
#include <doctest/doctest.h>
#include <string>

namespace test_utf8 {

using collab::util::escape_controls;
using collab::util::first_text_problem;
using collab::util::TextFault;

namespace {

// The fault's kind and where it is, as "kind@line:column+offset".
std::string fault_of(std::string_view text) {
    const auto found = first_text_problem(text);
    if (!found) {
        return "ok";
    }
    return std::string(found->fault == TextFault::nul ? "nul" : "utf8") + "@" +
           std::to_string(found->line) + ":" + std::to_string(found->column) + "+" +
           std::to_string(found->offset);
}

} // namespace

TEST_SUITE("collab::util::utf8") {

    TEST_CASE("well-formed text of every length passes") {
        CHECK(fault_of("") == "ok");
        CHECK(fault_of("plain ASCII\n\twith tabs") == "ok");
        CHECK(fault_of("\xC2\x80") == "ok");         // U+0080, the smallest 2-byte form
        CHECK(fault_of("é ß 需求审批表") == "ok");   // 2 and 3 bytes
        CHECK(fault_of("\xEF\xBF\xBF") == "ok");     // U+FFFF
        CHECK(fault_of("\xED\x9F\xBF") == "ok");     // U+D7FF, just below the surrogates
        CHECK(fault_of("\xEE\x80\x80") == "ok");     // U+E000, just above them
        CHECK(fault_of("\xF0\x9F\x98\x80") == "ok"); // U+1F600
        CHECK(fault_of("\xF4\x8F\xBF\xBF") == "ok"); // U+10FFFF, the largest
        CHECK(fault_of("\xEF\xBB\xBF"
                       "bom") == "ok");
    }

    TEST_CASE("overlong forms are refused") {
        CHECK(fault_of("\xC0\xAF") == "utf8@1:1+0"); // '/' in two bytes
        CHECK(fault_of("\xC1\xBF") == "utf8@1:1+0");
        CHECK(fault_of("\xE0\x80\xAF") == "utf8@1:1+0");     // '/' in three
        CHECK(fault_of("\xE0\x9F\xBF") == "utf8@1:1+0");     // U+07FF in three
        CHECK(fault_of("\xF0\x80\x80\xAF") == "utf8@1:1+0"); // '/' in four
        CHECK(fault_of("\xF0\x8F\xBF\xBF") == "utf8@1:1+0"); // U+FFFF in four
        CHECK(fault_of("\xC0\x80") == "utf8@1:1+0");         // the overlong NUL
    }

    TEST_CASE("surrogates U+D800..U+DFFF are refused") {
        CHECK(fault_of("\xED\xA0\x80") == "utf8@1:1+0");             // U+D800
        CHECK(fault_of("\xED\xAF\xBF") == "utf8@1:1+0");             // U+DBFF
        CHECK(fault_of("\xED\xB0\x80") == "utf8@1:1+0");             // U+DC00
        CHECK(fault_of("\xED\xBF\xBF") == "utf8@1:1+0");             // U+DFFF
        CHECK(fault_of("\xED\xA0\xBD\xED\xB8\x80") == "utf8@1:1+0"); // CESU-8 pair
    }

    TEST_CASE("code points above U+10FFFF and the bytes F5..FF are refused") {
        CHECK(fault_of("\xF4\x90\x80\x80") == "utf8@1:1+0"); // U+110000
        CHECK(fault_of("\xF7\xBF\xBF\xBF") == "utf8@1:1+0");
        CHECK(fault_of("\xF8\x88\x80\x80\x80") == "utf8@1:1+0"); // old 5-byte form
        CHECK(fault_of("\xFE") == "utf8@1:1+0");
        CHECK(fault_of("\xFF") == "utf8@1:1+0");
    }

    TEST_CASE("truncated sequences and stray continuation bytes are refused") {
        CHECK(fault_of("ab\xC3") == "utf8@1:3+2");       // cut at the end
        CHECK(fault_of("\xE9\x9C") == "utf8@1:1+0");     // 2 of 3
        CHECK(fault_of("\xF0\x9F\x98") == "utf8@1:1+0"); // 3 of 4
        CHECK(fault_of("\xE9\x9C"
                       "x") == "utf8@1:1+0");     // cut by ASCII
        CHECK(fault_of("a\x80") == "utf8@1:2+1"); // stray continuation
        CHECK(fault_of("\xBF\xBF") == "utf8@1:1+0");
        CHECK(fault_of("需\x80求") == "utf8@1:2+3");
    }

    TEST_CASE("a NUL byte is refused, with its line and column in characters") {
        CHECK(fault_of(std::string_view("a\0b", 3)) == "nul@1:2+1");
        CHECK(fault_of(std::string_view("title: x\n需求\0", 16)) == "nul@2:3+15");
    }

    TEST_CASE("the first fault is the one reported, counted in lines and characters") {
        CHECK(fault_of("line one\nline two\n  需求 \xFF and \xC0\xAF") == "utf8@3:6+27");
    }

    TEST_CASE("escape_controls shows C0, DEL and C1 controls and keeps newline and tab") {
        CHECK(escape_controls("title\x1b[31mred\x1b[0m") == "title\\x1b[31mred\\x1b[0m");
        CHECK(escape_controls("over\rwritten") == "over\\rwritten");
        CHECK(escape_controls("a\tb\nc") == "a\tb\nc");
        CHECK(escape_controls(std::string_view("nul\0bell\a", 9)) == "nul\\x00bell\\x07");
        CHECK(escape_controls("del\x7f") == "del\\x7f");
        CHECK(escape_controls("csi\xC2\x9B"
                              "2J") == "csi\\u009b2J"); // the 8-bit CSI
        CHECK(escape_controls("osc\x1b]0;pwned\x07") == "osc\\x1b]0;pwned\\x07");
    }

    TEST_CASE("escape_controls keeps every printable character and escapes bad bytes") {
        CHECK(escape_controls("需求审批表 é ñ \xC2\xA0 😀") == "需求审批表 é ñ \xC2\xA0 😀");
        CHECK(escape_controls("bad\xFF\xC0\xAF") == "bad\\xff\\xc0\\xaf");
        CHECK(escape_controls("") == "");
        // Escaping twice changes nothing more: the escapes are plain ASCII.
        const auto once = escape_controls("\x1b[2J\r\xC2\x85");
        CHECK(escape_controls(once) == once);
    }

} // TEST_SUITE

} // namespace test_utf8
