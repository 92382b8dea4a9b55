#include <collab/time/calendar_file.hpp>
#include <collab/yaml/map_reader.hpp>
#include <date/date.h>

namespace collab::time {

namespace {

using i18n::msg;

// The years a calendar file may name: four digits, so that file names and dates
// (YYYY-MM-DD) agree.
constexpr int k_min_year = 1000;
constexpr int k_max_year = 9999;

// A make-up day and where it was written, kept until every holiday is read so
// that it can be checked against all of them, not only its own.
struct WrittenWorkday {
    Date day;
    SourceLocation where;
};

// Shared state of one file's reading: where to report, and the year dates must be in.
struct Reader {
    const std::string& path;
    Diagnostics& out;
    std::optional<int> year;

    // A date written as a scalar, checked to be real and within the file's year.
    std::optional<Date> date_at(const yaml::Node& node) {
        const auto where = yaml::location(path, node);
        if (!node.is_scalar()) {
            out.error(where, msg("time.calendar.date_not_text"));
            return std::nullopt;
        }
        const auto day = parse_date(node.scalar());
        if (!day) {
            out.error(where, msg("time.bad_date", node.scalar()));
            return std::nullopt;
        }
        if (year && static_cast<int>(day->year()) != *year && !in_spill_over(*day, *year)) {
            out.error(where, msg("time.calendar.date_outside_year", node.scalar(), *year));
            return std::nullopt;
        }
        return day;
    }

    // A required date field of a holiday map; MapReader reports it when missing.
    std::optional<Date> date_field(yaml::MapReader& fields, std::string_view key) {
        const yaml::Node* node = fields.optional(key);
        if (node == nullptr) {
            fields.required(key);
            return std::nullopt;
        }
        return date_at(*node);
    }

    std::optional<int> read_year(yaml::MapReader& fields) {
        const yaml::Node* node = fields.optional("year");
        const auto text = fields.required_string("year");
        if (node == nullptr || !text) {
            return std::nullopt;
        }
        int value = 0;
        bool digits = text->size() == 4;
        for (const char c : *text) {
            digits = digits && c >= '0' && c <= '9';
            value = digits ? value * 10 + (c - '0') : 0;
        }
        if (!digits || value < k_min_year || value > k_max_year) {
            out.error(yaml::location(path, *node), msg("time.calendar.bad_year", *text));
            return std::nullopt;
        }
        return value;
    }

    std::optional<Holiday> read_holiday(const yaml::Node& node,
                                        std::vector<WrittenWorkday>& workdays) {
        yaml::MapReader fields(node, path, out);
        if (!fields.is_map()) {
            return std::nullopt;
        }
        const auto name = fields.required_string("name");
        const auto from = date_field(fields, "from");
        const auto to = date_field(fields, "to");
        Holiday holiday;
        bool complete = name && from && to;
        if (from && to && date::sys_days{*to} < date::sys_days{*from}) {
            out.error(yaml::location(path, *fields.optional("to")),
                      msg("time.calendar.to_before_from", format_date(*to), format_date(*from)));
            complete = false;
        }
        // A lone date is accepted for a single make-up day; an empty value means none.
        if (const yaml::Node* list = fields.optional("workdays"); list != nullptr) {
            const auto read_one = [&](const yaml::Node& item) {
                if (const auto day = date_at(item)) {
                    holiday.workdays.push_back(*day);
                    workdays.push_back({*day, yaml::location(path, item)});
                } else {
                    complete = false;
                }
            };
            if (list->is_sequence()) {
                for (const auto& item : list->items()) {
                    read_one(item);
                }
            } else if (!list->is_null()) {
                read_one(*list);
            }
        }
        fields.finish();
        if (!complete) {
            return std::nullopt;
        }
        holiday.name = *name;
        holiday.from = *from;
        holiday.to = *to;
        if (!check_spill_over(holiday, fields)) {
            return std::nullopt;
        }
        return holiday;
    }

