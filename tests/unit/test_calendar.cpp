// Working-day arithmetic against the official 2026 calendar. Every expected value
// below was worked out by hand from the State Council dates and a wall calendar
// (2026-01-01 is a Thursday), never from the code under test.
#include <collab/time/calendar.hpp>
#include <doctest/doctest.h>

namespace test_calendar {

namespace {

using namespace collab::time;
using namespace date::literals;

// 2026 as the State Council published it: days off and 调休 make-up days.
CalendarYear official_2026() {
    CalendarYear year;
    year.year = 2026;
    year.region = "CN";
    year.path = "cn-2026.yaml";
    year.holidays = {
        {"元旦 New Year's Day", 2026_y / 1 / 1, 2026_y / 1 / 3, {2026_y / 1 / 4}},
        {"春节 Spring Festival",
         2026_y / 2 / 15,
         2026_y / 2 / 23,
         {2026_y / 2 / 14, 2026_y / 2 / 28}},
        {"清明节 Qingming Festival", 2026_y / 4 / 4, 2026_y / 4 / 6, {}},
        {"劳动节 Labour Day", 2026_y / 5 / 1, 2026_y / 5 / 5, {2026_y / 5 / 9}},
        {"端午节 Dragon Boat Festival", 2026_y / 6 / 19, 2026_y / 6 / 21, {}},
        {"中秋节 Mid-Autumn Festival", 2026_y / 9 / 25, 2026_y / 9 / 27, {}},
        {"国庆节 National Day",
         2026_y / 10 / 1,
         2026_y / 10 / 7,
         {2026_y / 9 / 20, 2026_y / 10 / 10}},
    };
    return year;
}

Calendar china(UncoveredYears policy = UncoveredYears::error) {
    return Calendar(default_work_week(), {official_2026()}, policy);
}

// Unwraps a result that must not be an uncovered year.
template <typename T>
T value(const CalendarResult<T>& result) {
    REQUIRE(std::holds_alternative<T>(result));
    return std::get<T>(result);
}

// The year reported by a result that must be an uncovered year.
template <typename T>
int uncovered(const CalendarResult<T>& result) {
    REQUIRE(std::holds_alternative<UncoveredYear>(result));
    return std::get<UncoveredYear>(result).year;
}

} // namespace

TEST_SUITE("collab::time") {

    TEST_CASE("default work week is Monday to Friday") {
        const WorkWeek week = default_work_week();
        CHECK_FALSE(week[0]); // Sunday
        CHECK(week[1]);
        CHECK(week[5]);
        CHECK_FALSE(week[6]); // Saturday
    }

    TEST_CASE("parse_date and format_date") {
        CHECK(parse_date("2026-10-01") == std::optional<Date>(2026_y / 10 / 1));
        CHECK(parse_date("2028-02-29") == std::optional<Date>(2028_y / 2 / 29));
        CHECK_FALSE(parse_date("2026-02-29")); // 2026 is not a leap year
        CHECK_FALSE(parse_date("2026-13-01"));
        CHECK_FALSE(parse_date("2026-00-10"));
        CHECK_FALSE(parse_date("2026-04-31"));
        CHECK_FALSE(parse_date("2026-1-01"));
        CHECK_FALSE(parse_date("20261001"));
        CHECK_FALSE(parse_date(" 2026-10-01"));
        CHECK_FALSE(parse_date("2026-10-01 "));
        CHECK_FALSE(parse_date("2026/10/01"));
        CHECK_FALSE(parse_date("+026-10-01"));
        CHECK_FALSE(parse_date(""));
        CHECK(format_date(2026_y / 1 / 4) == "2026-01-04");
        CHECK(format_date(2026_y / 12 / 31) == "2026-12-31");
    }

    TEST_CASE("is_working_day: make-up days work, holidays rest, else the work week") {
        const Calendar calendar = china();
        CHECK(value(calendar.is_working_day(2026_y / 2 / 13)));        // Friday
        CHECK(value(calendar.is_working_day(2026_y / 2 / 14)));        // make-up Saturday
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 2 / 15)));  // Sunday, first day off
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 2 / 16)));  // Monday off
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 2 / 23)));  // Monday, last day off
        CHECK(value(calendar.is_working_day(2026_y / 2 / 24)));        // Tuesday back at work
        CHECK(value(calendar.is_working_day(2026_y / 2 / 28)));        // make-up Saturday
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 3 / 1)));   // plain Sunday
        CHECK(value(calendar.is_working_day(2026_y / 1 / 4)));         // make-up Sunday
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 1 / 2)));   // Friday off
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 9 / 25)));  // Mid-Autumn Friday
        CHECK(value(calendar.is_working_day(2026_y / 9 / 20)));        // make-up Sunday
        CHECK(value(calendar.is_working_day(2026_y / 10 / 10)));       // make-up Saturday
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 10 / 11))); // plain Sunday
    }

    TEST_CASE("a make-up day wins over a day off that lists it") {
        CalendarYear year;
        year.year = 2026;
        year.holidays = {{"overlap", 2026_y / 3 / 7, 2026_y / 3 / 9, {2026_y / 3 / 8}}};
        const Calendar calendar(default_work_week(), {year}, UncoveredYears::error);
        CHECK(value(calendar.is_working_day(2026_y / 3 / 8)));       // Sunday, listed as worked
        CHECK_FALSE(value(calendar.is_working_day(2026_y / 3 / 9))); // Monday off
    }

    TEST_CASE("add across the Spring Festival") {
        const Calendar calendar = china();
        CHECK(value(calendar.add(2026_y / 2 / 13, 1)) == 2026_y / 2 / 14);
        CHECK(value(calendar.add(2026_y / 2 / 14, 1)) == 2026_y / 2 / 24);
        CHECK(value(calendar.add(2026_y / 2 / 13, 2)) == 2026_y / 2 / 24);
        // Tue 24, Wed 25, Thu 26, Fri 27, then the make-up Saturday, then Monday.
        CHECK(value(calendar.add(2026_y / 2 / 24, 4)) == 2026_y / 2 / 28);
        CHECK(value(calendar.add(2026_y / 2 / 24, 5)) == 2026_y / 3 / 2);
        // Counting from inside the holiday starts at its end.
        CHECK(value(calendar.add(2026_y / 2 / 18, 1)) == 2026_y / 2 / 24);
    }

    TEST_CASE("add backwards across a holiday") {
        const Calendar calendar = china();
        CHECK(value(calendar.add(2026_y / 2 / 24, -1)) == 2026_y / 2 / 14);
        CHECK(value(calendar.add(2026_y / 2 / 24, -2)) == 2026_y / 2 / 13);
        CHECK(value(calendar.add(2026_y / 2 / 14, -1)) == 2026_y / 2 / 13);
        // Oct 8 back over National Day and Mid-Autumn: Sep 30, 29, 28, then Sep 24.
        CHECK(value(calendar.add(2026_y / 10 / 8, -1)) == 2026_y / 9 / 30);
        CHECK(value(calendar.add(2026_y / 10 / 8, -4)) == 2026_y / 9 / 24);
        // Labour Day: May 6 back to Thu Apr 30.
        CHECK(value(calendar.add(2026_y / 5 / 6, -1)) == 2026_y / 4 / 30);
    }

    TEST_CASE("add with n == 0") {
        const Calendar calendar = china();
        CHECK(value(calendar.add(2026_y / 2 / 13, 0)) == 2026_y / 2 / 13); // working Friday
        CHECK(value(calendar.add(2026_y / 2 / 14, 0)) == 2026_y / 2 / 14); // make-up Saturday
        CHECK(value(calendar.add(2026_y / 2 / 18, 0)) == 2026_y / 2 / 24); // inside the holiday
        CHECK(value(calendar.add(2026_y / 10 / 1, 0)) == 2026_y / 10 / 8); // National Day
        CHECK(value(calendar.add(2026_y / 3 / 1, 0)) == 2026_y / 3 / 2);   // plain Sunday
    }

    TEST_CASE("add across National Day and its make-up days") {
        const Calendar calendar = china();
        CHECK(value(calendar.add(2026_y / 9 / 30, 1)) == 2026_y / 10 / 8);
        CHECK(value(calendar.add(2026_y / 9 / 30, 3)) == 2026_y / 10 / 10); // make-up Saturday
        CHECK(value(calendar.add(2026_y / 9 / 29, 3)) == 2026_y / 10 / 9);
        CHECK(value(calendar.add(2026_y / 9 / 30, 4)) == 2026_y / 10 / 12); // Sunday 11th is off
        CHECK(value(calendar.add(2026_y / 9 / 18, 1)) == 2026_y / 9 / 20);  // make-up Sunday
    }

    TEST_CASE("add across the other holidays") {
        const Calendar calendar = china();
        CHECK(value(calendar.add(2026_y / 9 / 24, 1)) == 2026_y / 9 / 28); // Mid-Autumn Fri-Sun
        CHECK(value(calendar.add(2026_y / 4 / 3, 1)) == 2026_y / 4 / 7);   // Qingming Sat-Mon
        CHECK(value(calendar.add(2026_y / 4 / 30, 1)) == 2026_y / 5 / 6);  // Labour Day Fri-Tue
        CHECK(value(calendar.add(2026_y / 5 / 6, 3)) == 2026_y / 5 / 9);   // make-up Saturday
        CHECK(value(calendar.add(2026_y / 6 / 18, 1)) == 2026_y / 6 / 22); // Dragon Boat Fri-Sun
        // New Year: Thu 1 to Sat 3 off, Sunday 4 worked.
        CHECK(value(calendar.add(2026_y / 1 / 1, 0)) == 2026_y / 1 / 4);
        CHECK(value(calendar.add(2026_y / 1 / 4, 1)) == 2026_y / 1 / 5);
    }

    TEST_CASE("between counts working days in (a, b]") {
        const Calendar calendar = china();
        CHECK(value(calendar.between(2026_y / 2 / 13, 2026_y / 2 / 24)) == 2);
        CHECK(value(calendar.between(2026_y / 2 / 24, 2026_y / 2 / 13)) == -2);
        CHECK(value(calendar.between(2026_y / 2 / 13, 2026_y / 2 / 13)) == 0);
        CHECK(value(calendar.between(2026_y / 2 / 14, 2026_y / 2 / 23)) == 0);
        // Sep 28, 29, 30, Oct 8, 9, 10 (make-up), 12.
        CHECK(value(calendar.between(2026_y / 9 / 24, 2026_y / 10 / 12)) == 7);
        CHECK(value(calendar.between(2026_y / 10 / 12, 2026_y / 9 / 24)) == -7);
        // 261 weekdays, 19 of them off, 6 weekend days worked.
        CHECK(value(calendar.between(2025_y / 12 / 31, 2026_y / 12 / 31)) == 248);
    }

    TEST_CASE("between and add agree") {
        const Calendar calendar = china();
        const Date start = 2026_y / 1 / 5;
        for (int n = 1; n <= 260; n += 7) {
            const auto end = calendar.add(start, n);
            if (std::holds_alternative<UncoveredYear>(end)) {
                CHECK(uncovered(end) == 2027);
                continue;
            }
            CHECK(value(calendar.between(start, std::get<Date>(end))) == n);
            CHECK(value(calendar.add(std::get<Date>(end), -n)) == start);
        }
    }

    TEST_CASE("an uncovered year is an error by default") {
        const Calendar calendar = china(UncoveredYears::error);
        CHECK(calendar.covers(2026));
        CHECK_FALSE(calendar.covers(2027));
        CHECK(uncovered(calendar.is_working_day(2027_y / 1 / 4)) == 2027);
        CHECK(uncovered(calendar.add(2026_y / 12 / 31, 1)) == 2027);
        CHECK(uncovered(calendar.add(2027_y / 3 / 1, 0)) == 2027);
        CHECK(uncovered(calendar.between(2026_y / 12 / 30, 2027_y / 1 / 4)) == 2027);
        CHECK(uncovered(calendar.between(2027_y / 1 / 4, 2026_y / 12 / 30)) == 2027);
        // Jan 4 is the make-up Sunday; the steps after it reach 2025, which no file covers.
        CHECK(uncovered(calendar.add(2026_y / 1 / 5, -2)) == 2025);
        // Results that never look at another year still come out.
        CHECK(value(calendar.add(2026_y / 12 / 30, 1)) == 2026_y / 12 / 31);
        CHECK(value(calendar.between(2025_y / 12 / 31, 2026_y / 1 / 5)) == 2);
    }

    TEST_CASE("weekends_only counts the work week alone in an uncovered year") {
        const Calendar calendar = china(UncoveredYears::weekends_only);
        CHECK(value(calendar.is_working_day(2027_y / 1 / 1)));       // Friday, no holidays known
        CHECK_FALSE(value(calendar.is_working_day(2027_y / 1 / 2))); // Saturday
        CHECK(value(calendar.add(2026_y / 12 / 31, 1)) == 2027_y / 1 / 1);
        CHECK(value(calendar.add(2026_y / 12 / 31, 2)) == 2027_y / 1 / 4);
        // Dec 31, Jan 1, Jan 4.
        CHECK(value(calendar.between(2026_y / 12 / 30, 2027_y / 1 / 4)) == 3);
        CHECK(value(calendar.add(2026_y / 1 / 5, -2)) == 2025_y / 12 / 31);
        // The covered year still has its holidays.
        CHECK(value(calendar.add(2026_y / 9 / 30, 1)) == 2026_y / 10 / 8);
    }

    TEST_CASE("a custom work week, Sunday to Thursday") {
        const WorkWeek sunday_to_thursday = {true, true, true, true, true, false, false};
        const Calendar plain(sunday_to_thursday, {}, UncoveredYears::weekends_only);
        CHECK_FALSE(value(plain.is_working_day(2027_y / 1 / 1))); // Friday
        CHECK(value(plain.is_working_day(2027_y / 1 / 3)));       // Sunday
        CHECK(value(plain.add(2027_y / 1 / 1, 0)) == 2027_y / 1 / 3);
        CHECK(value(plain.add(2026_y / 12 / 31, 1)) == 2027_y / 1 / 3);
        CHECK(value(plain.add(2027_y / 1 / 3, -1)) == 2026_y / 12 / 31);
        // Sun 3, Mon 4, Tue 5, Wed 6, Thu 7.
        CHECK(value(plain.between(2027_y / 1 / 1, 2027_y / 1 / 8)) == 5);

        // With the 2026 calendar: the make-up Saturday works, holiday Sundays do not.
        const Calendar with_holidays(sunday_to_thursday, {official_2026()}, UncoveredYears::error);
        CHECK(value(with_holidays.is_working_day(2026_y / 10 / 10)));
        CHECK_FALSE(value(with_holidays.is_working_day(2026_y / 10 / 4)));
        CHECK(value(with_holidays.add(2026_y / 9 / 30, 1)) == 2026_y / 10 / 8);
        // Thu Oct 8, then Fri 9 is off in this week, Sat 10 is the make-up day.
        CHECK(value(with_holidays.add(2026_y / 9 / 30, 2)) == 2026_y / 10 / 10);
        CHECK(value(with_holidays.add(2026_y / 9 / 30, 3)) == 2026_y / 10 / 11);
    }

    TEST_CASE("an empty work week never hangs") {
        const WorkWeek none = {false, false, false, false, false, false, false};
        const Calendar empty(none, {}, UncoveredYears::weekends_only);
        CHECK(uncovered(empty.add(2026_y / 7 / 6, 1)) == -1);
        CHECK(uncovered(empty.add(2026_y / 7 / 6, -1)) == -1);
        CHECK(uncovered(empty.add(2026_y / 7 / 6, 0)) == -1);
        CHECK(value(empty.between(2026_y / 7 / 6, 2026_y / 8 / 6)) == 0);

        // Make-up days are still working days, found before giving up.
        const Calendar only_makeup(none, {official_2026()}, UncoveredYears::weekends_only);
        CHECK(value(only_makeup.add(2026_y / 2 / 13, 1)) == 2026_y / 2 / 14);
        CHECK(value(only_makeup.add(2026_y / 2 / 14, 1)) == 2026_y / 2 / 28);
        CHECK(uncovered(only_makeup.add(2026_y / 10 / 10, 1)) == -1);
    }

    TEST_CASE("holiday_on names the holiday containing a day") {
        const Calendar calendar = china();
        const Holiday* mid_autumn = calendar.holiday_on(2026_y / 9 / 25);
        REQUIRE(mid_autumn != nullptr);
        CHECK(mid_autumn->name == "中秋节 Mid-Autumn Festival");
        const Holiday* national = calendar.holiday_on(2026_y / 10 / 7);
        REQUIRE(national != nullptr);
        CHECK(national->name == "国庆节 National Day");
        CHECK(calendar.holiday_on(2026_y / 9 / 28) == nullptr);
        CHECK(calendar.holiday_on(2026_y / 10 / 10) == nullptr); // a make-up day is no holiday
        CHECK(calendar.holiday_on(2027_y / 10 / 1) == nullptr);
    }

    TEST_CASE("accessors return what was given") {
        const Calendar calendar = china(UncoveredYears::weekends_only);
        CHECK(calendar.policy() == UncoveredYears::weekends_only);
        CHECK(calendar.work_week() == default_work_week());
        REQUIRE(calendar.years().size() == 1);
        CHECK(calendar.years()[0].holidays.size() == 7);
    }

    // 2026-12-31 is a Thursday, 2027-01-01 a Friday; only 2026 has a calendar.
    TEST_CASE("counted_between says which uncovered year a weekends-only count guessed") {
        const Calendar guessing = china(UncoveredYears::weekends_only);
        // After 12-30: Thu 12-31, Fri 01-01 (holidays unknown), Mon 01-04, Tue 01-05.
        CHECK(value(guessing.counted_between(2026_y / 12 / 30, 2027_y / 1 / 5)) ==
              Counted<int>{4, 2027});
        CHECK(value(guessing.counted_between(2027_y / 1 / 5, 2026_y / 12 / 30)) ==
              Counted<int>{-4, 2027});
        // Only the days after the earlier date count: 01-01 is counted, 12-31 not.
        CHECK(value(guessing.counted_between(2027_y / 1 / 1, 2026_y / 12 / 31)) ==
              Counted<int>{-1, 2027});
        CHECK(value(guessing.counted_between(2026_y / 12 / 31, 2027_y / 1 / 1)) ==
              Counted<int>{1, 2027});
        // Within 2026 nothing is guessed: 22 working days of December after the 1st.
        CHECK(value(guessing.counted_between(2026_y / 12 / 1, 2026_y / 12 / 31)) ==
              Counted<int>{22, 0});
        CHECK(value(guessing.counted_between(2027_y / 3 / 1, 2027_y / 3 / 1)) ==
              Counted<int>{0, 0});
        // With `error` the same count is refused, naming the year.
        CHECK(uncovered(china().counted_between(2026_y / 12 / 30, 2027_y / 1 / 5)) == 2027);
        CHECK(value(china().counted_between(2026_y / 12 / 1, 2026_y / 12 / 31)) ==
              Counted<int>{22, 0});
    }

    TEST_CASE("counted_add says which uncovered year a weekends-only date guessed") {
        const Calendar guessing = china(UncoveredYears::weekends_only);
        CHECK(value(guessing.counted_add(2026_y / 12 / 30, 1)) ==
              Counted<Date>{2026_y / 12 / 31, 0});
        // Thu 12-31 (1), Fri 01-01 (2), Mon 01-04 (3).
        CHECK(value(guessing.counted_add(2026_y / 12 / 30, 3)) ==
              Counted<Date>{2027_y / 1 / 4, 2027});
        CHECK(value(guessing.counted_add(2027_y / 1 / 4, -2)) ==
              Counted<Date>{2026_y / 12 / 31, 2027});
        CHECK(value(guessing.counted_add(2026_y / 12 / 31, 0)) ==
              Counted<Date>{2026_y / 12 / 31, 0});
        CHECK(uncovered(china().counted_add(2026_y / 12 / 30, 3)) == 2027);
    }

    TEST_CASE("day_count shows a count, a guessed count with *, or ? for none") {
        const DayCount made = china().day_count(2026_y / 12 / 1, 2026_y / 12 / 31);
        CHECK(made.text() == "22");
        CHECK_FALSE(made.guessed());
        const DayCount guessed =
            china(UncoveredYears::weekends_only).day_count(2026_y / 12 / 30, 2027_y / 1 / 5);
        CHECK(guessed.text() == "4*");
        CHECK(guessed.guessed());
        CHECK(guessed.year == 2027);
        CHECK(guessed.text_of(-4) == "-4*");
        const DayCount unknown = china().day_count(2026_y / 12 / 30, 2027_y / 1 / 5);
        CHECK(unknown.unknown());
        CHECK(unknown.year == 2027);
        CHECK(unknown.text() == "?");
        CHECK(unknown.text_of(7) == "?");
    }

    TEST_CASE("first_uncovered names the first year of a span with no calendar") {
        CHECK(china().first_uncovered(2026_y / 1 / 1, 2026_y / 12 / 31) == 0);
        CHECK(china().first_uncovered(2028_y / 3 / 1, 2025_y / 6 / 1) == 2025);
        CHECK(china().first_uncovered(2026_y / 6 / 1, 2028_y / 3 / 1) == 2027);
    }

} // TEST_SUITE

} // namespace test_calendar
