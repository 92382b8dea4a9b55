#include <algorithm>
#include <array>
#include <collab/util/text_width.hpp>
#include <collab/util/utf8.hpp>
#include <cstddef>
#include <cstdint>

namespace collab::util {

namespace {

struct CodeRange {
    char32_t first;
    char32_t last;
};

// East Asian Wide and Fullwidth blocks that terminals draw two cells wide. A coarse
// list rather than the full Unicode table: it covers the CJK text, fullwidth
// punctuation and emoji that show up in records, and keeps this file small.
constexpr std::array<CodeRange, 14> k_wide_ranges = {{
    {0x1100, 0x115F},   // Hangul Jamo initial consonants
    {0x2E80, 0x303E},   // CJK radicals, Kangxi, CJK symbols and punctuation
    {0x3041, 0x33FF},   // Kana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
    {0x3400, 0x4DBF},   // CJK Unified Ideographs Extension A
    {0x4E00, 0x9FFF},   // CJK Unified Ideographs
    {0xA000, 0xA4CF},   // Yi
    {0xAC00, 0xD7A3},   // Hangul syllables
    {0xF900, 0xFAFF},   // CJK compatibility ideographs
    {0xFE30, 0xFE4F},   // CJK compatibility forms
    {0xFF00, 0xFF60},   // Fullwidth forms
    {0xFFE0, 0xFFE6},   // Fullwidth signs
    {0x1F300, 0x1F64F}, // Pictographs and emoticons
    {0x1F900, 0x1F9FF}, // Supplemental symbols and pictographs
    {0x20000, 0x3FFFD}, // CJK Unified Ideographs Extension B and beyond
}};

// Marks that attach to the previous character or are invisible, so take no cell.
constexpr std::array<CodeRange, 3> k_zero_width_ranges = {{
    {0x0300, 0x036F}, // Combining diacritical marks
    {0x200B, 0x200F}, // Zero-width space, joiners, direction marks
    {0xFE00, 0xFE0F}, // Variation selectors
}};

template <std::size_t N>
bool in_ranges(const std::array<CodeRange, N>& ranges, char32_t code) {
    return std::any_of(ranges.begin(), ranges.end(), [code](const CodeRange& range) {
        return code >= range.first && code <= range.last;
    });
}

int code_point_width(char32_t code) {
    if (in_ranges(k_zero_width_ranges, code)) {
        return 0;
    }
    if (in_ranges(k_wide_ranges, code)) {
        return 2;
    }
    return 1;
}

} // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    while (!utf8.empty()) {
        char32_t code = 0;
        const std::size_t used = decode_utf8(utf8, code);
        if (used == 0) {
            // Counted as one column: terminals usually show a replacement glyph.
            width += 1;
            utf8.remove_prefix(1);
            continue;
        }
        width += code_point_width(code);
        utf8.remove_prefix(used);
    }
    return width;
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
