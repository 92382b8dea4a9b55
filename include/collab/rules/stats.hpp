#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/request_index.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// A sample of durations (or scores) with the summaries `collab stats` prints.
struct Sample {
    std::vector<double> values;
    std::size_t count() const { return values.size(); }
    std::optional<double> mean() const;
    std::optional<double> median() const;
};

// The process in numbers: whether communication got cheaper. Durations are in
// working days unless named otherwise.
struct ProcessStats {
    std::size_t requests = 0;        // requests counted (submitted in the period)
    Sample submit_to_final;          // first submission to final
    Sample final_to_accepted;        // final to every task accepted
    Sample review_latency;           // each submission to its decision
    std::size_t reviews_on_time = 0; // decided within the service level
    std::size_t reviews_decided = 0;
    std::size_t tasks_delivered = 0; // tasks with at least one delivery
    std::size_t tasks_on_time = 0;   // first delivery not late
    std::size_t tasks_accepted = 0;
    std::size_t tasks_first_pass = 0;                 // accepted on their first delivery
    std::size_t rework_rounds = 0;                    // failed acceptances
    std::map<std::string, Sample> blocker_wait_hours; // by department of the person waited on
    std::map<std::string, Sample> feedback;         // by question key (incl. responsiveness.<dept>)
    std::map<std::string, std::size_t> overdue_now; // by check rule id
    // Working-day counts that needed a year no calendar covers: left out of the
    // numbers above (unknown, uncovered_years: error) or counted weekends-only.
    std::vector<time::DayCount> calendar_gaps;
};

struct StatsFilter {
    std::optional<time::Date> since; // requests first submitted on or after
    // The last day counted, so that periods (quarters) can be compared: requests first
    // submitted after it are left out, and the others are counted as they stood at its
    // end (entries recorded later left out, open blockers waited up to then).
    std::optional<time::Date> until;
    std::string department; // requests involving this department (id)
};

// Why the period cannot be counted (`until` before `since`); nullopt when it can.
std::optional<i18n::Message> check_stats_period(const StatsFilter& filter);

// The instant the numbers are worked out at: the last second of `until` in `zone`
// when that is before `now`, else `now`.
time::Timestamp stats_instant(const StatsFilter& filter, const time::Zone& zone,
                              time::Timestamp now);

// Computes the numbers from the records alone, as of context.now (or the end of
// filter.until, when earlier: each request seen as it stood then). Pure.
ProcessStats compute_stats(const std::vector<model::Request>& requests, const StatsFilter& filter,
                           const Context& context);

// The same in two steps, for requests whose StatsInputs come from the digest cache:
// whether a request is counted (its involved departments given), and adding it with
// its findings as of context.now. compute_stats is these two over every request.
bool stats_count(const StatsInputs& in, const std::vector<std::string>& departments,
                 const StatsFilter& filter, const Context& context);
void add_stats(ProcessStats& stats, const StatsInputs& in, const std::vector<Finding>& findings,
               const Context& context);

} // namespace collab::rules
