#include "cli/day_count_notes.hpp"

#include <set>

namespace collab::cli {

std::string day_count_notes(const std::vector<time::DayCount>& shown, i18n::Language lang) {
    std::set<int> unknown;
    std::set<int> guessed;
    for (const auto& count : shown) {
        if (count.unknown()) {
            unknown.insert(count.year);
        } else if (count.guessed()) {
            guessed.insert(count.year);
        }
    }
    std::string out;
    for (const int year : unknown) {
        out += i18n::render(lang, i18n::msg("calendar.marker_unknown", year)) + "\n";
    }
    for (const int year : guessed) {
        out += i18n::render(lang, i18n::msg("calendar.marker_guessed", year)) + "\n";
    }
    return out;
}

void write_day_count(util::JsonWriter& w, const std::string& key, const time::DayCount& count) {
    w.key(key);
    if (count.value) {
        w.value(*count.value);
    } else {
        w.null();
    }
    if (count.year != 0) {
        w.key(key + "_uncovered_year").value(count.year);
    }
}

} // namespace collab::cli
