#pragma once

// Working-day counts that read commands show: "12", "12*" (counted weekends-only,
// no calendar for a year it needs) or "?" (not counted: uncovered_years: error),
// and the notes under them that say what the marks mean and how to fix them.
#include <collab/i18n/message.hpp>
#include <collab/time/calendar.hpp>
#include <collab/util/json_writer.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// One line per year met, "? no calendar covers 2027: ..." or "* counted without
// holidays: no calendar for 2027"; empty when every count was made from calendars.
std::string day_count_notes(const std::vector<time::DayCount>& shown, i18n::Language lang);

// `key`: the count, or null when it could not be made; and `key`_uncovered_year with
// the year no calendar covers when it was not made or was guessed.
void write_day_count(util::JsonWriter& w, const std::string& key, const time::DayCount& count);

} // namespace collab::cli
