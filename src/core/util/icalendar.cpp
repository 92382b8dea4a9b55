#include <collab/util/icalendar.hpp>

namespace collab::util {

namespace {

constexpr std::size_t k_max_octets = 75;

bool continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::string ical_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
            continue; // the \n that follows is the line break
        } else if (c == '\n' || c == '\r') {
            out += "\\n";
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) {
            continue;
        } else {
            out += c;
        }
    }
    return out;
}

std::string ical_fold(std::string_view content_line) {
    std::string out;
    std::size_t limit = k_max_octets; // the first line; later ones lose one to the space
    while (content_line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && continuation_byte(content_line[cut])) {
            --cut; // never split a UTF-8 character
        }
        out.append(content_line.substr(0, cut));
        out += "\r\n ";
        content_line.remove_prefix(cut);
        limit = k_max_octets - 1;
    }
    out.append(content_line);
    out += "\r\n";
    return out;
}

ICalendarWriter& ICalendarWriter::line(std::string_view name, std::string_view value) {
    std::string content(name);
    content += ':';
    content += value;
    m_out += ical_fold(content);
    return *this;
}

ICalendarWriter& ICalendarWriter::text(std::string_view name, std::string_view value) {
    return line(name, ical_text(value));
}

} // namespace collab::util
