#include <algorithm>
#include <collab/util/gantt_drawing.hpp>
#include <fmt/format.h>

namespace collab::util {

namespace {

// Text safe in a mermaid line: mermaid reads ':' as the start of a task's data, '#'
// and ';' as entity codes and statement ends, so they go as entity codes, which
// mermaid turns back into the characters; line breaks and other controls go as spaces.
std::string mermaid_text(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case ':':
            out += "#58;";
            break;
        case ';':
            out += "#59;";
            break;
        case '#':
            out += "#35;";
            break;
        default:
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string excludes(const GanttDrawing& drawing) {
    std::vector<std::string> parts;
    auto weekdays = drawing.rest_weekdays;
    std::sort(weekdays.begin(), weekdays.end());
    if (weekdays == std::vector<std::string>{"saturday", "sunday"}) {
        parts.emplace_back("weekends");
    } else {
        parts = drawing.rest_weekdays;
    }
    for (const auto& day : drawing.days) {
        if (!day.holiday.empty()) {
            parts.push_back(day.date);
        }
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string tags(const GanttBarStyle& style) {
    std::string out;
    for (const auto& [on, tag] : {std::pair{style.crit, "crit"}, std::pair{style.done, "done"},
                                  std::pair{style.active, "active"}}) {
        if (on) {
            out += tag;
            out += ", ";
        }
    }
    return out;
}

std::string task_line(const GanttDrawing& drawing, const GanttBar& bar) {
    // Mermaid's end date is exclusive: the bar stops where that day begins, so the
    // day after the last one.
    const auto next = static_cast<std::size_t>(bar.last) + 1;
    const auto& end = next < drawing.days.size() ? drawing.days[next].date : drawing.day_after;
    const auto start = bar.after.empty() ? drawing.days[static_cast<std::size_t>(bar.first)].date
                                         : fmt::format("after {}", fmt::join(bar.after, " "));
    return fmt::format("    {} :{}{}, {}, {}\n", mermaid_text(bar.label), tags(bar.style),
                       mermaid_text(bar.id), start, end);
}

} // namespace

std::string gantt_mermaid(const GanttDrawing& drawing) {
    std::string out = "gantt\n";
    out += fmt::format("    title {}\n", mermaid_text(drawing.title));
    out += "    dateFormat YYYY-MM-DD\n";
    out += "    axisFormat %m-%d\n";
    out += "    todayMarker off\n";
    if (const auto excluded = excludes(drawing); !excluded.empty()) {
        out += fmt::format("    excludes {}\n", excluded);
    }
    for (const auto& section : drawing.sections) {
        out += fmt::format("    section {}\n", mermaid_text(section.label));
        for (const auto& bar : section.bars) {
            out += task_line(drawing, bar);
        }
    }
    out += fmt::format("    section {}\n", mermaid_text(drawing.today_label));
    out += fmt::format("    {} :milestone, today, {}, 0d\n", mermaid_text(drawing.today_label),
                       drawing.days[static_cast<std::size_t>(drawing.today)].date);
    return out;
}

} // namespace collab::util
