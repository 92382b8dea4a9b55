#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/actions.hpp>
#include <collab/model/request.hpp>
#include <collab/model/task_table.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/request_status.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// Task states of docs/PROCESS.md. A confirmed task is `waiting` while a task it depends
// on is not accepted, else `active`.
enum class TaskState { planned, waiting, active, delivered, accepted, rework, removed };
std::string_view task_state_name(TaskState state);

// A need for support raised with a progress update: what, from whom, by when.
struct Blocker {
    std::string id; // B-XXXX
    std::string task;
    std::string text;
    std::string from; // the person it waits on
    std::optional<time::Timestamp> by;
    std::string by_text;
    std::string raised_by;
    time::Timestamp raised_at{};
    std::optional<time::Timestamp> closed_at;
    std::string closed_by;
    SourceLocation where;
};

// An entry of the risk list (风险点) and its resolution status.
struct Risk {
    std::string id;     // RK-XXXX
    std::string target; // the request id or a task id
    std::string text;
    std::string owner;
    std::string due;
    std::string status = "open";                              // open, mitigating, resolved
    std::vector<std::pair<std::string, std::string>> history; // (status, note)
    SourceLocation where;
};

// An action item decided at a sync meeting, with its owner and deadline.
struct SyncAction {
    std::string id; // A-XXXX
    std::string text;
    std::string owner;
    std::string deadline;
    bool done = false;
    SourceLocation where;
};

// One operation of a change request.
struct ChangeOp {
    std::string kind;   // as written in the log: a name of the change-op table (model/actions)
    std::string target; // task id, item number
    std::string value;  // new deadline or due date, new item "action :: criterion", scope text
    model::Task task;   // for add-task

    // `kind` looked up in the change-op table.
    model::ChangeOpKind type() const { return model::change_op_by_name(kind); }
};

// A change request and where it stands.
struct ChangeRequest {
    std::string id; // CR-XXXX
    std::string proposed_by;
    time::Timestamp proposed_at{};
    std::string reason;
    std::vector<ChangeOp> ops;
    std::string decision; // "", approve, reject
    std::string decided_by;
    std::vector<std::string> affected_owners; // who must re-confirm
    std::vector<std::string> confirmed_by;
    bool effective = false;
    const model::Event* effective_event = nullptr; // the decision or confirmation that applied it
    // What it changed, old -> new, in effect order (change.op.*: "T2 deadline 2026-07-15 ->
    // 2026-07-17"); rendered by the command layer.
    std::vector<i18n::Message> history;
    SourceLocation where;
};

// One task as it stands: the effective row (split plus approved changes) and its state.
struct TaskStatus {
    model::Task task;
    TaskState state = TaskState::planned;
    bool confirmed = false;
    std::string confirmed_content; // the task hash the owner confirmed
    std::optional<time::Timestamp> confirmed_at;
    std::optional<time::Timestamp> last_update; // latest progress, else confirmation
    int percent = 0;
    std::string latest_note;
    std::optional<time::Timestamp> delivered_at;
    bool edited_by_hand = false; // tasks.yaml's row differs from what was split
    int version = 0;             // deliveries so far: a rework round bumps it
    std::string version_label;   // as the owner named it ("1.0"), else "v<version>"
    bool delivered_late = false;
    int rounds = 0;                              // acceptance rounds decided (pass or fail)
    int fails = 0;                               // failed acceptance rounds
    std::vector<std::string> versions;           // every version delivered, oldest first
    bool first_pass = false;                     // accepted on the first delivery
    std::map<std::string, std::string> verdicts; // acceptor -> pass|fail, this delivery
    std::optional<time::Timestamp> accepted_at;
    std::optional<time::Timestamp> failed_at;
    std::string reaccept_by; // YYYY-MM-DD, after a failed acceptance
};

// The people whose signatures a task's acceptance needs: the project lead and the
// task's collaborators (never its owner).
std::vector<std::string> acceptors(const model::Request& request, const model::Task& task);

// Everything stages 3 and 4 derive from a split request's events.
struct Execution {
    bool split = false;
    std::optional<time::Timestamp> split_at;
    std::string split_by;
    std::map<std::string, std::string> split_hashes; // task id -> hash at split
    std::vector<TaskStatus> tasks;                   // in table order, added tasks last
    std::vector<model::ActionItem> items;            // the action items in force
    std::string due;                                 // the request's due date in force
    std::vector<Blocker> blockers;
    std::vector<Risk> risks;
    std::vector<const model::Event*> syncs;
    std::vector<SyncAction> actions;
    std::vector<ChangeRequest> changes;
    std::vector<const model::Event*> progress;   // every progress update, in order
    std::vector<const model::Event*> deliveries; // every acceptance form, in order
    std::vector<const model::Event*> feedback;   // every survey answer, in order
    std::optional<time::Timestamp> accepted_at;  // when the last task was accepted
    std::vector<const model::Event*> ignored;    // entries that did not apply

    // When the latest sync was held (its held_at), else when the request was split.
    std::optional<time::Timestamp> last_sync_or_split() const;
    // When the next sync is due: the end of the working day (work_day_end) that is
    // sync_every_days working days after the latest sync or the split, counted with
    // the calendar, so holidays do not count. nullopt before the split or outside
    // the calendar's years.
    std::optional<time::Timestamp> sync_due(const Context& context) const;

    const TaskStatus* find_task(std::string_view id) const;
    TaskStatus* find_task(std::string_view id);
};

// Replays the execution events of a request. Pure.
Execution derive_execution(const model::Request& request, const RequestStatus& status,
                           const model::Roster& roster);

// The table in force (removed tasks left out), and what it would be with `ops` applied.
// One op of a change request as a line of its history, with the values in force
// before it applies ("T2 deadline 2026-07-15 -> 2026-07-17"): the proposal shows it,
// and the change's history keeps it once the op takes effect.
i18n::Message describe_change_op(const ChangeOp& op, const Execution& execution);

model::TaskTable table_in_force(const Execution& execution, const std::string& path);
model::TaskTable table_with_ops(const Execution& execution, const std::vector<ChangeOp>& ops,
                                const std::string& path);

// The deadline a task is held to: its own, or while a failed acceptance is being
// reworked and redelivered, the re-acceptance date if that is later. A redelivery
// inside the re-acceptance window is on time.
std::string effective_deadline(const TaskStatus& task);

// Where a task stands against time, as of context.now.
struct TaskTiming {
    std::string deadline; // the effective deadline (effective_deadline)
    // Working days from today to the deadline; negative once past. Unknown ("?")
    // or guessed ("n*") when a year it needs has no calendar.
    time::DayCount days_left{0, 0};
    bool finished = false;          // accepted or removed: no countdown
    bool overdue = false;           // past the deadline's end of day and not yet accepted
    bool stale = false;             // active, with no update for more than the progress rule's days
    time::DayCount idle_days{0, 0}; // working days since the last update
};
TaskTiming task_timing(const TaskStatus& task, const Context& context);

// Tasks whose own deadline would pass before they can start if `ops` took effect:
// dependants (direct or not) of moved tasks whose earliest start, the working day
// after their dependencies' deadlines, falls after their deadline.
std::vector<std::string> downstream_impact(const Execution& execution,
                                           const std::vector<ChangeOp>& ops,
                                           const time::Calendar& calendar);

// The owners who must re-confirm a change: owners of tasks it moves, adds or removes,
// and of tasks whose deadline would fall after a moved request due date.
std::vector<std::string> affected_owners(const Execution& execution,
                                         const std::vector<ChangeOp>& ops);

} // namespace collab::rules
