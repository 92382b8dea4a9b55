// Draws a util::BarChart as inline SVG (util/bar_chart_svg.hpp).
#include <algorithm>
#include <collab/util/bar_chart_svg.hpp>
#include <collab/util/text.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>

namespace collab::util {

namespace {

// The layout, in pixels; a display column of 12px text is taken as 7 pixels, so CJK
// labels (two columns a character) get the room they need.
constexpr int k_chart_row = 26;
constexpr int k_chart_bar = 16;
constexpr int k_chart_column = 7;
constexpr int k_chart_margin = 8;
constexpr int k_chart_top = 4; // the first row's top
constexpr int k_chart_bar_width = 320;
constexpr int k_chart_min_label = 120;

int chart_text_pixels(std::string_view text) {
    return display_width(text) * k_chart_column;
}

double full_scale(const BarChart& chart) {
    if (chart.max > 0) {
        return chart.max;
    }
    double largest = 0;
    for (const auto& bar : chart.bars) {
        largest = std::max(largest, bar.value);
    }
    return largest > 0 ? largest : 1;
}

} // namespace

std::string bar_chart_svg(const BarChart& chart) {
    int labels = k_chart_min_label;
    int numbers = 0;
    for (const auto& bar : chart.bars) {
        labels = std::max(labels, chart_text_pixels(bar.label));
        numbers = std::max(numbers, chart_text_pixels(bar.shown));
    }
    const int bar_left = k_chart_margin + labels + k_chart_margin;
    const int width = bar_left + k_chart_bar_width + k_chart_margin + numbers + k_chart_margin;
    const int height =
        k_chart_top + static_cast<int>(chart.bars.size()) * k_chart_row + k_chart_margin;
    const double scale = full_scale(chart);
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" role=\"img\" "
        "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"sans-serif\" "
        "font-size=\"12\">\n<title>{}</title>\n",
        xml_escape(chart.id), width, height, width, height, xml_escape(chart.title));
    int top = k_chart_top;
    for (const auto& bar : chart.bars) {
        const double share = std::clamp(bar.value / scale, 0.0, 1.0);
        const auto length = static_cast<int>(share * k_chart_bar_width + 0.5);
        const int middle = top + k_chart_row / 2;
        out += fmt::format("<g class=\"bar\"><text x=\"{}\" y=\"{}\" fill=\"#222222\" "
                           "text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
                           bar_left - k_chart_margin, middle, xml_escape(bar.label));
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f4f6\"/>",
                           bar_left, middle - k_chart_bar / 2, k_chart_bar_width, k_chart_bar);
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4a7fd4\"/>",
                           bar_left, middle - k_chart_bar / 2, length, k_chart_bar);
        out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222222\" "
                           "dominant-baseline=\"middle\">{}</text></g>\n",
                           bar_left + k_chart_bar_width + k_chart_margin, middle,
                           xml_escape(bar.shown));
        top += k_chart_row;
    }
    return out + "</svg>\n";
}

std::string_view svg_element(std::string_view document) {
    const auto start = document.find("<svg");
    return start == std::string_view::npos ? document : document.substr(start);
}

} // namespace collab::util
