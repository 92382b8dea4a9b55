#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// A horizontal bar chart ready to draw: every text already in the reader's language.
// What it shows is decided elsewhere (`collab stats`); this only lays it out.
struct ChartBar {
    std::string label; // "Tasks delivered on time"
    double value = 0;  // the bar's length, against BarChart::max
    std::string shown; // the number written after the bar: "67%", "2.5"
};

struct BarChart {
    std::string id;    // the svg element's id: "chart-shares"
    std::string title; // its accessible name (<title>); the page shows the heading
    std::vector<ChartBar> bars;
    double max = 0; // the full scale; 0: the largest value (or 1 when every value is 0)
};

// The chart as an inline <svg> element for an HTML page (no XML declaration, no
// script, no style sheet of its own: colours as attributes, so that two charts and a
// page's CSS do not meet). One row per bar: the label, the bar, the shown number.
// Negative values draw as empty bars. Every text is escaped.
std::string bar_chart_svg(const BarChart& chart);

// An SVG document (a file's text, as util::gantt_svg writes) as an element to put
// inside an HTML page: the XML declaration before <svg dropped.
std::string_view svg_element(std::string_view document);

} // namespace collab::util
