#include <algorithm>
#include <collab/util/text_width.hpp>
#include <collab/util/utf8.hpp>
#include <cstddef>
#include <utf8proc.h>

namespace collab::util {

namespace {

// Regional indicator letters: a pair of them is a flag (🇨🇳), which terminals draw two
// cells wide, though Unicode gives each letter alone a narrow width.
constexpr char32_t k_first_regional_indicator = 0x1F1E6;
constexpr char32_t k_last_regional_indicator = 0x1F1FF;

// Printable ASCII is one column a character, and each character is a cluster of its own:
// most cells of a table are such text, and this spares them the Unicode tables.
bool printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

int code_point_width(char32_t code) {
    if (code >= k_first_regional_indicator && code <= k_last_regional_indicator) {
        return 2;
    }
    return utf8proc_charwidth(static_cast<utf8proc_int32_t>(code));
}

} // namespace

// Counted per grapheme cluster, what a reader sees as one character: a cluster is as
// wide as its widest code point, so a combining mark (e + U+0301), a variation
// selector or the parts of a ZWJ sequence (👩‍💻) add nothing to its base.
int display_width(std::string_view utf8) {
    if (printable_ascii(utf8)) {
        return static_cast<int>(utf8.size());
    }
    int width = 0;
    int cluster = 0;
    utf8proc_int32_t previous = -1; // none: the next code point starts a cluster
    utf8proc_int32_t state = 0;
    while (!utf8.empty()) {
        char32_t code = 0;
        const std::size_t used = decode_utf8(utf8, code);
        if (used == 0) {
            // Counted as one column on its own: terminals usually show a replacement glyph.
            width += cluster + 1;
            cluster = 0;
            previous = -1;
            utf8.remove_prefix(1);
            continue;
        }
        const auto current = static_cast<utf8proc_int32_t>(code);
        if (previous < 0) {
            state = 0;
        }
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, current, &state)) {
            width += cluster;
            cluster = code_point_width(code);
        } else {
            cluster = std::max(cluster, code_point_width(code));
        }
        previous = current;
        utf8.remove_prefix(used);
    }
    return width + cluster;
}

std::string pad_right(std::string_view utf8, int width) {
    std::string out(utf8);
    const int current = display_width(utf8);
    if (current < width) {
        out.append(static_cast<std::size_t>(width - current), ' ');
    }
    return out;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
    constexpr std::string_view k_column_gap = "  ";

    // Each cell's width is worked out once: a listing of every request has tens of
    // thousands of cells.
    std::vector<int> widths;
    std::vector<int> cell_widths;
    std::size_t bytes = 0;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) {
            widths.resize(row.size(), 0);
        }
        for (std::size_t column = 0; column < row.size(); ++column) {
            cell_widths.push_back(display_width(row[column]));
            widths[column] = std::max(widths[column], cell_widths.back());
            bytes += row[column].size();
        }
    }

    std::string out;
    out.reserve(bytes + rows.size() * (widths.size() * (k_column_gap.size() + 8) + 1));
    std::size_t cell = 0;
    for (const auto& row : rows) {
        const auto line_start = out.size();
        for (std::size_t column = 0; column < row.size(); ++column, ++cell) {
            if (column > 0) {
                out += k_column_gap;
            }
            out += row[column];
            // The last cell of a row is left as is: nothing follows it to align.
            if (column + 1 < row.size() && cell_widths[cell] < widths[column]) {
                out.append(static_cast<std::size_t>(widths[column] - cell_widths[cell]), ' ');
            }
        }
        // Empty trailing cells would otherwise leave padding and gaps at the end.
        const auto last = out.find_last_not_of(' ');
        out.erase(last == std::string::npos || last < line_start ? line_start : last + 1);
        out += '\n';
    }
    return out;
}

} // namespace collab::util
