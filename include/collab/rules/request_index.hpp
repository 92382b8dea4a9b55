#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/record_list.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/time/calendar.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace collab::rules {

struct Replayed; // rules/replay

// What a listing shows of a request, worked out without the clock: the state before
// state_at closes an accepted request, the review as recorded. What depends on `now`
// (closed, days left, late) is judged from it (cli/request_view summarize).
struct RequestListing {
    std::string id;
    std::string title;
    std::string initiator;
    std::string lead; // as written in the form (empty: the initiator leads)
    std::string due;
    std::string source;  // internal | customer: which review service level
    std::string content; // the form's content hash
    std::vector<std::string> participants;
    RequestState state = RequestState::draft; // derive_status, before state_at
    int round = 0;
    std::string reviewer;
    std::optional<time::Timestamp> submitted_at;
    std::optional<time::Timestamp> accepted_at;
    // The latest review on or after the latest submission.
    std::optional<time::Timestamp> reviewed_at;
};

RequestListing listing_of(const model::Request& request, const model::Roster& roster);
// The same from the request's status already derived.
RequestListing listing_of(const model::Request& request, const RequestStatus& status);

// An open blocker or a risk not yet resolved, as the task list shows it beside its task.
struct TaskBlockerNote {
    std::string id;
    std::string text;
    std::string from;    // the person it waits on
    std::string by_text; // "by" as written
    bool operator==(const TaskBlockerNote&) const = default;
};
struct TaskRiskNote {
    std::string id;
    std::string text;
    std::string status; // open, mitigating
    bool operator==(const TaskRiskNote&) const = default;
};

// One task as the task list filters and shows it: the execution's task (after change
// requests), its owner, collaborators and state, and what its row shows, none of which
// depends on now (task_timing works out the rest at each run).
struct TaskEntry {
    std::string id;
    std::string name;
    std::string owner;
    std::vector<std::string> collaborators;
    TaskState state = TaskState::planned;
    std::string deadline;    // as split, or as a change request moved it
    std::string reaccept_by; // after a failed acceptance
    std::string deliverable;
    std::vector<std::string> depends_on;
    bool confirmed = false;
    bool edited_by_hand = false;
    int percent = 0;
    std::string latest_note;
    std::optional<time::Timestamp> last_update;
    std::vector<TaskBlockerNote> open_blockers;
    std::vector<TaskRiskNote> risks;
    bool operator==(const TaskEntry&) const = default;
};

// The entry of one task of a replayed execution.
TaskEntry task_entry(const TaskStatus& task, const Execution& execution);
// The task's status as far as its entry keeps it: what the task list and task_timing
// read. The rest (deliveries, verdicts, versions) is left at its defaults.
TaskStatus listed_status(const TaskEntry& entry);

// The inputs of `collab stats` from one request, without the clock: what compute_stats
// folds into its numbers, in the order it folds them.
struct StatsInputs {
    std::optional<time::Timestamp> first_submit; // none: not counted
    std::optional<time::Timestamp> final_at;
    struct Review {
        time::Timestamp submitted;
        time::Timestamp decided;
        std::optional<time::Timestamp> due; // none: a year no calendar covers
        int uncovered_year = 0;
    };
    std::vector<Review> reviews;
    std::size_t tasks_delivered = 0;
    std::size_t tasks_on_time = 0;
    std::size_t tasks_accepted = 0;
    std::size_t tasks_first_pass = 0;
    std::size_t rework_rounds = 0;
    struct BlockerWait {
        std::string department; // of the person waited on, "?" when unknown
        time::Timestamp raised_at;
        std::optional<time::Timestamp> closed_at; // open: counted up to now
    };
    std::vector<BlockerWait> blockers;
    std::vector<std::pair<std::string, double>> feedback; // question key, score
    std::optional<time::Timestamp> accepted_at;           // every task accepted
};

StatsInputs stats_inputs(const model::Request& request, const Context& context);
StatsInputs stats_inputs(const model::Request& request, const Replayed& replayed,
                         const Context& context);

// What listing, counting and finding an id need of a request (see RequestDigest).
struct RequestIndex {
    bool existed = true;       // false: created after context.now, not to be listed
    bool form_unknown = false; // the form as of context.now could not be rebuilt
    RequestListing listing;
    std::vector<std::string> table_tasks; // ids in tasks.yaml, for a bare task id
    std::vector<TaskEntry> tasks;
    // Record ids the logs name, per field a bare id is looked up by
    // (Session::resolve_record): blocker, risk, change, actions.
    std::vector<std::pair<std::string, std::vector<std::string>>> records;
    // The blockers, risks, action items and change requests in force, for their
    // listings (rules/record_list).
    std::vector<RecordEntry> record_entries;
    StatsInputs stats;
};

// The fields resolve_record looks ids up by.
inline constexpr const char* k_record_fields[] = {"blocker", "risk", "change", "actions"};

// The index of a request as it stands (no entry after context.now is left out here:
// digest_request passes the request as of context.now).
RequestIndex index_request(const model::Request& request, const Context& context);
// The same from the request's replay (rules/replay): nothing replayed again.
RequestIndex index_request(const model::Request& request, const Replayed& replayed,
                           const Context& context);

} // namespace collab::rules