    // Dates in the previous December are accepted by date_at only in its last week;
    // here they must also belong to the holiday that reaches 1 January.
    bool check_spill_over(const Holiday& holiday, yaml::MapReader& fields) {
        if (!year || reaches_new_year(holiday, *year)) {
            return true;
        }
        bool ok = true;
        const auto report = [&](Date day, const yaml::Node& node) {
            out.error(yaml::location(path, node),
                      msg("time.calendar.spill_over", format_date(day), *year, *year - 1));
            ok = false;
        };
        if (static_cast<int>(holiday.from.year()) != *year) {
            report(holiday.from, *fields.optional("from"));
        }
        if (const yaml::Node* list = fields.optional("workdays"); list != nullptr) {
            const auto check = [&](const yaml::Node& item) {
                const auto day = parse_date(item.scalar());
                if (day && static_cast<int>(day->year()) != *year) {
                    report(*day, item);
                }
            };
            if (list->is_sequence()) {
                for (const auto& item : list->items()) {
                    check(item);
                }
            } else if (list->is_scalar()) {
                check(*list);
            }
        }
        return ok;
    }

    // A make-up day must not be a day off (the calendar would contradict itself), and
    // should be a weekend day (else it changes nothing, which suggests a typo).
    void check_workdays(const std::vector<WrittenWorkday>& workdays,
                        const std::vector<Holiday>& holidays) {
        const auto standard_week = default_work_week();
        for (const auto& workday : workdays) {
            const auto day = date::sys_days{workday.day};
            for (const auto& holiday : holidays) {
                if (date::sys_days{holiday.from} <= day && day <= date::sys_days{holiday.to}) {
                    out.error(workday.where,
                              msg("time.calendar.workday_in_holiday", format_date(workday.day),
                                  holiday.name, format_date(holiday.from),
                                  format_date(holiday.to)));
                }
            }
            if (standard_week[date::weekday{day}.c_encoding()]) {
                out.warning(workday.where,
                            msg("time.calendar.workday_on_weekday", format_date(workday.day)));
            }
        }
    }
};

bool has_errors_since(const Diagnostics& out, std::size_t start) {
    const auto& items = out.items();
    for (std::size_t i = start; i < items.size(); ++i) {
        if (items[i].severity == Severity::error) {
            return true;
        }
    }
    return false;
}

} // namespace

bool in_spill_over(Date day, int year) {
    return static_cast<int>(day.year()) == year - 1 && day.month() == date::December &&
           static_cast<unsigned>(day.day()) >= k_spill_over_first_day;
}

bool reaches_new_year(const Holiday& holiday, int year) {
    const auto new_year = date::sys_days{date::year{year} / date::January / 1};
    return date::sys_days{holiday.from} <= new_year && new_year <= date::sys_days{holiday.to};
}

std::optional<CalendarYear> read_calendar_year(const yaml::Node& root, const std::string& path,
                                               Diagnostics& out) {
    const std::size_t start = out.size();
    yaml::MapReader fields(root, path, out);
    if (!fields.is_map()) {
        return std::nullopt;
    }
    Reader reader{path, out, std::nullopt};
    reader.year = reader.read_year(fields);

    CalendarYear calendar;
    calendar.path = path;
    calendar.region = fields.optional_string("region").value_or("");
    calendar.source = fields.optional_string("source").value_or("");
    if (fields.optional("papers") != nullptr) {
        calendar.papers = fields.string_list("papers");
    }

    std::vector<WrittenWorkday> workdays;
    if (const yaml::Node* list = fields.required("holidays"); list != nullptr) {
        if (list->is_sequence()) {
            for (const auto& item : list->items()) {
                if (auto holiday = reader.read_holiday(item, workdays)) {
                    calendar.holidays.push_back(std::move(*holiday));
                }
            }
        } else if (!list->is_null()) {
            // `holidays:` with nothing after it is an empty list, a year with none.
            out.error(yaml::location(path, *list), msg("time.calendar.holidays_not_list"));
        }
    }
    reader.check_workdays(workdays, calendar.holidays);
    fields.finish();

    if (!reader.year || has_errors_since(out, start)) {
        return std::nullopt;
    }
    calendar.year = *reader.year;
    return calendar;
}

} // namespace collab::time
