#pragma once

#include <string>
#include <vector>

namespace collab::util {

// A Gantt chart ready to draw: every text already in the reader's language, every day
// a number counted from the chart's first day. What it shows is decided elsewhere
// (rules/gantt); the renderers here only lay it out.

// One day of the chart.
struct GanttDrawingDay {
    std::string date;     // YYYY-MM-DD
    int day_of_month = 1; // the grid's label
    bool working = true;  // else shaded
    bool weekend = false; // off by the work week
    std::string holiday;  // the holiday's name on a public holiday, else empty
};

// How a bar is drawn: mermaid's tags, the SVG's colours.
struct GanttBarStyle {
    bool done = false;   // accepted
    bool active = false; // being worked on: active, delivered or in rework
    bool crit = false;   // overdue
};

struct GanttBar {
    std::string id;    // T1: mermaid's task id, the SVG element's id
    std::string label; // "T1 Map the flow"
    int first = 0;     // days[first] to days[last], both included
    int last = 0;
    GanttBarStyle style;
    int percent = 0;
    std::string detail; // a tooltip: dates, state, progress
    // The bars it starts right after (mermaid `after`); empty when it starts on a day
    // of its own.
    std::vector<std::string> after;
    std::vector<std::string> depends_on; // arrows from their ends to its start (SVG)
};

// The bars of one owner.
struct GanttSection {
    std::string label;
    std::vector<GanttBar> bars;
};

// The legend's words.
struct GanttLegend {
    std::string done;
    std::string active;
    std::string planned;
    std::string overdue;
    std::string non_working;
    std::string holiday;
};

struct GanttDrawing {
    std::string title;
    std::vector<GanttDrawingDay> days; // not empty
    std::string day_after;             // the date after the last day (mermaid's end)
    int today = 0;                     // index into days
    std::string today_label;
    std::vector<GanttSection> sections;
    // Weekdays the work week rests on, mermaid's names ("saturday", "sunday").
    std::vector<std::string> rest_weekdays;
    GanttLegend legend;
};

// The chart as a mermaid `gantt` diagram: dateFormat YYYY-MM-DD, a section per owner,
// `after` for dependencies, non-working weekdays and holidays excluded, today as a
// milestone (mermaid's own marker would show the day it is rendered on).
std::string gantt_mermaid(const GanttDrawing& drawing);

// The chart as a standalone SVG 1.1 document: a grid of days with their dates,
// non-working days shaded, one bar per task, today's line. No script and no web fonts.
// Day i's column is the rect with id "day-YYYY-MM-DD", k_gantt_day_width wide; task
// T1's bar is "bar-T1", spanning its days' columns; today's line, "today", runs
// through the middle of today's column.
std::string gantt_svg(const GanttDrawing& drawing);

constexpr int k_gantt_day_width = 24;

} // namespace collab::util
