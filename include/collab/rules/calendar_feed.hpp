#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// One date of a request worth a place in someone's calendar: a review due, a meeting
// held, a task deadline, a sync held or due, a blocker's "by", a re-acceptance date.
struct FeedEvent {
    // Stable across runs and machines, so that a subscribed calendar updates an event
    // instead of adding it again: "<request>.<kind>.<key>@collab".
    std::string uid;
    std::string request;
    std::string kind; // review-due, meeting, task-deadline, sync, sync-due, blocker, reaccept
    i18n::Message summary;
    // A timed event: [start, end]. A deadline at an instant ends there (a short slot
    // before it); a meeting lasts its recorded minutes.
    std::optional<time::Timestamp> start;
    std::optional<time::Timestamp> end;
    std::string day;                 // an all-day event: YYYY-MM-DD
    std::vector<std::string> people; // whom it concerns, for `--person`
};

// The request's dates as calendar events, from its replayed status and execution, as
// of context.now. Pure.
std::vector<FeedEvent> calendar_feed(const model::Request& request, const RequestStatus& status,
                                     const Execution& execution, const Context& context);

// Only the events that concern `person`.
std::vector<FeedEvent> events_of(std::vector<FeedEvent> events, const std::string& person);

} // namespace collab::rules
