#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/time/calendar.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::rules {

// The request states of docs/PROCESS.md, including `returned` (sent back to the initiator for
// changes) and the two ends a request may stop at early.
enum class RequestState {
    draft,
    submitted,
    returned,
    approved,
    final,
    in_progress,
    accepted,
    closed,
    rejected,
    withdrawn,
};

std::string_view state_name(RequestState state);
std::optional<RequestState> parse_state(std::string_view name);
// Rejected, withdrawn and closed requests take no further action.
bool is_terminal(RequestState state);
// Final and every later state: the form is frozen.
bool is_frozen(RequestState state);

// One person's latest signature since the latest approval.
struct Signature {
    std::string person;
    std::string content; // the content hash it was given on
    time::Timestamp at{};
    long long seq = 0;
};

// A request's state and the facts that led to it, derived from its events alone.
struct RequestStatus {
    RequestState state = RequestState::draft;
    int round = 0;                               // how many times it was submitted
    std::string reviewer;                        // who the latest submission went to
    std::optional<time::Timestamp> submitted_at; // the latest submission
    std::string submitted_content;               // the content hash that was submitted
    std::optional<time::Timestamp> reviewed_at;  // the decision on the latest submission
    std::string content;                         // the content in force (latest create/edit/submit)
    std::optional<time::Timestamp> approved_at;
    std::vector<const model::Event*> meetings;   // review meetings since the approval
    std::map<std::string, Signature> signatures; // by person, since the approval
    std::optional<time::Timestamp> final_at;
    const model::Event* final_event = nullptr; // the signature or meeting that completed it
    std::string final_content; // the content every signature bound to: frozen from here on
    std::optional<time::Timestamp> accepted_at; // every task accepted
    bool all_answered = false;                  // every collaborator answered the survey
    std::string creator; // who recorded `create`: the initiator, whatever request.yaml says
    // Collaborators who confirmed receipt of the final version, or once the request is
    // split, of the task tracking table.
    std::vector<std::string> acknowledged;
    // Recorded events that did not apply where they stand: by the wrong person, in the
    // wrong state, or after a concurrent event (in another clone) already decided.
    std::vector<const model::Event*> ignored;
    // Of those, approvals of content other than the content submitted (their hash was
    // replaced, or the entry was copied from elsewhere): record.content-mismatch.
    std::vector<const model::Event*> mismatched;
    // Approved, and request.yaml no longer holds the content in force (a hand edit
    // not recorded by `request edit`): the approval and any signature do not cover the
    // form on disk (form.changed-after-approval).
    bool approval_void = false;
};

// Replays the events in order against the roster (for who must sign). Events that
// are not legal at their point do not change the state; `collab check` reports them.
// The returned status points into `request.events`.
RequestStatus derive_status(const model::Request& request, const model::Roster& roster);

// The state as of context.now: an accepted request closes when its feedback window
// (feedback_window_days working days after acceptance) has ended.
RequestState state_at(const RequestStatus& status, const Context& context);
std::optional<time::Timestamp> feedback_window_end(const RequestStatus& status,
                                                   const Context& context);

// The initiator's supervisor from the roster; empty when there is none.
std::string supervisor_of(const model::RequestForm& form, const model::Roster& roster);

// When the initial review of the latest submission is due: `review_days` working
// days after the day of submission (one day for a customer's request), at the end
// of the working day.
time::CalendarResult<time::Timestamp>
review_due(const model::Request& request, const RequestStatus& status, const Context& context);
// The same for a form whose `source` is given (internal | customer).
time::CalendarResult<time::Timestamp>
review_due(std::string_view source, const RequestStatus& status, const Context& context);

} // namespace collab::rules
