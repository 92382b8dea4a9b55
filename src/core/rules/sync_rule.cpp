#include <chrono>
#include <collab/rules/sync_rule.hpp>

namespace collab::rules {

std::optional<i18n::Message> sync_record_problem(int duration_minutes, std::size_t attendees,
                                                 const std::optional<std::string>& minutes) {
    if (duration_minutes <= 0) {
        return i18n::msg("meeting.bad_duration");
    }
    if (attendees == 0) {
        return i18n::msg("meeting.no_attendees");
    }
    if (minutes && minutes->empty()) {
        return i18n::msg("meeting.no_minutes");
    }
    return std::nullopt;
}

bool sync_too_long(int duration_minutes, const model::Config& config) {
    return duration_minutes > config.numbers.sync_max_minutes;
}

AgendaLate agenda_late(const Execution& execution, const Context& context) {
    AgendaLate late;
    for (const auto& blocker : execution.blockers) {
        const auto by = time::parse_timestamp(blocker.by_text, context.zone);
        if (!blocker.closed_at && by && context.now > *by) {
            late.blockers.push_back(&blocker);
        }
    }
    for (const auto& action : execution.actions) {
        const auto deadline = time::parse_date(action.deadline);
        if (!action.done && deadline &&
            context.now > context.zone.at_local(*deadline, context.config.work_day_end)) {
            late.actions.push_back(&action);
        }
    }
    return late;
}

bool due_within_week(const TaskStatus& task, const Context& context) {
    const auto deadline = time::parse_date(task.task.deadline);
    if (!deadline || task.state == TaskState::accepted) {
        return false;
    }
    const auto end = context.zone.at_local(*deadline, context.config.work_day_end);
    const auto week_ahead = context.now + std::chrono::hours(24 * 7);
    const auto last_day = date::sys_days(context.zone.local_date(week_ahead));
    return end >= context.now && date::sys_days(*deadline) <= last_day;
}

} // namespace collab::rules
