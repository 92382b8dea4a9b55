#include <algorithm>
#include <collab/time/calendar_file.hpp>
#include <collab/time/holiday_import.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/writer.hpp>
#include <fmt/format.h>
#include <map>
#include <set>

namespace collab::time {

namespace {

using i18n::msg;

// The same limits as every YAML file: an official file is a few kilobytes.
constexpr std::size_t k_max_bytes = 1024 * 1024;
// One iCalendar event spans at most this many days (the longest real break is nine).
constexpr int k_max_event_days = 31;

// One date a file lists: a day off or a make-up working day of a named holiday.
struct ListedDay {
    std::string name;
    Date date;
    bool off = true;
    SourceLocation where;
};

// What both file forms come down to before the holidays are built.
struct ListedYear {
    std::optional<int> year;
    std::vector<std::string> papers;
    std::vector<ListedDay> days;
};

bool is_weekend(date::sys_days day) {
    const auto weekday = date::weekday{day};
    return weekday == date::Saturday || weekday == date::Sunday;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// ---- holiday-cn JSON ---------------------------------------------------------------

std::optional<int> read_year(yaml::MapReader& fields, const std::string& path, Diagnostics& out) {
    const yaml::Node* node = fields.required("year");
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto& text = node->scalar();
    bool digits = node->is_scalar() && !node->quoted() && text.size() == 4;
    int value = 0;
    for (const char c : text) {
        digits = digits && c >= '0' && c <= '9';
        value = value * 10 + (c - '0');
    }
    if (!digits || value < 1000) {
        out.error(yaml::location(path, *node), msg("time.import.bad_year", text));
        return std::nullopt;
    }
    return value;
}

std::optional<ListedDay> read_day(const yaml::Node& node, const std::string& path,
                                  Diagnostics& out) {
    yaml::MapReader fields(node, path, out);
    if (!fields.is_map()) {
        out.error(yaml::location(path, node), msg("time.import.day_not_map"));
        return std::nullopt;
    }
    ListedDay day;
    day.where = yaml::location(path, node);
    const auto name = fields.required_string("name");
    bool ok = name.has_value();
    std::optional<Date> date;
    if (const yaml::Node* value = fields.required("date"); value != nullptr) {
        date = value->is_scalar() ? parse_date(value->scalar()) : std::nullopt;
        if (!date) {
            out.error(yaml::location(path, *value), msg("time.import.bad_date", value->scalar()));
        }
    }
    ok = ok && date.has_value();
    if (const yaml::Node* value = fields.required("isOffDay"); value != nullptr) {
        // JSON's true and false, never the strings "true" and "false".
        const bool boolean = value->is_scalar() && !value->quoted() &&
                             (value->scalar() == "true" || value->scalar() == "false");
        if (!boolean) {
            out.error(yaml::location(path, *value), msg("time.import.bad_off_day"));
            ok = false;
        } else {
            day.off = value->scalar() == "true";
        }
    } else {
        ok = false;
    }
    fields.finish();
    if (!ok) {
        return std::nullopt;
    }
    day.name = *name;
    day.date = *date;
    return day;
}

std::optional<ListedYear> read_holiday_cn(std::string_view text, const std::string& path,
                                          Diagnostics& out) {
    // JSON is YAML: the trusted reader applies its limits and reports path:line:col.
    const auto root = yaml::parse(text, path, out, yaml::Limits{k_max_bytes, 16});
    if (!root) {
        return std::nullopt;
    }
    if (!root->is_map()) {
        out.error(yaml::location(path, *root), msg("time.import.not_holiday_cn"));
        return std::nullopt;
    }
    yaml::MapReader fields(*root, path, out);
    fields.optional("$schema");
    fields.optional("$id");
    ListedYear listed;
    listed.year = read_year(fields, path, out);
    if (fields.optional("papers") != nullptr) {
        listed.papers = fields.string_list("papers");
    }
    bool ok = listed.year.has_value();
    if (const yaml::Node* days = fields.required("days"); days == nullptr) {
        ok = false;
    } else if (!days->is_sequence()) {
        out.error(yaml::location(path, *days), msg("time.import.days_not_list"));
        ok = false;
    } else if (days->items().empty()) {
        out.error(yaml::location(path, *days), msg("time.import.no_days", listed.year.value_or(0)));
        ok = false;
    } else {
        for (const auto& item : days->items()) {
            if (auto day = read_day(item, path, out)) {
                listed.days.push_back(std::move(*day));
            } else {
                ok = false;
            }
        }
    }
    fields.finish();
    if (!ok) {
        return std::nullopt;
    }
    return listed;
}

// ---- iCalendar ---------------------------------------------------------------------

// One content line after unfolding: NAME;PARAMS:VALUE and the line it began on.
struct ContentLine {
    std::string name;   // upper case as written (iCalendar names are upper case)
    std::string params; // ";VALUE=DATE", kept whole
    std::string value;
    int line = 0;
};

// RFC 5545 3.1: a line beginning with a space or a tab continues the previous one.
std::vector<ContentLine> unfold(std::string_view text) {
    std::vector<std::pair<std::string, int>> logical;
    int number = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto line = text.substr(at, end - at);
        at = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !logical.empty()) {
            logical.back().first.append(line.substr(1));
        } else if (!line.empty()) {
            logical.emplace_back(std::string(line), number);
        }
    }
    std::vector<ContentLine> lines;
    for (auto& [line, start] : logical) {
        const auto colon = line.find(':');
        ContentLine content;
        content.line = start;
        const auto head = line.substr(0, colon);
        const auto semicolon = head.find(';');
        content.name = head.substr(0, semicolon);
        content.params = semicolon == std::string::npos ? "" : head.substr(semicolon);
        content.value = colon == std::string::npos ? "" : line.substr(colon + 1);
        lines.push_back(std::move(content));
    }
    return lines;
}

// TEXT values escape \\, \; \, and \n (RFC 5545 3.3.11).
std::string unescape(std::string_view value) {
    std::string text;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            ++i;
            text += value[i] == 'n' || value[i] == 'N' ? '\n' : value[i];
        } else {
            text += value[i];
        }
    }
    return text;
}

