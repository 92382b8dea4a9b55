#include <collab/util/sheet_cell.hpp>
#include <doctest/doctest.h>

namespace test_sheet_cell {

using collab::util::CellKind;
using collab::util::classify_cell;
using collab::util::excel_serial;
using collab::util::sheet_column_width;
using collab::util::sheet_names;

TEST_SUITE("collab::util") {

    TEST_CASE("dates and date-times are date cells with Excel's serial") {
        CHECK(excel_serial(1900, 3, 1) == 61);
        CHECK(excel_serial(2026, 9, 8) == 46273);
        const auto day = classify_cell("2026-09-08");
        CHECK(day.kind == CellKind::date);
        CHECK(day.number == 46273);
        const auto moment = classify_cell("2026-09-08 14:00");
        CHECK(moment.kind == CellKind::datetime);
        CHECK(moment.number == doctest::Approx(46273 + 14.0 / 24.0));
        // Days that do not exist, other shapes and times alone stay text.
        CHECK(classify_cell("2026-02-30").kind == CellKind::text);
        CHECK(classify_cell("2026-9-8").kind == CellKind::text);
        CHECK(classify_cell("2026-09-08 24:00").kind == CellKind::text);
        CHECK(classify_cell("2026-09-08T14:00").kind == CellKind::text);
        CHECK(classify_cell("14:00").kind == CellKind::text);
    }

    TEST_CASE("numbers and percents are number cells") {
        CHECK(classify_cell("4.5").kind == CellKind::number);
        CHECK(classify_cell("4.5").number == 4.5);
        CHECK(classify_cell("30").number == 30);
        CHECK(classify_cell("0").kind == CellKind::number);
        CHECK(classify_cell("0.25").number == 0.25);
        CHECK(classify_cell("-3").number == -3);
        const auto share = classify_cell("60%");
        CHECK(share.kind == CellKind::percent);
        CHECK(share.number == doctest::Approx(0.6));
        CHECK(classify_cell("85.0%").number == doctest::Approx(0.85));
    }

    TEST_CASE("what a spreadsheet would change stays text") {
        CHECK(classify_cell("").kind == CellKind::text);
        CHECK(classify_cell("007").kind == CellKind::text);              // the zero would go
        CHECK(classify_cell("1234567890123456").kind == CellKind::text); // would be rounded
        CHECK(classify_cell("T1").kind == CellKind::text);
        CHECK(classify_cell("4.5 (n=2)").kind == CellKind::text);
        CHECK(classify_cell("100% (1/1)").kind == CellKind::text);
        CHECK(classify_cell("1.").kind == CellKind::text);
        CHECK(classify_cell(".5").kind == CellKind::text);
        CHECK(classify_cell("-").kind == CellKind::text);
        CHECK(classify_cell("%").kind == CellKind::text);
        CHECK(classify_cell("1e5").kind == CellKind::text);
        CHECK(classify_cell("30 min").kind == CellKind::text);
        CHECK(classify_cell("30 分钟").kind == CellKind::text);
    }

    TEST_CASE("a column is as wide as its widest line, CJK counting two") {
        CHECK(sheet_column_width("Deadline") == 10);
        CHECK(sheet_column_width("截止日期") == 10);
        CHECK(sheet_column_width("张敏 (zhang)") == 14);
        CHECK(sheet_column_width("short\n一二三四五六") == 14);
        CHECK(sheet_column_width(std::string(200, 'x')) == collab::util::k_max_column_width);
        CHECK(sheet_column_width("") == 2);
    }

    TEST_CASE("sheet names follow Excel's rules and stay unique") {
        const auto names = sheet_names({"需求审批表（终稿）", "Review of 2026/09/08: [draft]?",
                                        "Tasks", "tasks", "Tasks", "", "'quoted'",
                                        "A title much longer than thirty-one characters allow"});
        REQUIRE(names.size() == 8);
        CHECK(names[0] == "需求审批表（终稿）");
        CHECK(names[1] == "Review of 2026_09_08_ _draft__");
        CHECK(names[2] == "Tasks");
        CHECK(names[3] == "tasks (2)"); // Excel compares names without case
        CHECK(names[4] == "Tasks (3)");
        CHECK(names[5] == "Sheet");
        CHECK(names[6] == "quoted");
        CHECK(names[7] == "A title much longer than…"); // at a word, marked as cut
        CHECK(sheet_names({"Requirement approval form (final)"})[0] ==
              "Requirement approval form…");
        CHECK(sheet_names({"Review meeting of 2026-09-08 14:00"})[0] ==
              "Review meeting of 2026-09-08…");
        // Two long titles alike in their first words stay apart, both readable.
        const auto alike = sheet_names({"Acceptance of T2 Build the ticket dispatcher service",
                                        "Acceptance of T2 Build the ticket dispatcher client"});
        CHECK(alike[0] == "Acceptance of T2 Build the…");
        CHECK(alike[1] == "Acceptance of T2 Build the… (2)");
        CHECK(sheet_names({std::string(40, 'x'), std::string(40, 'x')})[1] ==
              std::string(26, 'x') + "… (2)");
        // Characters, not bytes: 40 CJK characters keep 30 of them and the "…".
        std::string long_cjk;
        for (int i = 0; i < 40; ++i) {
            long_cjk += "表";
        }
        std::string kept;
        for (int i = 0; i < 30; ++i) {
            kept += "表";
        }
        CHECK(sheet_names({long_cjk})[0] == kept + "…");
    }
}

} // namespace test_sheet_cell
