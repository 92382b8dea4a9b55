#include "rules/status_replay.hpp"

#include <collab/rules/replay.hpp>

namespace collab::rules {

ReplayCounts& replay_counts() {
    thread_local ReplayCounts counts;
    return counts;
}

Replayed replay(const model::Request& request, const model::Roster& roster) {
    Replayed replayed;
    replayed.status = detail::status_before_execution(request, roster);
    // The execution reads of the status only whether the form is frozen and who the
    // supervisor is, neither of which settling acceptance changes.
    replayed.execution = derive_execution(request, replayed.status, roster);
    detail::settle_from_execution(request, replayed.execution, roster, replayed.status);
    return replayed;
}

} // namespace collab::rules
