#include <algorithm>
#include <collab/time/calendar.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <utility>

namespace collab::time {

namespace {

// The longest run of consecutive non-working days add() will scan before giving up.
// Real calendars never come close (the longest Chinese break is nine days); only a
// work week with no days at all, and no make-up days ahead, gets here. Ten years is
// far beyond any real gap and still returns in well under a millisecond.
constexpr int k_max_gap_days = 3660;

// Returned by add() when it gave up scanning (see k_max_gap_days): no real year is
// negative, so callers can tell this apart from a genuinely uncovered year.
constexpr int k_no_working_day_year = -1;

} // namespace

WorkWeek default_work_week() {
    return {false, true, true, true, true, true, false};
}

Calendar::Calendar(WorkWeek work_week, std::vector<CalendarYear> years, UncoveredYears policy)
    : m_work_week(work_week), m_years(std::move(years)), m_policy(policy) {
    for (const auto& year : m_years) {
        m_covered.insert(year.year);
        for (const auto& holiday : year.holidays) {
            for (auto day = date::sys_days{holiday.from}; day <= date::sys_days{holiday.to};
                 day += date::days{1}) {
                m_off.insert(day);
            }
            for (const auto& worked : holiday.workdays) {
                m_worked.insert(date::sys_days{worked});
            }
        }
    }
}

bool Calendar::covers(int year) const {
    return m_covered.count(year) != 0;
}

CalendarResult<bool> Calendar::is_working_day(Date day) const {
    const auto serial = date::sys_days{day};
    const int year = static_cast<int>(day.year());
    if (!covers(year) && m_policy == UncoveredYears::error) {
        return UncoveredYear{year};
    }
    // The sets hold only days some file listed; a spill-over day listed by next
    // year's file counts even when its own year is counted by the work week alone.
    if (m_worked.count(serial) != 0) {
        return true;
    }
    if (m_off.count(serial) != 0) {
        return false;
    }
    return m_work_week[date::weekday{serial}.c_encoding()];
}

CalendarResult<Date> Calendar::add(Date from, int n) const {
    auto day = date::sys_days{from};
    // With n == 0 the start itself counts, so scanning begins there rather than a day on.
    const auto step = date::days{n < 0 ? -1 : 1};
    if (n != 0) {
        day += step;
    }
    // long long: std::abs(INT_MIN) would overflow an int.
    long long remaining = n == 0 ? 1 : std::llabs(static_cast<long long>(n));
    int gap = 0;
    for (;;) {
        const auto working = is_working_day(Date{day});
        if (const auto* uncovered = std::get_if<UncoveredYear>(&working)) {
            return *uncovered;
        }
        if (std::get<bool>(working)) {
            gap = 0;
            if (--remaining == 0) {
                return Date{day};
            }
        } else if (++gap > k_max_gap_days) {
            return UncoveredYear{k_no_working_day_year};
        }
        day += step;
    }
}

CalendarResult<int> Calendar::between(Date a, Date b) const {
    auto low = date::sys_days{a};
    auto high = date::sys_days{b};
    const int sign = high < low ? -1 : 1;
    if (high < low) {
        std::swap(low, high);
    }
    int count = 0;
    for (auto day = low + date::days{1}; day <= high; day += date::days{1}) {
        const auto working = is_working_day(Date{day});
        if (const auto* uncovered = std::get_if<UncoveredYear>(&working)) {
            return *uncovered;
        }
        if (std::get<bool>(working)) {
            ++count;
        }
    }
    return sign * count;
}

int Calendar::first_uncovered(Date a, Date b) const {
    int low = static_cast<int>(a.year());
    int high = static_cast<int>(b.year());
    if (high < low) {
        std::swap(low, high);
    }
    for (int year = low; year <= high; ++year) {
        if (!covers(year)) {
            return year;
        }
    }
    return 0;
}

CalendarResult<Counted<int>> Calendar::counted_between(Date a, Date b) const {
    const auto days = between(a, b);
    if (const auto* uncovered = std::get_if<UncoveredYear>(&days)) {
        return *uncovered;
    }
    // The days counted are those after the earlier date up to the later one.
    if (a == b) {
        return Counted<int>{0, 0};
    }
    const auto low = std::min(date::sys_days{a}, date::sys_days{b});
    const auto high = std::max(date::sys_days{a}, date::sys_days{b});
    return Counted<int>{std::get<int>(days),
                        first_uncovered(Date{low + date::days{1}}, Date{high})};
}

CalendarResult<Counted<Date>> Calendar::counted_add(Date from, int n) const {
    const auto day = add(from, n);
    if (const auto* uncovered = std::get_if<UncoveredYear>(&day)) {
        return *uncovered;
    }
    const auto to = std::get<Date>(day);
    // With n == 0 `from` is looked at; otherwise scanning starts a day on.
    const auto first = n == 0 ? from : Date{date::sys_days{from} + date::days{n < 0 ? -1 : 1}};
    return Counted<Date>{to, first_uncovered(first, to)};
}

DayCount Calendar::day_count(Date a, Date b) const {
    const auto counted = counted_between(a, b);
    if (const auto* uncovered = std::get_if<UncoveredYear>(&counted)) {
        return {std::nullopt, uncovered->year};
    }
    const auto& made = std::get<Counted<int>>(counted);
    return {made.value, made.guessed_year};
}

std::string DayCount::text() const {
    return text_of(value.value_or(0));
}

std::string DayCount::text_of(int shown) const {
    if (!value) {
        return "?";
    }
    return std::to_string(shown) + (year != 0 ? "*" : "");
}

const Holiday* Calendar::holiday_on(Date day) const {
    const auto serial = date::sys_days{day};
    if (m_off.count(serial) == 0) {
        return nullptr;
    }
    for (const auto& year : m_years) {
        for (const auto& holiday : year.holidays) {
            if (date::sys_days{holiday.from} <= serial && serial <= date::sys_days{holiday.to}) {
                return &holiday;
            }
        }
    }
    return nullptr;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int fields[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
        for (std::size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            fields[f] = fields[f] * 10 + (c - '0');
        }
    }
    const Date day{date::year{fields[0]}, date::month{static_cast<unsigned>(fields[1])},
                   date::day{static_cast<unsigned>(fields[2])}};
    if (!day.ok()) {
        return std::nullopt;
    }
    return day;
}

std::string format_date(Date day) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                       static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

} // namespace collab::time
