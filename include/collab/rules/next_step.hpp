#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

struct Replayed; // rules/replay

// What a pasted command must have replaced with the person's own words.
inline constexpr const char* k_placeholder = "…";

// What kind of step a person owes.
enum class StepKind {
    submit,
    review,
    resubmit,
    meeting,
    sign,
    acknowledge,
    split,
    confirm_task,
    progress,
    unblock,
    sync,
    action,
    decide_change,
    confirm_change,
    risk,
    accept,
    rework,
    feedback,
    deliver,
};
std::string_view step_kind_name(StepKind kind);

// One step the process waits on: who may take it, what to do, the commands that do
// it (one complete command per choice, ready to paste: `collab review R-X --approve
// --check ...`, then `--return`, `--reject`; a text the person must write is the
// placeholder k_placeholder, which collab refuses until it is replaced), and by when
// (for steps with a service level).
struct NextStep {
    StepKind kind = StepKind::submit;
    std::string request;
    std::vector<std::string> who; // any of these may act
    std::string on_behalf_of;     // set for a delegate's copy of a step
    i18n::Message what;
    std::vector<std::string> commands;
    std::optional<time::Timestamp> due;
    // For a daily progress step, once judged: the working days since the last update,
    // which its message shows (as "?" or "n*" when a year has no calendar).
    std::optional<time::DayCount> idle = std::nullopt;
};

// A step as the records leave it, before the clock is looked at: steps are worked
// out once per request (and may be cached), then resolved for any `now` by step_at.
struct PendingStep {
    NextStep step;
    std::optional<time::Timestamp> until; // the step is gone once now is past this
    // A progress report, owed on every day the task has no update yet: due at the end
    // of today, or at once when the task is stale. Its message counts the idle days.
    bool daily = false;
    std::optional<time::Timestamp> quiet_since; // the task's last update
};

// Every step a request may wait on, from its derived status. Reads nothing of
// context.now. Empty for requests that are over (rejected, withdrawn, closed).
std::vector<PendingStep> pending_steps(const model::Request& request, const RequestStatus& status,
                                       const Context& context);
// The same from the request's replay (rules/replay): nothing replayed again.
std::vector<PendingStep> pending_steps(const model::Request& request, const Replayed& replayed,
                                       const Context& context);

// The step as of context.now, or nullopt when it is not owed then.
std::optional<NextStep> step_at(const PendingStep& pending, const Context& context);

// Every step a request waits on now: pending_steps resolved by step_at.
std::vector<NextStep> next_steps(const model::Request& request, const RequestStatus& status,
                                 const Context& context);
std::vector<NextStep> next_steps(const model::Request& request, const Replayed& replayed,
                                 const Context& context);

} // namespace collab::rules
