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

    std::vector<int> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) {
            widths.resize(row.size(), 0);
        }
        for (std::size_t column = 0; column < row.size(); ++column) {
            widths[column] = std::max(widths[column], display_width(row[column]));
        }
    }

    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t column = 0; column < row.size(); ++column) {
            if (column > 0) {
                line += k_column_gap;
            }
            // The last cell of a row is left as is: nothing follows it to align.
            line += column + 1 < row.size() ? pad_right(row[column], widths[column]) : row[column];
        }
        // Empty trailing cells would otherwise leave padding and gaps at the end.
        line.erase(line.find_last_not_of(' ') + 1);
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace collab::util
