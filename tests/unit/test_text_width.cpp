#include <collab/util/text_width.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_text_width {

using collab::util::display_width;
using collab::util::format_table;
using collab::util::pad_right;

TEST_SUITE("collab::util") {

    TEST_CASE("display_width of ASCII counts bytes") {
        CHECK(display_width("") == 0);
        CHECK(display_width("abc") == 3);
        CHECK(display_width("R7KQ2 open") == 10);
    }

    TEST_CASE("display_width of ASCII controls and a combining mark after ASCII") {
        // Neither is printable ASCII: both take the Unicode path, as before.
        CHECK(display_width("a\tb") == 2);
        CHECK(display_width("a\x7f") == 1);
        CHECK(display_width("e\u0301x") == 2);
        // Every printable ASCII character is one column.
        for (char c = ' '; c <= '~'; ++c) {
            CHECK(display_width(std::string(3, c)) == 3);
        }
    }

    TEST_CASE("display_width counts wide and fullwidth characters as two") {
        CHECK(display_width("汉字") == 4);
        CHECK(display_width("审批ok") == 6);
        CHECK(display_width("，") == 2);         // U+FF0C fullwidth comma
        CHECK(display_width("。") == 2);         // U+3002 ideographic full stop
        CHECK(display_width("ｶ") == 1);          // U+FF76 halfwidth katakana
        CHECK(display_width("한국어") == 6);     // Hangul syllables
        CHECK(display_width("ひらがな") == 8);   // Hiragana
        CHECK(display_width("\U0001F600") == 2); // emoji
        CHECK(display_width("\U00020000") == 2); // CJK extension B
        CHECK(display_width("é") == 1);          // precomposed, two bytes
        CHECK(display_width("€") == 1);          // three bytes, narrow
    }

    TEST_CASE("display_width range edges") {
        CHECK(display_width("\u10FF") == 1);
        CHECK(display_width("\u1100") == 2);
        CHECK(display_width("\u115F") == 2);
        CHECK(display_width("\u303E") == 2);
        CHECK(display_width("\u303F") == 1);
        CHECK(display_width("\uD7A3") == 2);
        CHECK(display_width("\uD7A4") == 1);
        CHECK(display_width("\uFF60") == 2);
        CHECK(display_width("\uFF61") == 1);
        CHECK(display_width("\U0001F64F") == 2);
        CHECK(display_width("\U0001F650") == 1);
    }

    TEST_CASE("display_width counts combining and zero-width marks as zero") {
        CHECK(display_width("e\u0301") == 1);       // e + combining acute
        CHECK(display_width("e\u0301\u0301") == 1); // two marks on one letter
        CHECK(display_width("e\u0301a") == 2);
        CHECK(display_width("a\u200Bb") == 2);     // zero-width space
        CHECK(display_width("\u2764\uFE0F") == 1); // variation selector after a narrow heart
        CHECK(display_width("\u0370") == 1);
    }

    TEST_CASE("display_width counts emoji the hand-written table missed as two") {
        CHECK(display_width("✅") == 2); // U+2705, a dingbat
        CHECK(display_width("🚀") == 2); // U+1F680, transport symbols
        CHECK(display_width("⌛") == 2); // U+231B, misc technical
        CHECK(display_width("上线 🚀 ✅") == 10);
        CHECK(display_width("ok ✅") == 5);
    }

    TEST_CASE("display_width counts a grapheme cluster once") {
        // Woman, ZWJ, laptop: one technologist, two cells, not four.
        CHECK(display_width("\U0001F469\u200D\U0001F4BB") == 2);
        CHECK(display_width("x\U0001F469\u200D\U0001F4BBx") == 4);
        // A family of four joined by three ZWJs.
        CHECK(display_width("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466") == 2);
        // Regional indicators C and N: the flag of China, one cluster of two cells.
        CHECK(display_width("🇨🇳") == 2);
        // Two flags in a row are two clusters, not one of four letters.
        CHECK(display_width("🇨🇳🇺🇸") == 4);
        CHECK(display_width("👍🏽") == 2); // a skin tone modifier joins its emoji
    }

    TEST_CASE("display_width of CJK, fullwidth and ASCII next to emoji") {
        CHECK(display_width("中文") == 4);
        CHECK(display_width("ＡＢ") == 4); // fullwidth Latin
        CHECK(display_width("abc") == 3);
        CHECK(display_width("a中🚀") == 5);
    }

    TEST_CASE("display_width counts each invalid byte as one") {
        CHECK(display_width("\xff") == 1);
        CHECK(display_width("a\x80z") == 3);   // stray continuation byte
        CHECK(display_width("\xe6\xb1") == 2); // truncated 3-byte sequence
        CHECK(display_width("\xe6\xb1"
                            "a") == 3);                    // truncated, then ASCII
        CHECK(display_width("\xc0\xaf") == 2);             // overlong '/'
        CHECK(display_width("\xed\xa0\x80") == 3);         // UTF-16 surrogate
        CHECK(display_width("\xf4\x90\x80\x80") == 4);     // beyond U+10FFFF
        CHECK(display_width("\xe6\xb1\xe5\xad\x97") == 4); // broken 汉, then 字
    }

    TEST_CASE("pad_right pads to display columns, never truncates") {
        CHECK(pad_right("ab", 5) == "ab   ");
        CHECK(pad_right("汉字", 6) == "汉字  ");
        CHECK(pad_right("汉字", 4) == "汉字");
        CHECK(pad_right("汉字", 2) == "汉字");
        CHECK(pad_right("", 3) == "   ");
        CHECK(pad_right("abc", -1) == "abc");
    }

    TEST_CASE("format_table aligns ASCII columns") {
        const std::vector<std::vector<std::string>> rows = {
            {"ID", "STATE", "TITLE"},
            {"R7KQ2", "open", "Fix the build"},
            {"A1", "approved", "Docs"},
        };
        CHECK(format_table(rows) == "ID     STATE     TITLE\n"
                                    "R7KQ2  open      Fix the build\n"
                                    "A1     approved  Docs\n");
    }

    TEST_CASE("format_table aligns mixed Chinese and ASCII columns") {
        const std::vector<std::vector<std::string>> rows = {
            {"编号", "状态", "标题"},
            {"R7KQ2", "待审批", "修复构建"},
            {"A1", "ok", "文档，更新"},
            {"B22", "已批准", "x"},
        };
        // Every second column starts at display column 7 and every third at 15, as a
        // terminal shows it; the byte offsets differ from line to line.
        CHECK(format_table(rows) == "编号   状态    标题\n"
                                    "R7KQ2  待审批  修复构建\n"
                                    "A1     ok      文档，更新\n"
                                    "B22    已批准  x\n");
    }

    TEST_CASE("format_table pads a cell by its display width and trims each line's end") {
        const std::vector<std::vector<std::string>> rows = {
            {"审批", "x", "last "}, {"a", "", ""}, {"", "", ""}, {"bb", "é", "z"}};
        CHECK(format_table(rows) == "审批  x  last\n"
                                    "a\n"
                                    "\n"
                                    "bb    é  z\n");
    }

    TEST_CASE("format_table handles short rows, empty cells and no rows") {
        CHECK(format_table({}) == "");
        const std::vector<std::vector<std::string>> rows = {
            {"名称", "值", "说明"}, {"a"}, {"bb", ""}, {"c", "", "末尾"}, {},
        };
        // No line ends in spaces, even when the last cells are empty.
        CHECK(format_table(rows) == "名称  值  说明\n"
                                    "a\n"
                                    "bb\n"
                                    "c         末尾\n"
                                    "\n");
    }

} // TEST_SUITE

} // namespace test_text_width
