#pragma once

#include <collab/time/calendar.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>

namespace collab::time {

// Reads a calendar file:
//
//   year: 2026
//   region: CN
//   holidays:
//     - name: 国庆节 National Day
//       from: 2026-10-01
//       to: 2026-10-07
//       workdays: [2026-09-20, 2026-10-10]
//
//   source: 2026.json          optional: the file it was imported from
//   papers: [https://...]      optional: the official notices it follows
//
// Checks: every date is real and in `year` (but see the New Year spill-over below);
// from <= to; a make-up day is not inside a holiday; unknown keys are warned about.
// Diagnostics name path:line:col.
// The New Year spill-over. Some notices start the New Year holiday in the last days
// of the previous December (2008: 2007-12-30..2008-01-01 off, 2007-12-29 worked).
// Such days belong to the year whose 1 January the holiday reaches: a holiday may
// begin in the last week (25..31) of the previous December only when it runs into
// 1 January of the file's year, and only such a holiday may have make-up days there.
// Every other date must be in the file's year.
constexpr unsigned k_spill_over_first_day = 25; // of the previous December
bool in_spill_over(Date day, int year);
bool reaches_new_year(const Holiday& holiday, int year);

std::optional<CalendarYear> read_calendar_year(const yaml::Node& root, const std::string& path,
                                               Diagnostics& out);

} // namespace collab::time
