#pragma once

#include <chrono>
#include <collab/time/calendar.hpp>
#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>

// The zone database stays out of this header: <date/tz.h> is large, and only
// timestamp.cpp needs it.
namespace date {
class time_zone;
} // namespace date

namespace collab::time {

using Timestamp = date::sys_seconds;

// A workspace's time zone: an IANA name resolved against the system's zone database.
// The offset from UTC in force in a zone over a span of time, as the zone database
// says (what an iCalendar VTIMEZONE lists).
struct ZoneOffset {
    Timestamp begin{}; // when this offset took effect
    Timestamp end{};   // when the next one takes effect
    int minutes = 0;   // east of UTC
    bool daylight = false;
    std::string abbreviation; // "CST", "CEST", "+08"
};

class Zone {
public:
    // nullopt when the name is unknown to the zone database.
    static std::optional<Zone> locate(const std::string& name);
    static Zone utc();

    const std::string& name() const { return m_name; }
    Date local_date(Timestamp at) const;
    // Minutes since local midnight.
    int local_minutes(Timestamp at) const;
    // The instant of a local date and time (minutes since midnight).
    Timestamp at_local(Date day, int minutes) const;
    // "2026-07-06T09:30:00+08:00"
    std::string format(Timestamp at) const;
    // "2026-07-06 09:30"
    std::string format_short(Timestamp at) const;
    // The offset in force at `at`, with the span it holds for.
    ZoneOffset offset_at(Timestamp at) const;

private:
    Zone(std::string name, const date::time_zone* zone) : m_name(std::move(name)), m_zone(zone) {}
    std::string m_name;
    const date::time_zone* m_zone = nullptr; // null means UTC
};

// Parses a point in time the way users and files write it, in `zone` unless it
// carries its own offset:
//   2026-07-06                 (00:00 local)
//   2026-07-06T09:30 / 2026-07-06 09:30 / 2026-07-06T09:30:15
//   2026-07-06T09:30:00+08:00 / ...Z
std::optional<Timestamp> parse_timestamp(std::string_view text, const Zone& zone);

// Parses "18:00" into minutes since midnight.
std::optional<int> parse_clock(std::string_view text);

} // namespace collab::time