// An all-day date: VALUE=DATE and YYYYMMDD.
std::optional<Date> ics_date(const ContentLine& line) {
    if (line.params.find("VALUE=DATE") == std::string::npos || line.value.size() != 8 ||
        line.params.find("VALUE=DATE-TIME") != std::string::npos) {
        return std::nullopt;
    }
    const auto& v = line.value;
    return parse_date(v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2));
}

// "春节假期" -> "春节"; "上班(补春节假期)" -> "春节" (a make-up day).
std::pair<std::string, bool> holiday_of_summary(std::string summary) {
    static constexpr std::string_view k_work = "上班";
    const bool off = !std::string_view(summary).starts_with(k_work);
    if (!off) {
        summary.erase(0, k_work.size());
        for (std::string_view part : {"(", "（", "补"}) {
            if (std::string_view(summary).starts_with(part)) {
                summary.erase(0, part.size());
            }
        }
        for (std::string_view part : {")", "）"}) {
            if (ends_with(summary, part)) {
                summary.erase(summary.size() - part.size());
            }
        }
    }
    if (ends_with(summary, "假期")) {
        summary.erase(summary.size() - std::string_view("假期").size());
    }
    return {summary, off};
}

struct Event {
    int line = 0;
    std::optional<std::string> summary;
    const ContentLine* start = nullptr;
    const ContentLine* end = nullptr;
};

bool add_event(const Event& event, const std::string& path, ListedYear& listed, Diagnostics& out) {
    const SourceLocation where{path, event.line, 0};
    if (!event.summary || event.start == nullptr) {
        out.error(where, msg("time.import.ics_incomplete_event"));
        return false;
    }
    const auto from = ics_date(*event.start);
    if (!from) {
        out.error({path, event.start->line, 0},
                  msg("time.import.ics_not_date", "DTSTART", event.start->value));
        return false;
    }
    auto to = date::sys_days{*from} + date::days{1};
    if (event.end != nullptr) {
        const auto end = ics_date(*event.end);
        if (!end) {
            out.error({path, event.end->line, 0},
                      msg("time.import.ics_not_date", "DTEND", event.end->value));
            return false;
        }
        to = date::sys_days{*end};
    }
    const auto length = (to - date::sys_days{*from}).count();
    if (length < 1 || length > k_max_event_days) {
        out.error(where, msg("time.import.ics_bad_length", format_date(*from),
                             format_date(Date{to}), k_max_event_days));
        return false;
    }
    const auto [name, off] = holiday_of_summary(*event.summary);
    for (auto day = date::sys_days{*from}; day < to; day += date::days{1}) {
        listed.days.push_back({name, Date{day}, off, where});
    }
    return true;
}

