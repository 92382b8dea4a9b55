#include "rules/status_replay.hpp"

#include <algorithm>
#include <array>
#include <collab/rules/execution.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>
#include <set>

namespace collab::rules {

namespace {

constexpr std::array<std::string_view, 10> k_state_names = {
    "draft",       "submitted", "returned", "approved", "final",
    "in-progress", "accepted",  "closed",   "rejected", "withdrawn"};

bool may_submit_from(RequestState state) {
    return state == RequestState::draft || state == RequestState::returned;
}

bool may_edit_in(RequestState state) {
    return state == RequestState::draft || state == RequestState::returned ||
           state == RequestState::approved;
}

// Did the reviewer, or their delegate acting for them, make this decision?
bool is_reviewer_act(const model::Event& event, const std::string& reviewer,
                     const model::Request& request, const model::Roster& roster) {
    if (event.by == reviewer && event.on_behalf_of.empty()) {
        return true;
    }
    const auto* person = roster.find(reviewer);
    return person != nullptr && event.on_behalf_of == reviewer && person->delegate == event.by &&
           event.by != request.form.initiator;
}

// Turns an approved request final once the meeting (when needed) and every required
// signature on the content in force are in.
void settle_final(const model::Request& request, const model::Roster& roster,
                  const model::Event& event, RequestStatus& status) {
    if (status.state != RequestState::approved ||
        !meeting_satisfied(request.form, status, roster) ||
        !signatures_missing(request.form, status, roster, status.content).empty()) {
        return;
    }
    status.state = RequestState::final;
    status.final_at = event.at;
    status.final_event = &event;
    status.final_content = status.content;
}

bool apply_review(const model::Request& request, const model::Event& event,
                  const model::Roster& roster, RequestStatus& status) {
    if (status.state != RequestState::submitted ||
        !is_reviewer_act(event, status.reviewer, request, roster)) {
        return false;
    }
    const auto decision = event.field("decision");
    if (decision == "approve" && !model::same_content(event.content, status.submitted_content)) {
        // An approval binds the content that was submitted (the command refuses anything
        // else); one of other content was not given on this submission.
        status.mismatched.push_back(&event);
        return false;
    }
    if (decision == "approve") {
        status.state = RequestState::approved;
        status.approved_at = event.at;
    } else if (decision == "return") {
        status.state = RequestState::returned;
    } else if (decision == "reject") {
        status.state = RequestState::rejected;
    } else {
        return false;
    }
    status.reviewed_at = event.at;
    return true;
}

bool apply_submit(const model::Request& request, const model::Event& event, RequestStatus& status) {
    const auto& initiator = status.creator.empty() ? request.form.initiator : status.creator;
    // A submission goes to someone else: an initiator never reviews their own request.
    if (!may_submit_from(status.state) || event.by != initiator || event.field("to").empty() ||
        event.field("to") == initiator) {
        return false;
    }
    status.state = RequestState::submitted;
    status.round += 1;
    status.reviewer = event.field("to");
    status.submitted_at = event.at;
    status.submitted_content = event.content;
    status.content = event.content;
    status.reviewed_at.reset();
    status.approved_at.reset();
    status.meetings.clear();
    status.signatures.clear();
    return true;
}

bool apply_sign(const model::Request& request, const model::Event& event,
                const model::Roster& roster, RequestStatus& status) {
    const auto signers = required_signers(request.form, status.reviewer, roster);
    const bool required = std::any_of(signers.begin(), signers.end(),
                                      [&](const auto& s) { return s.person == event.by; });
    if (status.state != RequestState::approved || !required) {
        return false;
    }
    status.signatures[event.by] = {event.by, event.content, event.at, event.seq};
    settle_final(request, roster, event, status);
    return true;
}

// After final, a request is stopped by a change request that withdraws it
// (docs/PROCESS.md, rule `change`): the supervisor's approval (or
// their delegate's, on their behalf) ends it as withdrawn. No owner re-confirms.
bool withdraws(const model::Request& request, const model::Event& decision,
               const model::Roster& roster, const RequestStatus& status) {
    if ((status.state != RequestState::final && status.state != RequestState::in_progress) ||
        decision.field("decision") != "approve") {
        return false;
    }
    const auto* reviewer = roster.find(status.reviewer);
    const bool by_supervisor = decision.by == status.reviewer ||
                               (reviewer != nullptr && reviewer->delegate == decision.by &&
                                decision.on_behalf_of == status.reviewer);
    if (!by_supervisor) {
        return false;
    }
    for (const auto& event : request.events) {
        if (&event == &decision) {
            return false;
        }
        if (event.kind != model::ActionKind::change ||
            event.field("change") != decision.field("change")) {
            continue;
        }
        const auto* ops = event.data.find("ops");
        if (ops == nullptr) {
            return false;
        }
        for (const auto& op : ops->items()) {
            const auto* kind = op.find("kind");
            if (kind != nullptr &&
                model::change_op_by_name(kind->scalar()) == model::ChangeOpKind::withdraw) {
                return true;
            }
        }
        return false;
    }
    return false;
}

bool apply_event(const model::Request& request, const model::Event& event,
                 const model::Roster& roster, RequestStatus& status) {
    using model::ActionKind;
    const auto& initiator = status.creator.empty() ? request.form.initiator : status.creator;
    const bool by_initiator = event.by == initiator;
    switch (event.kind) {
    case ActionKind::create:
        if (status.state != RequestState::draft || !status.creator.empty()) {
            return false;
        }
        status.creator = event.by;
        status.content = event.content;
        return true;
    case ActionKind::edit:
        if (!may_edit_in(status.state) || !by_initiator) {
            return false;
        }
        status.content = event.content;
        return true;
    case ActionKind::submit:
        return apply_submit(request, event, status);
    case ActionKind::withdraw:
        if (is_frozen(status.state) || !by_initiator) {
            return false;
        }
        status.state = RequestState::withdrawn;
        return true;
    case ActionKind::review:
        return apply_review(request, event, roster, status);
    case ActionKind::meeting:
        if (status.state != RequestState::approved ||
            (!by_initiator && event.by != status.reviewer)) {
            return false;
        }
        status.meetings.push_back(&event);
        settle_final(request, roster, event, status);
        return true;
    case ActionKind::sign:
        return apply_sign(request, event, roster, status);
    case ActionKind::ack: {
        const auto people = collaborators(request.form, status.reviewer, roster);
        if (!is_frozen(status.state) ||
            std::find(people.begin(), people.end(), event.by) == people.end() ||
            std::find(status.acknowledged.begin(), status.acknowledged.end(), event.by) !=
                status.acknowledged.end()) {
            return false;
        }
        status.acknowledged.push_back(event.by);
        return true;
    }
    case ActionKind::split: {
        const bool by_lead = by_initiator || event.by == request.form.project_lead();
        if (status.state != RequestState::final || !by_lead) {
            return false;
        }
        status.state = RequestState::in_progress;
        // The table is distributed anew: receipts from now on are of the table.
        status.acknowledged.clear();
        return true;
    }
    case ActionKind::change_decision:
        if (withdraws(request, event, roster, status)) {
            status.state = RequestState::withdrawn;
            return true;
        }
        return is_frozen(status.state);
    case ActionKind::unknown:
        return false;
    default:
        // Execution events are judged by rules::derive_execution.
        return model::action_info(event.kind).stage >= model::Stage::split &&
               is_frozen(status.state);
    }
}

} // namespace

std::string_view state_name(RequestState state) {
    return k_state_names[static_cast<std::size_t>(state)];
}

std::optional<RequestState> parse_state(std::string_view name) {
    for (std::size_t i = 0; i < k_state_names.size(); ++i) {
        if (k_state_names[i] == name) {
            return static_cast<RequestState>(i);
        }
    }
    return std::nullopt;
}

bool is_terminal(RequestState state) {
    return state == RequestState::rejected || state == RequestState::withdrawn ||
           state == RequestState::closed;
}

bool is_frozen(RequestState state) {
    return state == RequestState::final || state == RequestState::in_progress ||
           state == RequestState::accepted || state == RequestState::closed;
}

namespace detail {

RequestStatus status_before_execution(const model::Request& request, const model::Roster& roster) {
    ++replay_counts().status;
    RequestStatus status;
    for (const auto& event : request.events) {
        // An entry that acts on content without naming it applies nowhere.
        if (is_terminal(status.state) || event.lacks_content() ||
            !apply_event(request, event, roster, status)) {
            status.ignored.push_back(&event);
        }
    }
    if (status.state == RequestState::approved &&
        !model::same_content(model::content_hash(request.form), status.content)) {
        status.approval_void = true;
    }
    return status;
}

void settle_from_execution(const model::Request& request, const Execution& execution,
                           const model::Roster& roster, RequestStatus& status) {
    if (status.state != RequestState::in_progress || !execution.accepted_at) {
        return;
    }
    status.state = RequestState::accepted;
    status.accepted_at = execution.accepted_at;
    std::size_t expected = 0;
    for (const auto& person : collaborators(request.form, status.reviewer, roster)) {
        expected += person != request.form.initiator ? 1 : 0;
    }
    status.all_answered = execution.feedback.size() >= expected;
    if (status.all_answered) {
        status.state = RequestState::closed;
    }
}

} // namespace detail

RequestStatus derive_status(const model::Request& request, const model::Roster& roster) {
    auto status = detail::status_before_execution(request, roster);
    if (status.state == RequestState::in_progress) {
        // Acceptance and feedback come from the execution's replay.
        detail::settle_from_execution(request, derive_execution(request, status, roster), roster,
                                      status);
    }
    return status;
}

std::optional<time::Timestamp> feedback_window_end(const RequestStatus& status,
                                                   const Context& context) {
    if (!status.accepted_at) {
        return std::nullopt;
    }
    const auto last = context.calendar.add(context.zone.local_date(*status.accepted_at),
                                           context.config.numbers.feedback_window_days);
    if (!std::holds_alternative<time::Date>(last)) {
        return std::nullopt;
    }
    return context.zone.at_local(std::get<time::Date>(last), context.config.work_day_end);
}

RequestState state_at(const RequestStatus& status, const Context& context) {
    if (status.state == RequestState::accepted) {
        const auto end = feedback_window_end(status, context);
        if (end && context.now > *end) {
            return RequestState::closed;
        }
    }
    return status.state;
}

std::string supervisor_of(const model::RequestForm& form, const model::Roster& roster) {
    const auto* initiator = roster.find(form.initiator);
    return initiator == nullptr ? std::string() : initiator->manager;
}

time::CalendarResult<time::Timestamp>
review_due(const model::Request& request, const RequestStatus& status, const Context& context) {
    return review_due(request.form.source, status, context);
}

time::CalendarResult<time::Timestamp>
review_due(std::string_view source, const RequestStatus& status, const Context& context) {
    const auto submitted = status.submitted_at.value_or(context.now);
    const int days = source == "customer" ? context.config.numbers.customer_review_days
                                          : context.config.numbers.review_days;
    const auto last_day = context.calendar.add(context.zone.local_date(submitted), days);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&last_day)) {
        return *uncovered;
    }
    return context.zone.at_local(std::get<time::Date>(last_day), context.config.work_day_end);
}

} // namespace collab::rules
