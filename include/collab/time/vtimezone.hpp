#pragma once

#include <collab/time/timestamp.hpp>
#include <collab/util/icalendar.hpp>
#include <string>

namespace collab::time {

// A local date-time of `zone` as iCalendar writes it with a TZID: "20260706T093000".
std::string ical_local(const Zone& zone, Timestamp at);
// An instant in UTC: "20260706T013000Z".
std::string ical_utc(Timestamp at);
// A date: "20260706".
std::string ical_date(Date day);

// True when the zone is UTC itself: times are then written in UTC, with no VTIMEZONE.
bool is_utc(const Zone& zone);

// The VTIMEZONE of `zone` for events between `from` and `to`: the offset in force at
// `from` and every change up to `to`, each a STANDARD or DAYLIGHT component, as the
// zone database says.
void write_vtimezone(util::ICalendarWriter& out, const Zone& zone, Timestamp from, Timestamp to);

} // namespace collab::time
