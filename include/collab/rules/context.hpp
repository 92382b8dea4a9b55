#pragma once

#include <collab/model/config.hpp>
#include <collab/model/roster.hpp>
#include <collab/time/calendar.hpp>
#include <collab/time/timestamp.hpp>
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

} // namespace collab::rules
