// The typing of spreadsheet cells (util/sheet_cell.hpp): which texts of a document are
// dates and numbers, how wide a column is, what its worksheets are called.
#include <algorithm>
#include <charconv>
#include <collab/util/sheet_cell.hpp>
#include <collab/util/text_width.hpp>
#include <collab/util/utf8.hpp>
#include <date/date.h>
#include <fmt/format.h>
#include <optional>

namespace collab::util {

namespace sheet_parts {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// `count` digits at `at`, as a number.
std::optional<unsigned> digits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return std::nullopt;
    }
    unsigned value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!is_digit(text[i])) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
}

// YYYY-MM-DD at the front, as an Excel serial, when that day exists.
std::optional<double> date_serial(std::string_view text) {
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{static_cast<int>(*year)}, date::month{*month},
                                   date::day{*day}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return excel_serial(static_cast<int>(*year), *month, *day);
}

// " HH:MM" after a date, as the fraction of a day.
std::optional<double> time_fraction(std::string_view text) {
    const auto hour = digits(text, 1, 2);
    const auto minute = digits(text, 4, 2);
    if (text.size() != 6 || text[0] != ' ' || text[3] != ':' || !hour || !minute || *hour > 23 ||
        *minute > 59) {
        return std::nullopt;
    }
    return (*hour * 60.0 + *minute) / (24.0 * 60.0);
}

// A plain decimal: an optional minus, digits without a leading zero (but "0" and
// "0.5"), an optional fraction; at most 15 significant digits, what a double keeps.
std::optional<double> decimal(std::string_view text) {
    const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
    const auto body = text.substr(sign);
    const auto point = body.find('.');
    const auto whole = body.substr(0, point);
    const auto fraction =
        point == std::string_view::npos ? std::string_view{} : body.substr(point + 1);
    const auto all_digits = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), is_digit);
    };
    if (whole.empty() || !all_digits(whole) || (whole.size() > 1 && whole[0] == '0') ||
        (point != std::string_view::npos && (fraction.empty() || !all_digits(fraction))) ||
        whole.size() + fraction.size() > 15) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

bool forbidden_in_sheet_name(char c) {
    return std::string_view("[]:*?/\\").find(c) != std::string_view::npos;
}

// The first `count` characters (code points) of well-formed UTF-8.
std::string first_characters(std::string_view text, std::size_t count) {
    std::size_t at = 0;
    for (std::size_t n = 0; n < count && at < text.size(); ++n) {
        char32_t code = 0;
        const auto used = decode_utf8(text.substr(at), code);
        at += used == 0 ? 1 : used;
    }
    return std::string(text.substr(0, at));
}

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return text;
}

// A title as a sheet name, before uniqueness: the forbidden characters become '_'.
std::string sheet_base_name(std::string_view title, std::size_t room) {
    std::string name;
    for (char c : title) {
        name += forbidden_in_sheet_name(c) || c == '\n' || c == '\r' ? '_' : c;
    }
    while (!name.empty() && name.front() == '\'') {
        name.erase(0, 1);
    }
    if (first_characters(name, room).size() < name.size()) {
        // Too long: cut at a word when one ends in the second half, and say it was cut
        // ("Requirement approval form…", not "Requirement approval form (fina").
        const auto probe = first_characters(name, room);
        const auto space = probe.rfind(' ');
        auto cut = space != std::string::npos && first_characters(probe, room / 2).size() <= space
                       ? probe.substr(0, space)
                       : first_characters(name, room - 1);
        while (!cut.empty() && std::string_view(" _-('").find(cut.back()) != std::string::npos) {
            cut.pop_back();
        }
        name = cut + "\u2026";
    }
    while (!name.empty() && name.back() == '\'') {
        name.pop_back();
    }
    return name.empty() ? std::string("Sheet") : name;
}

} // namespace sheet_parts

double excel_serial(int year, unsigned month, unsigned day) {
    // Excel's day 1 is 1900-01-01 and it counts a 1900-02-29 that never was, so from
    // 1900-03-01 on its serial is the days since 1899-12-30.
    const auto days = date::sys_days{date::year{year} / date::month{month} / date::day{day}} -
                      date::sys_days{date::year{1899} / date::December / date::day{30}};
    return static_cast<double>(days.count());
}

SheetCell classify_cell(std::string_view text) {
    if (text.size() == 10) {
        if (const auto serial = sheet_parts::date_serial(text)) {
            return {CellKind::date, *serial};
        }
    }
    if (text.size() == 16) {
        const auto serial = sheet_parts::date_serial(text.substr(0, 10));
        const auto fraction = sheet_parts::time_fraction(text.substr(10));
        if (serial && fraction) {
            return {CellKind::datetime, *serial + *fraction};
        }
    }
    if (!text.empty() && text.back() == '%') {
        if (const auto value = sheet_parts::decimal(text.substr(0, text.size() - 1))) {
            return {CellKind::percent, *value / 100.0};
        }
        return {};
    }
    if (const auto value = sheet_parts::decimal(text)) {
        return {CellKind::number, *value};
    }
    return {};
}

int sheet_column_width(std::string_view text) {
    int widest = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        widest = std::max(widest, display_width(text.substr(start, end - start)));
        start = end + 1;
    }
    return std::min(widest + 2, k_max_column_width);
}

std::vector<std::string> sheet_names(const std::vector<std::string>& titles) {
    constexpr std::size_t k_sheet_name_room = 31;
    std::vector<std::string> names;
    std::vector<std::string> taken; // lower-cased: Excel compares names without case
    for (const auto& title : titles) {
        auto name = sheet_parts::sheet_base_name(title, k_sheet_name_room);
        for (int n = 2;
             std::find(taken.begin(), taken.end(), sheet_parts::lower_ascii(name)) != taken.end();
             ++n) {
            const auto suffix = fmt::format(" ({})", n);
            name = sheet_parts::sheet_base_name(title, k_sheet_name_room - suffix.size()) + suffix;
        }
        taken.push_back(sheet_parts::lower_ascii(name));
        names.push_back(name);
    }
    return names;
}

} // namespace collab::util
