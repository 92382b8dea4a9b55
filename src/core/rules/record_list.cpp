#include <algorithm>
#include <collab/rules/record_list.hpp>
#include <collab/util/text.hpp>

namespace collab::rules {

namespace {

RecordEntry entry_of(const Blocker& blocker) {
    RecordEntry entry{RecordKind::blocker,
                      blocker.id,
                      blocker.task,
                      !blocker.closed_at,
                      {},
                      BlockerShown{blocker.text, blocker.from, blocker.by, blocker.by_text,
                                   blocker.raised_by, blocker.raised_at, blocker.closed_at,
                                   blocker.closed_by}};
    util::append_unique(entry.people, blocker.raised_by);
    util::append_unique(entry.people, blocker.from);
    return entry;
}

// A risk targets the request (its id) or one of its tasks.
RecordEntry entry_of(const Risk& risk, const Execution& execution) {
    const bool on_task = execution.find_task(risk.target) != nullptr;
    RecordEntry entry{RecordKind::risk,
                      risk.id,
                      on_task ? risk.target : std::string(),
                      risk.status != "resolved",
                      {},
                      RiskShown{risk.target, risk.text, risk.owner, risk.due, risk.status}};
    util::append_unique(entry.people, risk.owner);
    return entry;
}

RecordEntry entry_of(const SyncAction& action) {
    RecordEntry entry{RecordKind::action,
                      action.id,
                      {},
                      !action.done,
                      {},
                      ActionShown{action.text, action.owner, action.deadline, action.done}};
    util::append_unique(entry.people, action.owner);
    return entry;
}

RecordEntry entry_of(const ChangeRequest& change, const std::string& reviewer) {
    RecordEntry entry{RecordKind::change,
                      change.id,
                      {},
                      change_open(change),
                      {},
                      ChangeShown{change.reason, change.proposed_by, change.proposed_at,
                                  change.decision, change.decided_by, change.affected_owners,
                                  change.confirmed_by, change_waiting_on(change, reviewer),
                                  change.effective}};
    util::append_unique(entry.people, change.proposed_by);
    util::append_unique(entry.people, change.decided_by.empty() ? reviewer : change.decided_by);
    for (const auto& owner : change.affected_owners) {
        util::append_unique(entry.people, owner);
    }
    return entry;
}

struct StateOf {
    std::string operator()(const BlockerShown& blocker) const {
        return blocker.closed_at ? "closed" : "open";
    }
    std::string operator()(const RiskShown& risk) const { return risk.status; }
    std::string operator()(const ActionShown& action) const {
        return action.done ? "done" : "open";
    }
    std::string operator()(const ChangeShown& change) const {
        if (change.decision.empty()) {
            return "pending";
        }
        if (change.decision != "approve") {
            return "rejected";
        }
        return change.effective ? "approved" : "confirming";
    }
};

} // namespace

std::string record_state(const RecordEntry& entry) {
    return std::visit(StateOf{}, entry.shown);
}

std::string_view record_kind_name(RecordKind kind) {
    switch (kind) {
    case RecordKind::blocker:
        return "blocker";
    case RecordKind::risk:
        return "risk";
    case RecordKind::action:
        return "action";
    case RecordKind::change:
        return "change";
    }
    return "blocker";
}

bool change_open(const ChangeRequest& change) {
    return change.decision.empty() || (change.decision == "approve" && !change.effective);
}

std::vector<std::string> change_waiting_on(const ChangeRequest& change,
                                           const std::string& reviewer) {
    std::vector<std::string> waiting;
    if (change.decision.empty()) {
        util::append_unique(waiting, reviewer);
    } else if (change_open(change)) {
        for (const auto& owner : change.affected_owners) {
            if (!util::contains(change.confirmed_by, owner)) {
                util::append_unique(waiting, owner);
            }
        }
    }
    return waiting;
}

std::vector<RecordEntry> record_entries(const Execution& execution, const RequestStatus& status) {
    std::vector<RecordEntry> entries;
    for (const auto& blocker : execution.blockers) {
        entries.push_back(entry_of(blocker));
    }
    for (const auto& risk : execution.risks) {
        entries.push_back(entry_of(risk, execution));
    }
    for (const auto& action : execution.actions) {
        entries.push_back(entry_of(action));
    }
    for (const auto& change : execution.changes) {
        entries.push_back(entry_of(change, status.reviewer));
    }
    return entries;
}

bool record_selected(const RecordEntry& entry, const RecordFilter& filter) {
    return entry.kind == filter.kind && (filter.all || entry.open) &&
           (filter.person.empty() || util::contains(entry.people, filter.person)) &&
           (filter.task.empty() || entry.task == filter.task);
}

bool task_open(TaskState state) {
    return state != TaskState::accepted && state != TaskState::removed;
}

bool task_selected(TaskState state, const std::optional<TaskState>& wanted, bool all) {
    if (wanted) {
        return state == *wanted;
    }
    return all || task_open(state);
}

} // namespace collab::rules
