#pragma once

#include <collab/time/calendar.hpp>
#include <collab/util/diagnostic.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace collab::time {

// Importing the official holiday data of mainland China into a calendar file.
//
// Two machine-readable forms of the State Council's yearly notice are read:
//
//  - holiday-cn JSON: {"year": 2026, "papers": [urls], "days": [{"name": "元旦",
//    "date": "2026-01-01", "isOffDay": true}, ...]}; isOffDay false marks a make-up
//    working day (调休上班). Read through the trusted YAML reader (JSON is YAML), so
//    the same size and nesting limits apply.
//  - iCalendar: all-day VEVENTs (DTSTART;VALUE=DATE, exclusive DTEND); a SUMMARY
//    starting with 上班 marks make-up days. Folded lines and CRLF are handled.
//
// Days off of one name that follow each other become one holiday; a gap made only
// of unlisted Saturdays and Sundays is bridged (holiday-cn leaves weekends inside a
// holiday out in some years, e.g. Qingming 2014-04-05..07). Each make-up day joins
// the nearest holiday of its name.
//
// Every date must be in the file's year, with one exception, the New Year
// spill-over (see calendar_file.hpp): days in the last week of the previous
// December that belong to the holiday reaching 1 January.

// Which of the two forms a text is: iCalendar when it begins with BEGIN:VCALENDAR.
enum class HolidayFormat { holiday_cn_json, icalendar };
HolidayFormat detect_holiday_format(std::string_view text);

// Imports one file's text. `path` names the file in diagnostics; `source` is what
// the calendar records as its origin (the file's name). nullopt, with every problem
// reported (path:line, field), when the file cannot be imported; an empty `days`
// list is refused as "the notice is not out yet".
std::optional<CalendarYear> import_holidays(std::string_view text, const std::string& path,
                                            const std::string& source, Diagnostics& out);

// The English name of a standard holiday name of the notices ("春节" -> "Spring
// Festival"), empty when unknown. Imported holidays are named "春节 Spring Festival".
std::string english_holiday_name(std::string_view chinese);

// A calendar file's text for an imported year: header comments, `year`, `region`,
// `source`, `papers` and the holidays, in the format read_calendar_year reads.
std::string render_calendar_year(const CalendarYear& year);

} // namespace collab::time
