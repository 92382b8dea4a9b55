#pragma once

#include <collab/model/config.hpp>
#include <collab/model/roster.hpp>
#include <collab/time/calendar.hpp>
#include <collab/time/timestamp.hpp>
#include <optional>
#include <string>

namespace collab::rules {

// What every rule may consult besides the records: settings, people, time. The
// clock is a value here, so that every verdict can be replayed for any `--now`.
struct Context {
    const model::Config& config;
    const model::Roster& roster;
    const time::Calendar& calendar;
    const time::Zone& zone;
    time::Timestamp now;
};

// The end of a working day written as YYYY-MM-DD (work_day_end in the workspace's
// zone): when a date deadline passes. nullopt when the text is not a date.
inline std::optional<time::Timestamp> end_of_day(const std::string& day, const Context& context) {
    if (const auto date = time::parse_date(day)) {
        return context.zone.at_local(*date, context.config.work_day_end);
    }
    return std::nullopt;
}

} // namespace collab::rules
