#include "cli/shipped_calendars.hpp"

#include <algorithm>
#include <collab/store/templates.hpp>
#include <fmt/format.h>
#include <string_view>

namespace collab::cli {

namespace {

std::optional<int> parse_year(std::string_view text) {
    if (text.size() != 4) {
        return std::nullopt;
    }
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

std::vector<int> shipped_calendar_years() {
    static constexpr std::string_view k_prefix = "calendars/cn-";
    static constexpr std::string_view k_suffix = ".yaml";
    std::vector<int> years;
    for (const auto& entry : store::embedded_templates()) {
        const std::string_view name = entry.name;
        if (name.size() == k_prefix.size() + 4 + k_suffix.size() &&
            name.substr(0, k_prefix.size()) == k_prefix &&
            name.substr(k_prefix.size() + 4) == k_suffix) {
            if (const auto year = parse_year(name.substr(k_prefix.size(), 4))) {
                years.push_back(*year);
            }
        }
    }
    std::sort(years.begin(), years.end());
    return years;
}

std::string shipped_calendar_path(int year) {
    return fmt::format("calendars/cn-{}.yaml", year);
}

std::optional<std::vector<int>> parse_shipped_years(const std::string& spec,
                                                    std::vector<int>& unshipped) {
    const auto shipped = shipped_calendar_years();
    if (spec == "all") {
        return shipped;
    }
    std::vector<int> years;
    std::size_t at = 0;
    while (at <= spec.size()) {
        auto end = spec.find(',', at);
        if (end == std::string::npos) {
            end = spec.size();
        }
        const std::string_view part = std::string_view(spec).substr(at, end - at);
        const auto dash = part.find('-');
        const auto low = parse_year(part.substr(0, dash));
        const auto high = dash == std::string_view::npos ? low : parse_year(part.substr(dash + 1));
        if (!low || !high || *high < *low || *high - *low > 100) {
            return std::nullopt;
        }
        for (int year = *low; year <= *high; ++year) {
            if (std::find(years.begin(), years.end(), year) == years.end()) {
                years.push_back(year);
            }
        }
        at = end + 1;
    }
    std::sort(years.begin(), years.end());
    for (const int year : years) {
        if (!std::binary_search(shipped.begin(), shipped.end(), year)) {
            unshipped.push_back(year);
        }
    }
    if (!unshipped.empty()) {
        return std::nullopt;
    }
    return years;
}

} // namespace collab::cli
