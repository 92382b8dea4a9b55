#pragma once

#include <collab/model/request.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <cstddef>

namespace collab::rules {

// A request's state and its execution (tasks, blockers, changes, deliveries) replayed
// together from its logs: the request's events in (seq, at, by) order once for the
// status, once for the execution. Both point into `request.events`: the request must
// outlive the value and stay where it is.
struct Replayed {
    RequestStatus status;
    Execution execution;
};

// The one replay of a request: derive_status and derive_execution, each worked out
// once (derive_status alone replays the execution a second time to settle acceptance).
// Everything that needs both takes them from here.
Replayed replay(const model::Request& request, const model::Roster& roster);

// How many times this thread replayed a request's logs: the status (derive_status's
// pass over the events) and the execution (derive_execution). For tests that hold a
// caller to one replay.
struct ReplayCounts {
    std::size_t status = 0;
    std::size_t execution = 0;
};
ReplayCounts& replay_counts();

} // namespace collab::rules
