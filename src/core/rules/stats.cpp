#include <algorithm>
#include <collab/rules/as_of.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/stats.hpp>
#include <date/date.h>
#include <numeric>

namespace collab::rules {

std::optional<double> Sample::mean() const {
    if (values.empty()) {
        return std::nullopt;
    }
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::optional<double> Sample::median() const {
    if (values.empty()) {
        return std::nullopt;
    }
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const auto middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
}

namespace {

// None when a year the count needs has no calendar (never a made-up number); such
// counts, and guessed ones, are kept in stats.calendar_gaps for the notes.
std::optional<double> working_days(time::Timestamp from, time::Timestamp to, const Context& context,
                                   ProcessStats& stats) {
    const auto days =
        context.calendar.day_count(context.zone.local_date(from), context.zone.local_date(to));
    if (days.year != 0) {
        stats.calendar_gaps.push_back(days);
    }
    if (days.unknown()) {
        return std::nullopt;
    }
    return static_cast<double>(*days.value);
}

} // namespace

StatsInputs stats_inputs(const model::Request& request, const Context& context) {
    return stats_inputs(request, replay(request, context.roster), context);
}

StatsInputs stats_inputs(const model::Request& request, const Replayed& replayed,
                         const Context& context) {
    StatsInputs in;
    for (const auto& event : request.events) {
        if (event.kind == model::ActionKind::submit) {
            in.first_submit = event.at;
            break;
        }
    }
    if (!in.first_submit) {
        return in;
    }
    const auto& status = replayed.status;
    in.final_at = status.final_at;
    // Each submission and the decision on it, from the events in order.
    std::optional<time::Timestamp> submitted;
    for (const auto& event : request.events) {
        if (event.kind == model::ActionKind::submit) {
            submitted = event.at;
        } else if (event.kind == model::ActionKind::review && submitted) {
            RequestStatus at_submit;
            at_submit.submitted_at = submitted;
            StatsInputs::Review review{*submitted, event.at, std::nullopt, 0};
            const auto due = review_due(request, at_submit, context);
            if (const auto* uncovered = std::get_if<time::UncoveredYear>(&due)) {
                review.uncovered_year = uncovered->year;
            } else {
                review.due = std::get<time::Timestamp>(due);
            }
            in.reviews.push_back(review);
            submitted.reset();
        }
    }
    const auto& execution = replayed.execution;
    for (const auto& task : execution.tasks) {
        if (task.version > 0) {
            in.tasks_delivered += 1;
            // The first delivery decides "on time"; find it.
            for (const auto* event : execution.deliveries) {
                if (event->field("task") == task.task.id) {
                    in.tasks_on_time += event->field("late") == "yes" ? 0 : 1;
                    break;
                }
            }
        }
        if (task.state == TaskState::accepted) {
            in.tasks_accepted += 1;
            in.tasks_first_pass += task.first_pass ? 1 : 0;
        }
        in.rework_rounds += static_cast<std::size_t>(task.fails); // only fails that applied
    }
    for (const auto& blocker : execution.blockers) {
        const auto* person = context.roster.find(blocker.from);
        in.blockers.push_back({person != nullptr ? person->department : std::string("?"),
                               blocker.raised_at, blocker.closed_at});
    }
    for (const auto* event : execution.feedback) {
        if (const auto* answers = event->data.find("answers")) {
            for (const auto& [key, value] : answers->entries()) {
                try {
                    in.feedback.emplace_back(key.scalar(), std::stod(value.scalar()));
                } catch (const std::exception&) {
                    // A malformed score is a file problem, reported by check.
                }
            }
        }
    }
    in.accepted_at = execution.accepted_at;
    return in;
}

std::optional<i18n::Message> check_stats_period(const StatsFilter& filter) {
    if (filter.since && filter.until && *filter.until < *filter.since) {
        return i18n::msg("stats.until_before_since", date::format("%F", *filter.until),
                         date::format("%F", *filter.since));
    }
    return std::nullopt;
}

time::Timestamp stats_instant(const StatsFilter& filter, const time::Zone& zone,
                              time::Timestamp now) {
    if (!filter.until) {
        return now;
    }
    const auto end =
        zone.at_local(date::sys_days(*filter.until) + date::days{1}, 0) - std::chrono::seconds{1};
    return std::min(now, end);
}

bool stats_count(const StatsInputs& in, const std::vector<std::string>& departments,
                 const StatsFilter& filter, const Context& context) {
    if (!in.first_submit) {
        return false;
    }
    if (filter.since &&
        date::sys_days(context.zone.local_date(*in.first_submit)) < date::sys_days(*filter.since)) {
        return false;
    }
    if (filter.until &&
        date::sys_days(context.zone.local_date(*in.first_submit)) > date::sys_days(*filter.until)) {
        return false;
    }
    return filter.department.empty() || std::find(departments.begin(), departments.end(),
                                                  filter.department) != departments.end();
}

void add_stats(ProcessStats& stats, const StatsInputs& in, const std::vector<Finding>& findings,
               const Context& context) {
    stats.requests += 1;
    if (in.final_at) {
        if (auto days = working_days(*in.first_submit, *in.final_at, context, stats)) {
            stats.submit_to_final.values.push_back(*days);
        }
    }
    for (const auto& review : in.reviews) {
        if (auto days = working_days(review.submitted, review.decided, context, stats)) {
            stats.review_latency.values.push_back(*days);
        }
        if (!review.due) {
            // On time or not cannot be told: left out, and noted.
            stats.calendar_gaps.push_back({std::nullopt, review.uncovered_year});
            continue;
        }
        stats.reviews_decided += 1;
        if (review.decided <= *review.due) {
            stats.reviews_on_time += 1;
        }
    }
    stats.tasks_delivered += in.tasks_delivered;
    stats.tasks_on_time += in.tasks_on_time;
    stats.tasks_accepted += in.tasks_accepted;
    stats.tasks_first_pass += in.tasks_first_pass;
    stats.rework_rounds += in.rework_rounds;
    for (const auto& blocker : in.blockers) {
        const auto end = blocker.closed_at.value_or(context.now);
        const auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(end - blocker.raised_at);
        const double hours = static_cast<double>(minutes.count()) / 60.0;
        stats.blocker_wait_hours[blocker.department].values.push_back(hours);
    }
    for (const auto& [key, score] : in.feedback) {
        stats.feedback[key].values.push_back(score);
    }
    if (in.final_at && in.accepted_at) {
        if (auto days = working_days(*in.final_at, *in.accepted_at, context, stats)) {
            stats.final_to_accepted.values.push_back(*days);
        }
    }
    for (const auto& finding : findings) {
        // Work past its deadline; a missed sync or missing feedback is not "overdue".
        if (finding.rule.find("overdue") != std::string::npos ||
            finding.rule.find("late") != std::string::npos) {
            stats.overdue_now[finding.rule] += 1;
        }
    }
}

ProcessStats compute_stats(const std::vector<model::Request>& requests, const StatsFilter& filter,
                           const Context& now_context) {
    auto context = now_context;
    context.now = stats_instant(filter, context.zone, context.now);
    ProcessStats stats;
    for (const auto& whole : requests) {
        // Up to `until`: each request as it stood at its end.
        std::optional<RequestAsOf> seen;
        if (filter.until) {
            seen = as_of(whole, context.now);
            if (!seen->existed) {
                continue;
            }
        }
        const auto& request = seen ? seen->request : whole;
        const auto in = stats_inputs(request, context);
        if (!stats_count(in, involved_departments(request.form, context.roster), filter, context)) {
            continue;
        }
        add_stats(stats, in, check_request(request, context), context);
    }
    return stats;
}

} // namespace collab::rules
