#include <algorithm>
#include <collab/util/utf8.hpp>
#include <cstdint>
#include <fmt/format.h>

namespace collab::util {

std::size_t decode_utf8(std::string_view text, char32_t& code) {
    const auto lead = static_cast<std::uint8_t>(text[0]);
    std::size_t length = 0;
    char32_t min_code = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code = lead & 0x1FU;
        min_code = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code = lead & 0x0FU;
        min_code = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code = lead & 0x07U;
        min_code = 0x10000;
    } else {
        return 0; // a stray continuation byte or 0xF8..0xFF
    }
    if (text.size() < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<std::uint8_t>(text[i]);
        if ((byte & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (byte & 0x3FU);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

std::optional<TextProblem> first_text_problem(std::string_view text) {
    // Every record text read passes here, and nearly all are well-formed: the bytes are
    // checked first, ASCII ones by a test each, and a position is counted only for a
    // problem found.
    TextProblem at;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte != 0 && byte < 0x80) {
            ++i;
            continue;
        }
        char32_t code = 0;
        const std::size_t used = decode_utf8(text.substr(i), code);
        if (used == 0 || code == 0) {
            at.fault = used == 0 ? TextFault::bad_utf8 : TextFault::nul;
            break;
        }
        i += used;
    }
    if (i >= text.size()) {
        return std::nullopt;
    }
    at.offset = i;
    // The line and the column (in characters) of the problem: what comes before it is
    // well-formed, so each lead byte starts a character.
    for (std::size_t j = 0; j < i; ++j) {
        if (text[j] == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto as_is = [](char c) {
        return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
    };
    while (!text.empty()) {
        // A run of printable ASCII, newlines and tabs is copied at once: most text is.
        const auto run = static_cast<std::size_t>(
            std::find_if_not(text.begin(), text.end(), as_is) - text.begin());
        if (run > 0) {
            out.append(text.data(), run);
            text.remove_prefix(run);
            continue;
        }
        char32_t code = 0;
        const std::size_t used = decode_utf8(text, code);
        if (used == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[0]));
            text.remove_prefix(1);
            continue;
        }
        if (code == '\n' || code == '\t' || (code >= 0x20 && code < 0x7F) ||
            (code > 0x9F && used > 1)) {
            out.append(text.data(), used);
        } else if (code == '\r') {
            out += "\\r";
        } else if (code < 0x80) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(code));
        } else {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(code));
        }
        text.remove_prefix(used);
    }
    return out;
}

} // namespace collab::util
