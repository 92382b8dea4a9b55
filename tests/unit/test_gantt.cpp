#include "execution_story.hpp"

#include <collab/rules/gantt.hpp>
#include <collab/util/gantt_drawing.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_gantt {

using namespace execution_story;
using collab::time::Date;

Date d(std::string_view text) {
    const auto parsed = collab::time::parse_date(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

const GanttTask& task_of(const GanttChart& chart, const std::string& id) {
    for (const auto& owner : chart.owners) {
        for (const auto& task : owner.tasks) {
            if (task.id == id) {
                return task;
            }
        }
    }
    FAIL("no task " << id);
    throw std::logic_error("unreachable");
}

const GanttDay& day_of(const GanttChart& chart, std::string_view text) {
    const auto wanted = d(text);
    for (const auto& one : chart.days) {
        if (one.day == wanted) {
            return one;
        }
    }
    FAIL("no day " << text);
    throw std::logic_error("unreachable");
}

TEST_SUITE("collab::rules::gantt") {

    // The story's tasks (split 2026-09-09 10:00, confirmed 10:30): T1 zhao due 09-18,
    // T2 zhao after T1 due 09-28, T3 chen after T2 due 10-15; on Monday 09-21 T1 is
    // past its deadline.
    TEST_CASE("tasks start when confirmed or after their dependencies, owners in table order") {
        const fixtures::World world;
        auto r = confirmed_request();
        const auto replayed = replay(r, world.roster);
        const auto chart = gantt_chart(replayed.execution, world.at("2026-09-21 10:00"));

        REQUIRE(chart.owners.size() == 2);
        CHECK(chart.owners[0].owner == "zhao");
        CHECK(chart.owners[1].owner == "chen");
        CHECK(chart.owners[0].tasks.size() == 2);

        const auto& t1 = task_of(chart, "T1");
        CHECK(t1.start == d("2026-09-09"));
        CHECK(t1.end == d("2026-09-18"));
        CHECK_FALSE(t1.starts_after_dependencies);
        CHECK(t1.state == TaskState::active);
        CHECK(t1.overdue);

        const auto& t2 = task_of(chart, "T2");
        CHECK(t2.start == d("2026-09-19")); // the day after T1's deadline
        CHECK(t2.end == d("2026-09-28"));
        CHECK(t2.starts_after_dependencies);
        CHECK(t2.depends_on == std::vector<std::string>{"T1"});
        CHECK(t2.state == TaskState::waiting);
        CHECK_FALSE(t2.overdue);

        const auto& t3 = task_of(chart, "T3");
        CHECK(t3.start == d("2026-09-29"));
        CHECK(t3.end == d("2026-10-15"));
        CHECK(t3.owner == "chen");

        CHECK(chart.first == d("2026-09-09"));
        CHECK(chart.last == d("2026-10-15"));
        CHECK(chart.today == d("2026-09-21"));
        CHECK(chart.days.size() == 37);
        CHECK(chart.days.front().day == chart.first);
        CHECK(chart.days.back().day == chart.last);
    }

    TEST_CASE("the days of the range: weekends, holidays and make-up days") {
        const fixtures::World world;
        auto r = confirmed_request();
        const auto chart =
            gantt_chart(replay(r, world.roster).execution, world.at("2026-09-21 10:00"));
        CHECK(day_of(chart, "2026-09-09").working); // a Wednesday
        CHECK_FALSE(day_of(chart, "2026-09-12").working);
        CHECK(day_of(chart, "2026-09-12").off_by_work_week); // a Saturday
        CHECK(day_of(chart, "2026-09-12").holiday.empty());
        CHECK(day_of(chart, "2026-09-20").working); // a Sunday worked for National Day
        CHECK(day_of(chart, "2026-09-20").off_by_work_week);
        CHECK_FALSE(day_of(chart, "2026-09-25").working);
        CHECK(day_of(chart, "2026-09-25").holiday == "中秋节 Mid-Autumn Festival");
        for (const char* text : {"2026-10-01", "2026-10-05", "2026-10-07"}) {
            CHECK(day_of(chart, text).holiday == "国庆节 National Day");
            CHECK_FALSE(day_of(chart, text).working);
        }
        CHECK(day_of(chart, "2026-10-08").working);
        CHECK(day_of(chart, "2026-10-10").working); // a Saturday worked
        CHECK(day_of(chart, "2026-10-10").holiday.empty());
    }

    TEST_CASE("today widens the range; a confirmation after the deadline gives a one-day bar") {
        const fixtures::World world;
        auto r = split_request();
        confirm(r, "T1", "zhao", "2026-09-22T09:00"); // after T1's deadline of 09-18
        const auto chart =
            gantt_chart(replay(r, world.roster).execution, world.at("2026-11-02 10:00"));
        const auto& t1 = task_of(chart, "T1");
        CHECK(t1.start == d("2026-09-18"));
        CHECK(t1.end == d("2026-09-18"));
        // Not confirmed: from the split, or after T1.
        CHECK(task_of(chart, "T2").start == d("2026-09-19"));
        CHECK(task_of(chart, "T2").state == TaskState::planned);
        CHECK(chart.last == d("2026-11-02"));
        CHECK(chart.today == d("2026-11-02"));
    }

    TEST_CASE("an own start later than the dependencies' end is kept, without `after`") {
        const fixtures::World world;
        auto r = split_request();
        confirm(r, "T1", "zhao");
        confirm(r, "T2", "zhao", "2026-09-22T09:00");
        const auto chart =
            gantt_chart(replay(r, world.roster).execution, world.at("2026-09-22 10:00"));
        CHECK(task_of(chart, "T2").start == d("2026-09-22"));
        CHECK_FALSE(task_of(chart, "T2").starts_after_dependencies);
        CHECK(task_of(chart, "T2").depends_on == std::vector<std::string>{"T1"});
    }

} // TEST_SUITE

// A drawing of three days (Friday to Sunday, Sunday a holiday) and two bars.
collab::util::GanttDrawing small_drawing() {
    using namespace collab::util;
    GanttDrawing drawing;
    drawing.title = "R1 上线 🚀 <ops> & \"more\": as of 2026-10-02";
    drawing.days = {{"2026-09-30", 30, true, false, ""},
                    {"2026-10-01", 1, false, false, "国庆节 National Day"},
                    {"2026-10-02", 2, false, false, "国庆节 National Day"},
                    {"2026-10-03", 3, false, true, "国庆节 National Day"}};
    drawing.day_after = "2026-10-04";
    drawing.today = 2;
    drawing.today_label = "Today 2026-10-02";
    GanttBar first{"T1", "T1 Map: flow; #1", 0, 1, {false, true, true}, 40, "T1 detail", {}, {}};
    GanttBar second{"T2", "T2 <Build>", 2, 3, {}, 0, "T2 detail", {"T1"}, {"T1"}};
    drawing.sections = {{"陈晨 (chen)", {first}}, {"张敏 (zhang)", {second}}};
    drawing.rest_weekdays = {"sunday", "saturday"};
    drawing.legend = {"Accepted", "Active", "Planned", "Overdue", "Weekend", "Holiday"};
    return drawing;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto end = text.find('\n', from);
        lines.push_back(text.substr(from, end - from));
        from = end + 1;
    }
    return lines;
}

TEST_SUITE("collab::util::gantt") {

    TEST_CASE("mermaid: sections, tags, exclusive end dates, after, excludes, today") {
        const auto text = collab::util::gantt_mermaid(small_drawing());
        CHECK(lines_of(text) ==
              std::vector<std::string>{
                  "gantt",
                  "    title R1 上线 🚀 <ops> & \"more\"#58; as of 2026-10-02",
                  "    dateFormat YYYY-MM-DD",
                  "    axisFormat %m-%d",
                  "    todayMarker off",
                  "    excludes weekends, 2026-10-01, 2026-10-02, 2026-10-03",
                  "    section 陈晨 (chen)",
                  "    T1 Map#58; flow#59; #35;1 :crit, active, T1, 2026-09-30, 2026-10-02",
                  "    section 张敏 (zhang)",
                  "    T2 <Build> :T2, after T1, 2026-10-04",
                  "    section Today 2026-10-02",
                  "    Today 2026-10-02 :milestone, today, 2026-10-02, 0d",
              });
    }

    TEST_CASE("mermaid: another work week names its rest days") {
        auto drawing = small_drawing();
        drawing.rest_weekdays = {"friday"};
        drawing.days[1].holiday.clear();
        drawing.days[2].holiday.clear();
        drawing.days[3].holiday.clear();
        CHECK(lines_of(collab::util::gantt_mermaid(drawing))[5] == "    excludes friday");
    }

    TEST_CASE("svg: bars and today's line on the day grid, text escaped") {
        const auto svg = collab::util::gantt_svg(small_drawing());
        CHECK(
            svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg "));
        CHECK(svg.ends_with("</svg>\n"));
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find("Noto Sans CJK SC") != std::string::npos);
        CHECK(svg.find("R1 上线 🚀 &lt;ops&gt; &amp; &quot;more&quot;") != std::string::npos);
        CHECK(svg.find("T2 &lt;Build&gt;") != std::string::npos);
        CHECK(svg.find("<Build>") == std::string::npos);
        // The label column is at least 160 pixels: day 0 starts there, 24 a day.
        CHECK(svg.find("<rect id=\"day-2026-09-30\" class=\"day\" x=\"160\" ") !=
              std::string::npos);
        CHECK(svg.find("<rect id=\"day-2026-10-01\" class=\"day holiday\" x=\"184\" ") !=
              std::string::npos);
        CHECK(svg.find("<title>2026-10-01 国庆节 National Day</title>") != std::string::npos);
        CHECK(svg.find("<rect id=\"bar-T1\" class=\"bar crit\" x=\"160\" y=\"98\" width=\"48\" ") !=
              std::string::npos);
        CHECK(svg.find(
                  "<rect id=\"bar-T2\" class=\"bar planned\" x=\"208\" y=\"146\" width=\"48\" ") !=
              std::string::npos);
        CHECK(svg.find("<rect class=\"progress\" x=\"160\" y=\"98\" width=\"19\" ") !=
              std::string::npos); // 40% of 48, rounded down
        CHECK(svg.find("<line id=\"today\" class=\"today\" x1=\"220\" ") != std::string::npos);
        CHECK(svg.find("<path class=\"dep\" d=\"M 208 106 h 6 V 142 H 200 V 154 H 208\"/>") !=
              std::string::npos);
    }

    TEST_CASE("svg: a dependant starting later gets a straight arrow") {
        auto drawing = small_drawing();
        drawing.sections[1].bars[0].first = 3;
        const auto svg = collab::util::gantt_svg(drawing);
        CHECK(svg.find("<path class=\"dep\" d=\"M 208 106 h 6 V 154 H 232\"/>") !=
              std::string::npos);
    }

} // TEST_SUITE

} // namespace test_gantt
