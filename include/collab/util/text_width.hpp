#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// Columns a UTF-8 string takes on a terminal, by grapheme cluster with Unicode's
// widths (utf8proc): East Asian wide and fullwidth characters (汉字, ，) and emoji
// (✅, 🚀, 👩‍💻, 🇨🇳) count 2, combining marks and joiners 0, the rest 1. Invalid
// bytes count 1 each.
int display_width(std::string_view utf8);

// Pads with spaces on the right to `width` display columns (no truncation).
std::string pad_right(std::string_view utf8, int width);

// Lays out rows as aligned columns separated by two spaces; the last column is
// not padded. Rows may be shorter than the header.
std::string format_table(const std::vector<std::vector<std::string>>& rows);

} // namespace collab::util
