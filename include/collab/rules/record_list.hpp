#pragma once

#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/time/timestamp.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace collab::rules {

// The sub-records of a request that `collab blocker|risk|action|change list` show.
enum class RecordKind { blocker, risk, action, change };
// "blocker", "risk", "action", "change".
std::string_view record_kind_name(RecordKind kind);

// What a listing shows of each kind, kept in the digests' index so that a listing
// reads no request in full (the replayed records hold more: where, history, ops).
struct BlockerShown {
    std::string text;
    std::string from; // the person it waits on
    std::optional<time::Timestamp> by;
    std::string by_text; // as written, with its offset
    std::string raised_by;
    time::Timestamp raised_at{};
    std::optional<time::Timestamp> closed_at;
    std::string closed_by;
    bool operator==(const BlockerShown&) const = default;
};
struct RiskShown {
    std::string target; // the request id or a task id
    std::string text;
    std::string owner;
    std::string due;
    std::string status; // open, mitigating, resolved
    bool operator==(const RiskShown&) const = default;
};
struct ActionShown {
    std::string text;
    std::string owner;
    std::string deadline;
    bool done = false;
    bool operator==(const ActionShown&) const = default;
};
struct ChangeShown {
    std::string reason;
    std::string proposed_by;
    time::Timestamp proposed_at{};
    std::string decision; // "", approve, reject
    std::string decided_by;
    std::vector<std::string> affected_owners;
    std::vector<std::string> confirmed_by;
    std::vector<std::string> waiting_on; // change_waiting_on
    bool effective = false;
    bool operator==(const ChangeShown&) const = default;
};
using RecordShown = std::variant<BlockerShown, RiskShown, ActionShown, ChangeShown>;

// One blocker, risk, action item or change request as a listing selects and shows it,
// none of which depends on the clock.
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
    RecordShown shown; // of the kind above
    bool operator==(const RecordEntry&) const = default;
};

// The state a listing names a record by: open or closed (blocker); open, mitigating or
// resolved (risk); open or done (action); pending (undecided), confirming (approved, an
// affected owner has not confirmed), approved (in force) or rejected (change).
std::string record_state(const RecordEntry& entry);

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

// `task list`: open tasks (neither accepted nor removed) unless `all`; a state asked
// for (`wanted`) is shown whether open or not.
bool task_open(TaskState state);
bool task_selected(TaskState state, const std::optional<TaskState>& wanted, bool all);

} // namespace collab::rules
