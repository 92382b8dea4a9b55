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
// Checks: every date is real and in `year`; from <= to; a make-up day is not inside
// a holiday; unknown keys are warned about. Diagnostics name path:line:col.
std::optional<CalendarYear> read_calendar_year(const yaml::Node& root, const std::string& path,
                                               Diagnostics& out);

} // namespace collab::time
