#pragma once

#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::rules {

// The sub-records of a request that `collab blocker|risk|action|change list` show.
enum class RecordKind { blocker, risk, action, change };
// "blocker", "risk", "action", "change".
std::string_view record_kind_name(RecordKind kind);

// One blocker, risk, action item or change request as a listing selects it, none of
// which depends on the clock: the digests' index keeps it (rules/request_index), so
// that only requests holding a record to show are read in full.
struct RecordEntry {
    RecordKind kind = RecordKind::blocker;
    std::string id;
    std::string task; // the task it belongs to; empty: the request as a whole
    bool open = true; // blocker not closed, risk not resolved, action not done, change undecided
                      // or approved and not yet in force
    // Whom it concerns: a blocker's raiser and the person it waits on, a risk's or an
    // action's owner, a change's proposer, decider (the request's reviewer) and the
    // owners who must re-confirm it.
    std::vector<std::string> people;
};

// Whether a change request still waits on someone: undecided, or approved while an
// affected owner has not confirmed it.
bool change_open(const ChangeRequest& change);
// Who a change waits on now: the reviewer while undecided, else the affected owners
// who have not confirmed an approved change; none once it is settled.
std::vector<std::string> change_waiting_on(const ChangeRequest& change,
                                           const std::string& reviewer);

// Every blocker, risk, action item and change request of a replayed request, in the
// order they were raised, kind by kind.
std::vector<RecordEntry> record_entries(const Execution& execution, const RequestStatus& status);

// What a listing asks for: one kind, open ones unless `all`, concerning `person` and
// belonging to `task` when they are given.
struct RecordFilter {
    RecordKind kind = RecordKind::blocker;
    bool all = false;
    std::string person;
    std::string task;
};

bool record_selected(const RecordEntry& entry, const RecordFilter& filter);
// Whether any of `entries` is selected: the request is to be read in full.
bool any_record_selected(const std::vector<RecordEntry>& entries, const RecordFilter& filter);

// `task list`: open tasks (neither accepted nor removed) unless `all`; a state asked
// for (`wanted`) is shown whether open or not.
bool task_open(TaskState state);
bool task_selected(TaskState state, const std::optional<TaskState>& wanted, bool all);

} // namespace collab::rules