std::optional<ListedYear> read_icalendar(std::string_view text, const std::string& path,
                                         Diagnostics& out) {
    if (text.size() > k_max_bytes) {
        out.error({path, 0, 0}, msg("time.import.too_big", k_max_bytes));
        return std::nullopt;
    }
    const auto lines = unfold(text);
    ListedYear listed;
    bool ok = true;
    std::optional<Event> event;
    int nested = 0; // components inside an event (VALARM), skipped
    for (const auto& line : lines) {
        if (line.name == "BEGIN") {
            if (line.value == "VEVENT" && !event) {
                event = Event{line.line, std::nullopt, nullptr, nullptr};
            } else if (event) {
                ++nested;
            }
        } else if (line.name == "END" && event) {
            if (nested > 0) {
                --nested;
            } else {
                ok = add_event(*event, path, listed, out) && ok;
                event.reset();
            }
        } else if (event && nested == 0) {
            if (line.name == "SUMMARY") {
                event->summary = unescape(line.value);
            } else if (line.name == "DTSTART") {
                event->start = &line;
            } else if (line.name == "DTEND") {
                event->end = &line;
            }
        }
    }
    if (event) {
        out.error({path, event->line, 0}, msg("time.import.ics_incomplete_event"));
        ok = false;
    }
    if (ok && listed.days.empty()) {
        out.error({path, 0, 0}, msg("time.import.no_days", 0));
        ok = false;
    }
    if (!ok) {
        return std::nullopt;
    }
    // The file's year is the latest year it names: a New Year holiday may reach back
    // into December, never forward.
    int year = 0;
    for (const auto& day : listed.days) {
        year = std::max(year, static_cast<int>(day.date.year()));
    }
    listed.year = year;
    return listed;
}

// ---- building the holidays ---------------------------------------------------------

// The days off of one name in a row, while they are being grouped.
struct Group {
    std::string name;
    date::sys_days from;
    date::sys_days to;
    std::vector<Date> workdays;
};

// Can a holiday of `to` reach `next` over the days between? Only when those are
// Saturdays and Sundays that the file does not list (holiday-cn leaves them out).
bool bridges(date::sys_days to, date::sys_days next, const std::set<date::sys_days>& listed) {
    for (auto day = to + date::days{1}; day < next; day += date::days{1}) {
        if (!is_weekend(day) || listed.count(day) != 0) {
            return false;
        }
    }
    return true;
}

std::optional<CalendarYear> build(ListedYear listed, const std::string& path,
                                  const std::string& source, Diagnostics& out) {
    const int year = *listed.year;
    const std::size_t errors_before = out.size();
    std::stable_sort(listed.days.begin(), listed.days.end(), [](const auto& a, const auto& b) {
        return date::sys_days{a.date} < date::sys_days{b.date};
    });
    std::vector<ListedDay> days;
    std::set<date::sys_days> all;
    for (const auto& day : listed.days) {
        if (static_cast<int>(day.date.year()) != year && !in_spill_over(day.date, year)) {
            out.error(day.where,
                      msg("time.import.outside_year", format_date(day.date), year, year - 1));
            continue;
        }
        if (!days.empty() && date::sys_days{days.back().date} == date::sys_days{day.date}) {
            const auto& first = days.back();
            out.error(day.where,
                      first.off == day.off
                          ? msg("time.import.twice", format_date(day.date), first.where.line)
                          : msg("time.import.on_and_off", format_date(day.date), first.where.line));
            continue;
        }
        days.push_back(day);
        all.insert(date::sys_days{day.date});
    }

    std::vector<Group> groups;
    for (const auto& day : days) {
        const auto serial = date::sys_days{day.date};
        if (!day.off) {
            continue;
        }
        if (!groups.empty() && groups.back().name == day.name &&
            bridges(groups.back().to, serial, all)) {
            groups.back().to = serial;
        } else {
            groups.push_back({day.name, serial, serial, {}});
        }
    }
    // Each make-up day joins the nearest holiday of its name.
    for (const auto& day : days) {
        const auto serial = date::sys_days{day.date};
        Group* nearest = nullptr;
        long best = 0;
        for (auto& group : groups) {
            if (group.name != day.name) {
                continue;
            }
            const long distance =
                serial < group.from ? (group.from - serial).count() : (serial - group.to).count();
            if (nearest == nullptr || std::labs(distance) < best) {
                nearest = &group;
                best = std::labs(distance);
            }
            if (day.off && group.from <= serial && serial <= group.to) {
                nearest = &group;
                break;
            }
        }
        // A "working day" on Monday to Friday changes nothing (2020.json lists Monday
        // 02-03, the end of the extended Spring Festival): left out, as the calendar
        // reader would warn about it.
        if (!day.off && !is_weekend(serial)) {
            continue;
        }
        if (!day.off) {
            if (nearest == nullptr) {
                out.error(day.where,
                          msg("time.import.orphan_workday", format_date(day.date), day.name));
                continue;
            }
            nearest->workdays.push_back(day.date);
        }
        // The New Year spill-over: a December day must belong to a holiday that runs
        // into 1 January of the file's year.
        if (static_cast<int>(day.date.year()) != year && nearest != nullptr) {
            const Holiday span{nearest->name, Date{nearest->from}, Date{nearest->to}, {}};
            if (!reaches_new_year(span, year)) {
                out.error(day.where,
                          msg("time.calendar.spill_over", format_date(day.date), year, year - 1));
            }
        }
    }
    for (std::size_t i = errors_before; i < out.size(); ++i) {
        if (out.items()[i].severity == Severity::error) {
            return std::nullopt;
        }
    }

    CalendarYear calendar;
    calendar.year = year;
    calendar.region = "CN";
    calendar.path = path;
    calendar.source = source;
    calendar.papers = std::move(listed.papers);
    for (const auto& group : groups) {
        const auto english = english_holiday_name(group.name);
        calendar.holidays.push_back({english.empty() ? group.name : group.name + " " + english,
                                     Date{group.from}, Date{group.to}, group.workdays});
    }
    return calendar;
}

