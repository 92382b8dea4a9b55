#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace collab::util {

// Decodes one UTF-8 sequence at the front of `text` (not empty). Returns the number
// of bytes used, or 0 when the bytes there are not well-formed UTF-8: a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate
// (U+D800..U+DFFF) or a code point above U+10FFFF.
std::size_t decode_utf8(std::string_view text, char32_t& code);

// What makes bytes unfit to be record text.
enum class TextFault {
    bad_utf8, // not well-formed UTF-8 (see decode_utf8)
    nul,      // a NUL byte
};

// Where the first fault is: the byte offset, and the 1-based line and column
// (in characters) an editor shows.
struct TextProblem {
    TextFault fault = TextFault::bad_utf8;
    std::size_t offset = 0;
    int line = 1;
    int column = 1;
};

// The first byte that keeps `text` from being record text (well-formed UTF-8 with
// no NUL), or nullopt when there is none. Records are read and written only when
// this finds nothing, so collab never writes a file it would refuse to read.
std::optional<TextProblem> first_text_problem(std::string_view text);

// The text made safe to show on a terminal: control characters other than newline
// and tab (C0, DEL, C1 such as U+009B) are written as visible escapes ("\x1b", "\r",
// "\u009b"), as are bytes that are not well-formed UTF-8 ("\xff"). Everything else,
// including every printable character of any script, is kept as it is.
std::string escape_controls(std::string_view text);

} // namespace collab::util
