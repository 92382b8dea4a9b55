#include <collab/time/timestamp.hpp>
#include <date/tz.h>
#include <exception>
#include <fmt/format.h>

namespace collab::time {

namespace {

using date::local_seconds;

// A small cursor over the text, so that each form reads as the sequence it is.
class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    bool done() const { return m_pos == m_text.size(); }
    char peek() const { return done() ? '\0' : m_text[m_pos]; }

    // Consumes `c` when it is next.
    bool accept(char c) {
        if (peek() != c) {
            return false;
        }
        ++m_pos;
        return true;
    }

    // Exactly `count` decimal digits, as a number.
    std::optional<int> digits(std::size_t count) {
        if (m_text.size() - m_pos < count) {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = m_text[m_pos + i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            value = value * 10 + (c - '0');
        }
        m_pos += count;
        return value;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// The offset suffix: "Z", "+08:00", "+0800", "-05:00". Offsets are below a day.
std::optional<std::chrono::minutes> read_offset(Scanner& in) {
    if (in.accept('Z')) {
        return std::chrono::minutes{0};
    }
    int sign = 0;
    if (in.accept('+')) {
        sign = 1;
    } else if (in.accept('-')) {
        sign = -1;
    } else {
        return std::nullopt;
    }
    const auto hours = in.digits(2);
    if (!hours) {
        return std::nullopt;
    }
    in.accept(':');
    const auto minutes = in.digits(2);
    if (!minutes || *hours > 23 || *minutes > 59) {
        return std::nullopt;
    }
    return std::chrono::minutes{sign * (*hours * 60 + *minutes)};
}

} // namespace

std::optional<Zone> Zone::locate(const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    try {
        return Zone(name, date::locate_zone(name));
    } catch (const std::exception&) {
        // date throws std::runtime_error for unknown names and when the system's
        // zone database cannot be read; both mean "no such zone" to the caller.
        return std::nullopt;
    }
}

Zone Zone::utc() {
    return Zone("UTC", nullptr);
}

namespace {

// Local wall-clock time of an instant in a zone (null zone = UTC).
local_seconds to_local(const date::time_zone* zone, Timestamp at) {
    if (zone == nullptr) {
        return local_seconds{at.time_since_epoch()};
    }
    return zone->to_local(at);
}

// The instant of a local wall-clock time. A time skipped by a daylight-saving jump
// becomes the moment of the jump, and a time that occurs twice its first occurrence,
// so that a deadline never lands later than it reads. No exception either way.
Timestamp to_sys(const date::time_zone* zone, local_seconds local) {
    if (zone == nullptr) {
        return Timestamp{local.time_since_epoch()};
    }
    return zone->to_sys(local, date::choose::earliest);
}

} // namespace

Date Zone::local_date(Timestamp at) const {
    return Date{date::floor<date::days>(to_local(m_zone, at))};
}

int Zone::local_minutes(Timestamp at) const {
    const auto local = to_local(m_zone, at);
    const auto since_midnight = local - date::floor<date::days>(local);
    return static_cast<int>(date::floor<std::chrono::minutes>(since_midnight).count());
}

Timestamp Zone::at_local(Date day, int minutes) const {
    return to_sys(m_zone, date::local_days{day} + std::chrono::minutes{minutes});
}

ZoneOffset Zone::offset_at(Timestamp at) const {
    ZoneOffset out;
    if (m_zone == nullptr) {
        out.begin = Timestamp{date::sys_days{date::year{1970} / 1 / 1}};
        out.end = Timestamp{date::sys_days{date::year{9999} / 12 / 31}};
        out.abbreviation = "UTC";
        return out;
    }
    const auto info = m_zone->get_info(at);
    out.begin = info.begin;
    out.end = info.end;
    out.minutes = static_cast<int>(date::floor<std::chrono::minutes>(info.offset).count());
    out.daylight = info.save != std::chrono::minutes{0};
    out.abbreviation = info.abbrev;
    return out;
}

std::string Zone::format(Timestamp at) const {
    const auto offset = m_zone == nullptr ? std::chrono::seconds{0} : m_zone->get_info(at).offset;
    const auto local = local_seconds{at.time_since_epoch() + offset};
    const auto midnight = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> clock{local - midnight};
    // Offsets are shown to the minute: ISO 8601 has no seconds there, and only
    // pre-1900 local mean times have any.
    const auto offset_minutes = date::floor<std::chrono::minutes>(offset).count();
    const auto magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(Date{midnight}),
                       clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                       offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string Zone::format_short(Timestamp at) const {
    const auto local = to_local(m_zone, at);
    const auto midnight = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> clock{local - midnight};
    return fmt::format("{} {:02}:{:02}", format_date(Date{midnight}), clock.hours().count(),
                       clock.minutes().count());
}

std::optional<Timestamp> parse_timestamp(std::string_view text, const Zone& zone) {
    if (text.size() < 10) {
        return std::nullopt;
    }
    const auto day = parse_date(text.substr(0, 10));
    if (!day) {
        return std::nullopt;
    }
    Scanner in(text.substr(10));
    if (in.done()) {
        return zone.at_local(*day, 0);
    }
    if (!in.accept('T') && !in.accept(' ')) {
        return std::nullopt;
    }
    const auto hours = in.digits(2);
    if (!hours || !in.accept(':')) {
        return std::nullopt;
    }
    const auto minutes = in.digits(2);
    if (!minutes) {
        return std::nullopt;
    }
    int seconds = 0;
    if (in.accept(':')) {
        const auto read = in.digits(2);
        if (!read) {
            return std::nullopt;
        }
        seconds = *read;
    }
    // Hour 24 and leap second 60 are refused: both name an instant that is better
    // written another way, and accepting them would make "end of day" ambiguous.
    if (*hours > 23 || *minutes > 59 || seconds > 59) {
        return std::nullopt;
    }
    if (in.done()) {
        // Converted at the minute, then the seconds added: zone transitions fall on
        // whole minutes, so this is exact, and at_local stays the one conversion.
        return zone.at_local(*day, *hours * 60 + *minutes) + std::chrono::seconds{seconds};
    }
    const auto offset = read_offset(in);
    if (!offset || !in.done()) {
        return std::nullopt;
    }
    const auto clock =
        std::chrono::hours{*hours} + std::chrono::minutes{*minutes} + std::chrono::seconds{seconds};
    return Timestamp{date::sys_days{*day}.time_since_epoch() + clock - *offset};
}

std::optional<int> parse_clock(std::string_view text) {
    Scanner in(text);
    // "9:00" is accepted as well as "09:00": people write office hours both ways.
    std::optional<int> hours = text.size() == 4 ? in.digits(1) : in.digits(2);
    if (!hours || !in.accept(':')) {
        return std::nullopt;
    }
    const auto minutes = in.digits(2);
    if (!minutes || !in.done() || *hours > 23 || *minutes > 59) {
        return std::nullopt;
    }
    return *hours * 60 + *minutes;
}

} // namespace collab::time
