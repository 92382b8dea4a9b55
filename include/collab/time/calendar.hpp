#pragma once

#include <array>
#include <date/date.h>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace collab::time {

using Date = date::year_month_day;

// One public holiday: the days off (inclusive range) and the weekend days worked
// instead (China's 调休 make-up days).
struct Holiday {
    std::string name;
    Date from;
    Date to;
    std::vector<Date> workdays;
};

// The holidays of one year in one region, as read from a calendar file.
struct CalendarYear {
    int year = 0;
    std::string region;
    std::vector<Holiday> holidays;
    std::string path; // the file it came from, for messages
    // Where the data came from: the file it was imported from ("2026.json"), empty
    // when written by hand; and the official notices it follows (URLs).
    std::string source;
    std::vector<std::string> papers;
};

// What to do with a date in a year that no calendar file covers.
enum class UncoveredYears {
    error,        // refuse: a guess could move a deadline by a week
    weekends_only // count the work week alone, with no holidays
};

// The work week: which weekdays are working days, indexed Sunday = 0 .. Saturday = 6
// (date::weekday::c_encoding).
using WorkWeek = std::array<bool, 7>;
WorkWeek default_work_week(); // Monday to Friday

// Raised as a value when a date falls in a year no calendar covers.
struct UncoveredYear {
    int year = 0;
};

template <typename T>
using CalendarResult = std::variant<T, UncoveredYear>;

// A count or date made with `uncovered_years: weekends-only`: the value, and the
// first year it needed that no calendar covers (its holidays were not known, only
// the work week counted), or 0 when every day it needed was covered. Whoever shows
// the value must say it was guessed.
template <typename T>
struct Counted {
    T value{};
    int guessed_year = 0;

    bool guessed() const { return guessed_year != 0; }
    friend bool operator==(const Counted&, const Counted&) = default;
};

// A working-day count as people are shown it. Either made, exactly (`year` 0) or
// counted weekends-only through `year`, which no calendar covers; or not made at all
// (no value) because `year` has no calendar and uncovered_years is error. text() is
// "12", "12*" or "?": never a made-up number.
struct DayCount {
    std::optional<int> value;
    int year = 0;

    bool unknown() const { return !value.has_value(); }
    bool guessed() const { return value.has_value() && year != 0; }
    int value_or(int fallback) const { return value.value_or(fallback); }
    std::string text() const;
    // Like text(), of a value derived from the count (such as its absolute value).
    std::string text_of(int shown) const;
    friend bool operator==(const DayCount&, const DayCount&) = default;
};

// Working-day arithmetic over a work week and calendar files. Every deadline and
// service level in collab is computed here. Pure: no clock, no files.
class Calendar {
public:
    Calendar(WorkWeek work_week, std::vector<CalendarYear> years, UncoveredYears policy);

    // Is this date a working day? A make-up day is, a holiday is not, otherwise the
    // work week decides. Days a file lists in the December before its year (the New
    // Year spill-over) are honoured even when that year has no file of its own,
    // unless uncovered years are an error.
    CalendarResult<bool> is_working_day(Date day) const;

    // The date `n` working days after `from` (before it when n < 0). With n == 0,
    // `from` itself when it is a working day, else the next working day.
    CalendarResult<Date> add(Date from, int n) const;

    // The number of working days after `a` up to and including `b`; negative (the
    // count after b up to and including a) when b is before a; 0 when equal.
    CalendarResult<int> between(Date a, Date b) const;

    // between() and add(), saying which uncovered year they guessed under
    // weekends-only (with `error` an uncovered year is an UncoveredYear, as there).
    CalendarResult<Counted<int>> counted_between(Date a, Date b) const;
    CalendarResult<Counted<Date>> counted_add(Date from, int n) const;

    // counted_between() as shown to people.
    DayCount day_count(Date a, Date b) const;

    // The first year from a's to b's (either order) that no calendar covers, or 0.
    int first_uncovered(Date a, Date b) const;

    // Is the year covered by a calendar file?
    bool covers(int year) const;
    const std::vector<CalendarYear>& years() const { return m_years; }
    const WorkWeek& work_week() const { return m_work_week; }
    UncoveredYears policy() const { return m_policy; }

    // The holiday that contains `day`, if any (for messages like "falls on National Day").
    const Holiday* holiday_on(Date day) const;

private:
    WorkWeek m_work_week;
    std::vector<CalendarYear> m_years;
    UncoveredYears m_policy;
    std::set<int> m_covered;
    std::set<date::sys_days> m_off;
    std::set<date::sys_days> m_worked;
};

// Parses "2026-10-01" (exactly YYYY-MM-DD, a real date).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date day);

} // namespace collab::time
