#include <algorithm>
#include <collab/util/gantt_drawing.hpp>
#include <collab/util/text.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>
#include <iterator>
#include <map>

namespace collab::util {

namespace {

// The layout, in pixels. A display column of text is taken as 7 pixels at 12px: CJK
// characters, two columns, come out about square.
constexpr int k_day = k_gantt_day_width;
constexpr int k_row = 24;
constexpr int k_bar_height = 16;
constexpr int k_column_pixels = 7;
constexpr int k_margin = 8;
constexpr int k_title_y = 22;
constexpr int k_month_y = 44;
constexpr int k_days_top = 50; // the day columns start under the month labels
constexpr int k_day_label_y = 63;
constexpr int k_grid_top = 70; // the first row
constexpr int k_min_label_width = 160;

// CJK fonts first where installed (Linux, macOS, Windows), then any sans-serif: the
// file names fonts and embeds none.
constexpr const char* k_fonts = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
                                "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', "
                                "'DejaVu Sans', Arial, sans-serif";

constexpr const char* k_style = R"(text { fill: #222222; }
.title { font-size: 15px; font-weight: bold; }
.month { font-size: 11px; fill: #555555; }
.day-label { font-size: 10px; fill: #777777; text-anchor: middle; }
.day { fill: #ffffff; stroke: #ececec; }
.weekend { fill: #eeeeee; }
.holiday { fill: #fbdada; }
.owner { font-weight: bold; }
.section { fill: #f7f7fb; }
.planned { fill: #c9d6ea; stroke: #8aa2c8; }
.active { fill: #8ab4f8; stroke: #4a7fd4; }
.done { fill: #b7ddb0; stroke: #6aa860; }
.crit { fill: #f4a6a6; stroke: #d04545; }
.progress { fill: #000000; fill-opacity: 0.18; }
.percent { font-size: 10px; fill: #555555; }
.dep { fill: none; stroke: #777777; marker-end: url(#arrow); }
.today { stroke: #d00000; stroke-width: 2; }
.today-label { fill: #d00000; font-size: 11px; text-anchor: middle; }
)";

int text_pixels(std::string_view text) {
    return display_width(text) * k_column_pixels;
}

std::string_view bar_class(const GanttBarStyle& style) {
    if (style.crit) {
        return "crit";
    }
    if (style.done) {
        return "done";
    }
    return style.active ? "active" : "planned";
}

// Where things go: the label column's width and each row's top.
struct Layout {
    int grid_left = 0;
    int grid_bottom = 0;
    int width = 0;
    int height = 0;

    int day_x(int day) const { return grid_left + day * k_day; }
};

Layout layout_of(const GanttDrawing& drawing) {
    int labels = k_min_label_width;
    int rows = 0;
    for (const auto& section : drawing.sections) {
        labels = std::max(labels, text_pixels(section.label) + 2 * k_margin);
        ++rows;
        for (const auto& bar : section.bars) {
            labels = std::max(labels, text_pixels(bar.label) + 3 * k_margin);
            ++rows;
        }
    }
    Layout layout;
    layout.grid_left = labels;
    layout.grid_bottom = k_grid_top + rows * k_row;
    const int legend = [&] {
        int width = k_margin;
        for (const auto* word :
             {&drawing.legend.done, &drawing.legend.active, &drawing.legend.planned,
              &drawing.legend.overdue, &drawing.legend.non_working, &drawing.legend.holiday}) {
            width += 20 + text_pixels(*word) + 16;
        }
        return width;
    }();
    layout.width = std::max({layout.day_x(static_cast<int>(drawing.days.size())) + k_margin, legend,
                             text_pixels(drawing.title) + 2 * k_margin});
    layout.height = layout.grid_bottom + 56;
    return layout;
}

using Out = std::back_insert_iterator<std::string>;

void draw_days(Out out, const GanttDrawing& drawing, const Layout& layout) {
    fmt::format_to(out, "<g id=\"days\">\n");
    for (std::size_t i = 0; i < drawing.days.size(); ++i) {
        const auto& day = drawing.days[i];
        const int x = layout.day_x(static_cast<int>(i));
        const std::string_view shade =
            !day.holiday.empty() ? " holiday" : (day.working ? "" : " weekend");
        fmt::format_to(
            out, "<rect id=\"day-{}\" class=\"day{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            xml_escape(day.date), shade, x, k_days_top, k_day, layout.grid_bottom - k_days_top);
        if (day.holiday.empty()) {
            fmt::format_to(out, "/>\n");
        } else {
            fmt::format_to(out, "><title>{} {}</title></rect>\n", xml_escape(day.date),
                           xml_escape(day.holiday));
        }
        fmt::format_to(out, "<text class=\"day-label\" x=\"{}\" y=\"{}\">{}</text>\n",
                       x + k_day / 2, k_day_label_y, day.day_of_month);
        if (i == 0 || day.day_of_month == 1) {
            fmt::format_to(out, "<text class=\"month\" x=\"{}\" y=\"{}\">{}</text>\n", x + 2,
                           k_month_y, xml_escape(day.date.substr(0, 7)));
        }
    }
    fmt::format_to(out, "</g>\n");
}

// A bar's ends and middle, for the dependency arrows.
struct BarPlace {
    int left = 0;
    int right = 0;
    int middle = 0;
};

// An arrow from the end of a dependency's bar into the start of its dependant's. When
// the dependant starts right where the dependency ends (the usual case), the arrow
// turns back along the row boundary to come into the bar from the left.
std::string dependency_path(const BarPlace& from, const BarPlace& to) {
    constexpr int k_out = 6;
    if (to.left >= from.right + 2 * k_out) {
        return fmt::format("M {} {} h {} V {} H {}", from.right, from.middle, k_out, to.middle,
                           to.left);
    }
    const int boundary = to.middle > from.middle ? to.middle - k_row / 2 : to.middle + k_row / 2;
    return fmt::format("M {} {} h {} V {} H {} V {} H {}", from.right, from.middle, k_out, boundary,
                       to.left - 8, to.middle, to.left);
}

void draw_bar(Out out, const GanttBar& bar, const Layout& layout, int top) {
    const int x = layout.day_x(bar.first);
    const int width = (bar.last - bar.first + 1) * k_day;
    const int y = top + (k_row - k_bar_height) / 2;
    fmt::format_to(out, "<g class=\"task\"><title>{}</title>\n", xml_escape(bar.detail));
    fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{}</text>\n", 3 * k_margin, top + 16,
                   xml_escape(bar.label));
    fmt::format_to(out,
                   "<rect id=\"bar-{}\" class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                   "height=\"{}\" rx=\"3\"/>\n",
                   xml_escape(bar.id), bar_class(bar.style), x, y, width, k_bar_height);
    if (bar.percent > 0 && !bar.style.done) {
        fmt::format_to(out,
                       "<rect class=\"progress\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                       "rx=\"3\"/>\n",
                       x, y, width * std::min(bar.percent, 100) / 100, k_bar_height);
        fmt::format_to(out, "<text class=\"percent\" x=\"{}\" y=\"{}\">{}%</text>\n", x + width + 4,
                       top + 16, bar.percent);
    }
    fmt::format_to(out, "</g>\n");
}

void draw_rows(Out out, const GanttDrawing& drawing, const Layout& layout) {
    std::map<std::string, BarPlace> places;
    fmt::format_to(out, "<g id=\"tasks\">\n");
    int top = k_grid_top;
    for (const auto& section : drawing.sections) {
        fmt::format_to(out,
                       "<rect class=\"section\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                       top, layout.grid_left, k_row);
        fmt::format_to(out, "<text class=\"owner\" x=\"{}\" y=\"{}\">{}</text>\n", k_margin,
                       top + 16, xml_escape(section.label));
        top += k_row;
        for (const auto& bar : section.bars) {
            draw_bar(out, bar, layout, top);
            places[bar.id] = {layout.day_x(bar.first), layout.day_x(bar.last + 1), top + k_row / 2};
            top += k_row;
        }
    }
    fmt::format_to(out, "</g>\n<g id=\"dependencies\">\n");
    for (const auto& section : drawing.sections) {
        for (const auto& bar : section.bars) {
            for (const auto& id : bar.depends_on) {
                const auto from = places.find(id);
                if (from == places.end()) {
                    continue;
                }
                fmt::format_to(out, "<path class=\"dep\" d=\"{}\"/>\n",
                               dependency_path(from->second, places.at(bar.id)));
            }
        }
    }
    fmt::format_to(out, "</g>\n");
}

void draw_today(Out out, const GanttDrawing& drawing, const Layout& layout) {
    const int x = layout.day_x(drawing.today) + k_day / 2;
    fmt::format_to(out,
                   "<line id=\"today\" class=\"today\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                   x, k_days_top, x, layout.grid_bottom);
    fmt::format_to(out, "<text class=\"today-label\" x=\"{}\" y=\"{}\">{}</text>\n", x,
                   layout.grid_bottom + 14, xml_escape(drawing.today_label));
}

void draw_legend(Out out, const GanttDrawing& drawing, const Layout& layout) {
    const auto& legend = drawing.legend;
    const std::pair<std::string_view, const std::string*> items[] = {
        {"bar done", &legend.done},           {"bar active", &legend.active},
        {"bar planned", &legend.planned},     {"bar crit", &legend.overdue},
        {"day weekend", &legend.non_working}, {"day holiday", &legend.holiday},
    };
    const int y = layout.grid_bottom + 30;
    int x = k_margin;
    fmt::format_to(out, "<g id=\"legend\">\n");
    for (const auto& [shape, word] : items) {
        fmt::format_to(out, "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"14\" height=\"12\"/>\n",
                       shape, x, y);
        fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{}</text>\n", x + 20, y + 11,
                       xml_escape(*word));
        x += 20 + text_pixels(*word) + 16;
    }
    fmt::format_to(out, "</g>\n");
}

} // namespace

std::string gantt_svg(const GanttDrawing& drawing) {
    const auto layout = layout_of(drawing);
    std::string text;
    auto out = std::back_inserter(text);
    fmt::format_to(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    fmt::format_to(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" "
                   "height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"{2}\" font-size=\"12\">\n",
                   layout.width, layout.height, k_fonts);
    fmt::format_to(out, "<title>{}</title>\n", xml_escape(drawing.title));
    fmt::format_to(out, "<style type=\"text/css\"><![CDATA[\n{}]]></style>\n", k_style);
    fmt::format_to(out, "<defs><marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" "
                        "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                        "<path d=\"M 0 0 L 6 3 L 0 6 z\" fill=\"#777777\"/></marker></defs>\n");
    fmt::format_to(out, "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
                   layout.width, layout.height);
    fmt::format_to(out, "<text class=\"title\" x=\"{}\" y=\"{}\">{}</text>\n", k_margin, k_title_y,
                   xml_escape(drawing.title));
    draw_days(out, drawing, layout);
    draw_rows(out, drawing, layout);
    draw_today(out, drawing, layout);
    draw_legend(out, drawing, layout);
    fmt::format_to(out, "</svg>\n");
    return text;
}

} // namespace collab::util
