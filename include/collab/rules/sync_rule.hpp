#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/config.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// What the record of a sync meeting needs besides who records it (check_sync): a
// duration, attendees and minutes. The first missing one, else nothing; `minutes`
// nullopt (not read yet) judges the first two alone.
std::optional<i18n::Message>
sync_record_problem(int duration_minutes, std::size_t attendees,
                    const std::optional<std::string>& minutes = std::nullopt);

// A sync longer than sync_max_minutes is recorded, with a warning.
bool sync_too_long(int duration_minutes, const model::Config& config);

// The agenda's findings as of context.now: open blockers past their `by`, open action
// items past the end of their deadline's working day, in the execution's order.
struct AgendaLate {
    std::vector<const Blocker*> blockers;
    std::vector<const SyncAction*> actions;
};
AgendaLate agenda_late(const Execution& execution, const Context& context);

// A task the agenda lists as due: not accepted, its deadline's working day not over
// and the deadline no later than a week from context.now.
bool due_within_week(const TaskStatus& task, const Context& context);

} // namespace collab::rules
