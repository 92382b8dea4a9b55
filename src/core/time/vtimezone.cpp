#include <collab/time/vtimezone.hpp>
#include <fmt/format.h>

namespace collab::time {

namespace {

std::string offset_text(int minutes) {
    const int magnitude = minutes < 0 ? -minutes : minutes;
    return fmt::format("{}{:02}{:02}", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

// The wall-clock reading at `at` under an offset: what a DTSTART of a component says.
std::string wall_clock(Timestamp at, int offset_minutes) {
    const auto local = at + std::chrono::minutes(offset_minutes);
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> clock{local - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

void component(util::ICalendarWriter& out, const ZoneOffset& offset, Timestamp start,
               int offset_before) {
    const auto* kind = offset.daylight ? "DAYLIGHT" : "STANDARD";
    out.line("BEGIN", kind);
    out.line("DTSTART", wall_clock(start, offset_before));
    out.line("TZOFFSETFROM", offset_text(offset_before));
    out.line("TZOFFSETTO", offset_text(offset.minutes));
    if (!offset.abbreviation.empty()) {
        out.text("TZNAME", offset.abbreviation);
    }
    out.line("END", kind);
}

} // namespace

std::string ical_local(const Zone& zone, Timestamp at) {
    return wall_clock(at, zone.offset_at(at).minutes);
}

std::string ical_utc(Timestamp at) {
    return wall_clock(at, 0) + "Z";
}

std::string ical_date(Date day) {
    const date::year_month_day ymd{day};
    return fmt::format("{:04}{:02}{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool is_utc(const Zone& zone) {
    return zone.name() == Zone::utc().name();
}

void write_vtimezone(util::ICalendarWriter& out, const Zone& zone, Timestamp from, Timestamp to) {
    out.line("BEGIN", "VTIMEZONE");
    out.text("TZID", zone.name());
    auto offset = zone.offset_at(from);
    // Before the first change the zone database knows, say it held since 1970.
    const auto epoch = Timestamp{date::sys_days{date::year{1970} / 1 / 1}};
    component(out, offset, offset.begin < epoch ? epoch : offset.begin, offset.minutes);
    // A few hundred changes at most in any real span; the bound guards a broken database.
    for (int changes = 0; offset.end <= to && changes < 1000; ++changes) {
        const auto next = zone.offset_at(offset.end);
        component(out, next, next.begin, offset.minutes);
        offset = next;
    }
    out.line("END", "VTIMEZONE");
}

} // namespace collab::time
