#include <algorithm>
#include <collab/rules/record_list.hpp>
#include <collab/util/text.hpp>

namespace collab::rules {

namespace {

RecordEntry entry_of(const Blocker& blocker) {
    RecordEntry entry{RecordKind::blocker, blocker.id, blocker.task, !blocker.closed_at, {}};
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
                      {}};
    util::append_unique(entry.people, risk.owner);
    return entry;
}

RecordEntry entry_of(const SyncAction& action) {
    RecordEntry entry{RecordKind::action, action.id, {}, !action.done, {}};
    util::append_unique(entry.people, action.owner);
    return entry;
}

RecordEntry entry_of(const ChangeRequest& change, const std::string& reviewer) {
    RecordEntry entry{RecordKind::change, change.id, {}, change_open(change), {}};
    util::append_unique(entry.people, change.proposed_by);
    util::append_unique(entry.people, change.decided_by.empty() ? reviewer : change.decided_by);
    for (const auto& owner : change.affected_owners) {
        util::append_unique(entry.people, owner);
    }
    return entry;
}

} // namespace

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

bool any_record_selected(const std::vector<RecordEntry>& entries, const RecordFilter& filter) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const RecordEntry& entry) { return record_selected(entry, filter); });
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
