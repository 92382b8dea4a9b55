#include <algorithm>
#include <collab/rules/execution.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/stats.hpp>
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

// Each submission and the decision on it, from the events in order.
void add_reviews(const model::Request& request, const Context& context, ProcessStats& stats) {
    std::optional<time::Timestamp> submitted;
    model::Request upto = request;
    upto.events.clear();
    for (const auto& event : request.events) {
        upto.events.push_back(event);
        if (event.kind == model::ActionKind::submit) {
            submitted = event.at;
        } else if (event.kind == model::ActionKind::review && submitted) {
            if (auto days = working_days(*submitted, event.at, context, stats)) {
                stats.review_latency.values.push_back(*days);
            }
            const auto status = derive_status(upto, context.roster);
            RequestStatus at_submit = status;
            at_submit.submitted_at = submitted;
            const auto due = review_due(request, at_submit, context);
            if (const auto* uncovered = std::get_if<time::UncoveredYear>(&due)) {
                // On time or not cannot be told: left out, and noted.
                stats.calendar_gaps.push_back({std::nullopt, uncovered->year});
                submitted.reset();
                continue;
            }
            stats.reviews_decided += 1;
            if (std::holds_alternative<time::Timestamp>(due) &&
                event.at <= std::get<time::Timestamp>(due)) {
                stats.reviews_on_time += 1;
            }
            submitted.reset();
        }
    }
}

void add_execution(const model::Request& request, const RequestStatus& status,
                   const Context& context, ProcessStats& stats) {
    const auto execution = derive_execution(request, status, context.roster);
    for (const auto& task : execution.tasks) {
        if (task.version > 0) {
            stats.tasks_delivered += 1;
            // The first delivery decides "on time"; find it.
            for (const auto* event : execution.deliveries) {
                if (event->field("task") == task.task.id) {
                    stats.tasks_on_time += event->field("late") == "yes" ? 0 : 1;
                    break;
                }
            }
        }
        if (task.state == TaskState::accepted) {
            stats.tasks_accepted += 1;
            stats.tasks_first_pass += task.first_pass ? 1 : 0;
        }
    }
    for (const auto& task : execution.tasks) {
        stats.rework_rounds += static_cast<std::size_t>(task.fails); // only fails that applied
    }
    for (const auto& blocker : execution.blockers) {
        const auto* person = context.roster.find(blocker.from);
        const auto dept = person != nullptr ? person->department : std::string("?");
        const auto end = blocker.closed_at.value_or(context.now);
        const auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(end - blocker.raised_at);
        const double hours = static_cast<double>(minutes.count()) / 60.0;
        stats.blocker_wait_hours[dept].values.push_back(hours);
    }
    for (const auto* event : execution.feedback) {
        if (const auto* answers = event->data.find("answers")) {
            for (const auto& [key, value] : answers->entries()) {
                try {
                    stats.feedback[key.scalar()].values.push_back(std::stod(value.scalar()));
                } catch (const std::exception&) {
                    // A malformed score is a file problem, reported by check.
                }
            }
        }
    }
    if (status.final_at && execution.accepted_at) {
        if (auto days = working_days(*status.final_at, *execution.accepted_at, context, stats)) {
            stats.final_to_accepted.values.push_back(*days);
        }
    }
}

} // namespace

ProcessStats compute_stats(const std::vector<model::Request>& requests, const StatsFilter& filter,
                           const Context& context) {
    ProcessStats stats;
    for (const auto& request : requests) {
        std::optional<time::Timestamp> first_submit;
        for (const auto& event : request.events) {
            if (event.kind == model::ActionKind::submit) {
                first_submit = event.at;
                break;
            }
        }
        if (!first_submit) {
            continue;
        }
        if (filter.since && date::sys_days(context.zone.local_date(*first_submit)) <
                                date::sys_days(*filter.since)) {
            continue;
        }
        if (!filter.department.empty()) {
            const auto depts = involved_departments(request.form, context.roster);
            if (std::find(depts.begin(), depts.end(), filter.department) == depts.end()) {
                continue;
            }
        }
        stats.requests += 1;
        const auto status = derive_status(request, context.roster);
        if (status.final_at) {
            if (auto days = working_days(*first_submit, *status.final_at, context, stats)) {
                stats.submit_to_final.values.push_back(*days);
            }
        }
        add_reviews(request, context, stats);
        add_execution(request, status, context, stats);
        for (const auto& finding : check_request(request, context)) {
            // Work past its deadline; a missed sync or missing feedback is not "overdue".
            if (finding.rule.find("overdue") != std::string::npos ||
                finding.rule.find("late") != std::string::npos) {
                stats.overdue_now[finding.rule] += 1;
            }
        }
    }
    return stats;
}

} // namespace collab::rules