// Text for a comment line: a line break in a file or holiday name must not end the
// comment and smuggle a key into the file.
std::string comment_safe(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    }
    return out;
}

} // namespace

HolidayFormat detect_holiday_format(std::string_view text) {
    if (std::string_view(text).starts_with("\xEF\xBB\xBF")) { // a byte order mark
        text.remove_prefix(3);
    }
    while (!text.empty() && (text[0] == ' ' || text[0] == '\r' || text[0] == '\n')) {
        text.remove_prefix(1);
    }
    return std::string_view(text).starts_with("BEGIN:VCALENDAR") ? HolidayFormat::icalendar
                                                                 : HolidayFormat::holiday_cn_json;
}

std::optional<CalendarYear> import_holidays(std::string_view text, const std::string& path,
                                            const std::string& source, Diagnostics& out) {
    auto listed = detect_holiday_format(text) == HolidayFormat::icalendar
                      ? read_icalendar(text, path, out)
                      : read_holiday_cn(text, path, out);
    if (!listed) {
        return std::nullopt;
    }
    return build(std::move(*listed), path, source, out);
}

std::string english_holiday_name(std::string_view chinese) {
    // The names the notices have used since 2007 (holiday-cn keeps them as written).
    static const std::map<std::string_view, std::string_view> names = {
        {"元旦", "New Year's Day"},
        {"春节", "Spring Festival"},
        {"清明节", "Qingming Festival"},
        {"劳动节", "Labour Day"},
        {"“五一”", "Labour Day"},
        {"“五一”国际劳动节", "Labour Day"},
        {"端午节", "Dragon Boat Festival"},
        {"中秋节", "Mid-Autumn Festival"},
        {"国庆节", "National Day"},
        {"“十一”", "National Day"},
        {"中秋节、国庆节", "Mid-Autumn Festival and National Day"},
        {"国庆节、中秋节", "National Day and Mid-Autumn Festival"},
        {"抗日战争暨世界反法西斯战争胜利70周年纪念日", "Victory Day, 70th anniversary"},
    };
    const auto found = names.find(chinese);
    return found == names.end() ? std::string() : std::string(found->second);
}

std::string render_calendar_year(const CalendarYear& year) {
    std::string text;
    text += fmt::format(
        "# Working-day calendar: mainland China public holidays of {0}, imported with\n"
        "# `collab calendar import` from {1}; `papers` lists the State Council notices.\n"
        "# collab counts every deadline in working days: the work week, minus the days off\n"
        "# below, plus the weekend days worked instead (workdays, 调休上班).\n"
        "# 工作日日历：{0} 年中国大陆法定节假日，由 collab calendar import 从 {1} 导入；\n"
        "# papers 是国务院的通知。\n",
        year.year, year.source.empty() ? std::string("a file") : comment_safe(year.source));
    for (const auto& holiday : year.holidays) {
        if (static_cast<int>(holiday.from.year()) != year.year) {
            text += fmt::format(
                "#\n# {0} begins in December {1}: those days belong to {2}'s New Year holiday\n"
                "# (the New Year spill-over, see collab(5)).\n"
                "# {0} 从 {1} 年 12 月开始：这些日子属于 {2} 年的元旦假期。\n",
                comment_safe(holiday.name), year.year - 1, year.year);
        }
    }
    text += fmt::format("year: {}\nregion: {}\n", year.year, yaml::quote_scalar(year.region));
    if (!year.source.empty()) {
        text += "source: " + yaml::quote_scalar(year.source) + "\n";
    }
    if (!year.papers.empty()) {
        text += "papers:\n";
        for (const auto& paper : year.papers) {
            text += "  - " + yaml::quote_scalar(paper) + "\n";
        }
    }
    text += year.holidays.empty() ? "holidays: []\n" : "holidays:\n";
    for (const auto& holiday : year.holidays) {
        text += "  - name: " + yaml::quote_scalar(holiday.name) + "\n";
        text += "    from: " + format_date(holiday.from) + "\n";
        text += "    to: " + format_date(holiday.to) + "\n";
        std::string workdays;
        for (const auto& day : holiday.workdays) {
            workdays += (workdays.empty() ? "" : ", ") + format_date(day);
        }
        text += "    workdays: [" + workdays + "]\n";
    }
    return text;
}

} // namespace collab::time
