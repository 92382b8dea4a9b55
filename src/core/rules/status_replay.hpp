#pragma once

// The two halves of derive_status, for rules/replay (private to the rules).

#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>

namespace collab::rules::detail {

// The stages up to the split, each event judged in order; a request in progress is
// still `in_progress` here, whatever its execution says.
RequestStatus status_before_execution(const model::Request& request, const model::Roster& roster);

// Acceptance and feedback from the execution's replay: an in-progress request whose
// tasks are all accepted is accepted, and closed once every collaborator answered.
void settle_from_execution(const model::Request& request, const Execution& execution,
                           const model::Roster& roster, RequestStatus& status);

} // namespace collab::rules::detail
