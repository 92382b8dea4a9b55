#pragma once

#include <string>
#include <string_view>

namespace collab::util {

// Writes iCalendar (RFC 5545) content lines: CRLF line ends, lines folded at 75
// octets (never inside a UTF-8 character), TEXT values escaped.
class ICalendarWriter {
public:
    // NAME:VALUE with VALUE as given (dates, times, durations, UIDs).
    ICalendarWriter& line(std::string_view name, std::string_view value);
    // NAME:VALUE with VALUE escaped as TEXT (summaries, descriptions).
    ICalendarWriter& text(std::string_view name, std::string_view value);
    const std::string& str() const { return m_out; }

private:
    std::string m_out;
};

// A TEXT value escaped: backslash, semicolon and comma get a backslash; a line break
// becomes "\n"; other control characters are dropped.
std::string ical_text(std::string_view value);

// One content line folded into lines of at most 75 octets, each but the first started
// with a space, every one ended by CRLF.
std::string ical_fold(std::string_view content_line);

} // namespace collab::util
