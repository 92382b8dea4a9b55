#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

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
};
std::string_view step_kind_name(StepKind kind);

// One step the process waits on: who may take it, what to do, the command that does
// it, and by when (for steps with a service level).
struct NextStep {
    StepKind kind = StepKind::submit;
    std::string request;
    std::vector<std::string> who; // any of these may act
    std::string on_behalf_of;     // set for a delegate's copy of a step
    i18n::Message what;
    std::string command;
    std::optional<time::Timestamp> due;
};

// Every step a request waits on now, from its derived status. Empty for requests
// that are over (rejected, withdrawn, closed).
std::vector<NextStep> next_steps(const model::Request& request, const RequestStatus& status,
                                 const Context& context);

// One item of a person's inbox: a step they may take, with the time left.
struct InboxItem {
    NextStep step;
    std::string title;
    bool overdue = false;
    int working_days_left = 0; // negative once overdue
};

// Everything waiting on `person` across requests: steps where they are among `who`,
// or where they are the delegate of someone who is (for reviews). Overdue items
// first (most overdue first), then by due time, then the rest by request id.
std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<model::Request>& requests,
                                 const Context& context);

} // namespace collab::rules
