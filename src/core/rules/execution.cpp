#include <algorithm>
#include <array>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/util/text.hpp>
#include <fmt/format.h>
#include <set>

namespace collab::rules {

namespace {

std::string field_of(const yaml::Node& node, std::string_view key) {
    const auto* value = node.find(key);
    return value != nullptr && value->is_scalar() ? value->scalar() : std::string();
}

model::Task task_from_node(const yaml::Node& node) {
    model::Task task;
    task.id = field_of(node, "id");
    task.name = field_of(node, "name");
    task.owner = field_of(node, "owner");
    task.collaborators = yaml::scalar_list(node.find("collaborators"));
    task.deadline = field_of(node, "deadline");
    task.deliverable = field_of(node, "deliverable");
    task.depends_on = yaml::scalar_list(node.find("depends_on"));
    for (const auto& item : yaml::scalar_list(node.find("covers"))) {
        try {
            task.covers.push_back(std::stoi(item));
        } catch (const std::exception&) {
            // Reported by the split rule on the table; ignored here.
        }
    }
    return task;
}

std::vector<ChangeOp> ops_from_node(const yaml::Node* node) {
    std::vector<ChangeOp> ops;
    if (node == nullptr) {
        return ops;
    }
    for (const auto& item : node->items()) {
        ChangeOp op;
        op.kind = field_of(item, "kind");
        op.target = field_of(item, "target");
        op.value = field_of(item, "value");
        if (const auto* task = item.find("task")) {
            op.task = task_from_node(*task);
        }
        ops.push_back(std::move(op));
    }
    return ops;
}

// The self-check a deliver entry recorded, as check_deliver takes it.
std::vector<SelfCheck> self_check_of(const model::Event& event) {
    std::vector<SelfCheck> checks;
    if (const auto* node = event.data.find("self_check")) {
        for (const auto& item : node->items()) {
            try {
                checks.push_back({std::stoi(field_of(item, "item")),
                                  field_of(item, "done") == "yes", field_of(item, "note")});
            } catch (const std::exception&) {
                // Not a number: it answers no item, so the item stays unanswered.
            }
        }
    }
    return checks;
}

// Confirmed tasks wait on dependencies not yet accepted; the rest can be worked on.
void settle_task_states(Execution& execution, time::Timestamp at) {
    for (auto& task : execution.tasks) {
        if (task.state != TaskState::waiting && task.state != TaskState::active) {
            continue;
        }
        bool ready = true;
        for (const auto& dep : task.task.depends_on) {
            const auto* other = execution.find_task(dep);
            if (other != nullptr && other->state != TaskState::accepted &&
                other->state != TaskState::removed) {
                ready = false;
            }
        }
        const auto next = ready ? TaskState::active : TaskState::waiting;
        // Idle time counts from when work could start, not from the confirmation.
        if (next == TaskState::active && task.state == TaskState::waiting) {
            task.last_update = task.last_update ? std::max(*task.last_update, at) : at;
        }
        task.state = next;
    }
}

void apply_change(Execution& execution, ChangeRequest& change) {
    for (const auto& op : change.ops) {
        // Described before it applies, so the line has the old value; an op on a
        // task that is not in the table changes nothing and leaves no line.
        const bool on_task = op.type() == model::ChangeOpKind::task_deadline ||
                             op.type() == model::ChangeOpKind::remove_task;
        if (!on_task || execution.find_task(op.target) != nullptr) {
            change.history.push_back(describe_change_op(op, execution));
        }
        if (op.type() == model::ChangeOpKind::task_deadline) {
            if (auto* task = execution.find_task(op.target)) {
                task->task.deadline = op.value;
            }
        } else if (op.type() == model::ChangeOpKind::due) {
            execution.due = op.value;
        } else if (op.type() == model::ChangeOpKind::add_task) {
            TaskStatus status;
            status.task = op.task;
            // The owner agreed to the new task by confirming the change.
            status.confirmed = true;
            status.confirmed_content = model::task_hash(op.task);
            status.state = TaskState::active;
            execution.tasks.push_back(std::move(status));
        } else if (op.type() == model::ChangeOpKind::remove_task) {
            if (auto* task = execution.find_task(op.target)) {
                task->state = TaskState::removed;
            }
        } else if (op.type() == model::ChangeOpKind::add_item) {
            const auto [action, acceptance] = model::split_pair(op.value);
            execution.items.push_back({action, acceptance});
        }
    }
    // A moved deadline is what the owner re-confirmed: their confirmation now binds
    // to the new row.
    for (auto& task : execution.tasks) {
        if (util::contains(change.confirmed_by, task.task.owner) && task.confirmed) {
            task.confirmed_content = model::task_hash(task.task);
        }
    }
    change.effective = true;
}

void settle_change(Execution& execution, ChangeRequest& change, const model::Event& event) {
    if (change.effective || change.decision != "approve") {
        return;
    }
    for (const auto& owner : change.affected_owners) {
        if (!util::contains(change.confirmed_by, owner)) {
            return;
        }
    }
    apply_change(execution, change);
    change.effective_event = &event;
    settle_task_states(execution, event.at);
}

ChangeRequest* find_change(Execution& execution, const std::string& id) {
    for (auto& change : execution.changes) {
        if (change.id == id) {
            return &change;
        }
    }
    return nullptr;
}

class Replay {
public:
    Replay(const model::Request& request, const RequestStatus& status, const model::Roster& roster,
           Execution& execution)
        : m_request(request), m_status(status), m_roster(roster), m_x(execution) {}

    bool apply(const model::Event& event);

private:
    bool is_lead(const std::string& person) const {
        return person == m_request.form.project_lead() || person == m_request.form.initiator;
    }
    bool split(const model::Event& event);
    bool confirm(const model::Event& event);
    bool progress(const model::Event& event);
    bool unblock(const model::Event& event);
    bool risk(const model::Event& event);
    bool risk_update(const model::Event& event);
    bool sync(const model::Event& event);
    bool action_done(const model::Event& event);
    bool change(const model::Event& event);
    bool change_decision(const model::Event& event);
    bool change_confirm(const model::Event& event);
    bool deliver(const model::Event& event);
    bool accept(const model::Event& event);
    bool feedback(const model::Event& event);

    const model::Request& m_request;
    const RequestStatus& m_status;
    const model::Roster& m_roster;
    Execution& m_x;
};

bool Replay::apply(const model::Event& event) {
    using model::ActionKind;
    switch (event.kind) {
    case ActionKind::split:
        return split(event);
    // A final request is under change control before it is split, too.
    case ActionKind::change:
        return change(event);
    case ActionKind::change_decision:
        return change_decision(event);
    case ActionKind::change_confirm:
        return change_confirm(event);
    default:
        break;
    }
    if (!m_x.split) {
        return false;
    }
    switch (event.kind) {
    case ActionKind::confirm:
        return confirm(event);
    case ActionKind::progress:
        return progress(event);
    case ActionKind::unblock:
        return unblock(event);
    case ActionKind::risk:
        return risk(event);
    case ActionKind::risk_update:
        return risk_update(event);
    case ActionKind::sync:
        return sync(event);
    case ActionKind::action_done:
        return action_done(event);
    case ActionKind::deliver:
        return deliver(event);
    case ActionKind::accept:
        return accept(event);
    case ActionKind::feedback:
        return feedback(event);
    default:
        return false;
    }
}

// Each entry must pass the part of its command's guard that needs no clock
// (execution_transitions.hpp), judged against the execution replayed so far.
bool Replay::deliver(const model::Event& event) {
    auto* task = m_x.find_task(event.field("task"));
    if (task == nullptr ||
        deliver_refusal(m_request, m_x, task->task.id, event.by, event.field("version"),
                        self_check_of(event), m_roster)) {
        return false;
    }
    task->state = TaskState::delivered;
    task->version += 1;
    task->version_label = event.field("version").empty() ? "v" + std::to_string(task->version)
                                                         : event.field("version");
    task->versions.push_back(task->version_label);
    task->delivered_at = event.at;
    task->last_update = event.at;
    task->verdicts.clear();
    // The delivery records whether it came after the deadline, judged in the
    // workspace's time zone when it was made.
    task->delivered_late = event.field("late") == "yes";
    m_x.deliveries.push_back(&event);
    return true;
}

bool Replay::accept(const model::Event& event) {
    auto* task = m_x.find_task(event.field("task"));
    const auto verdict = event.field("verdict");
    if (task == nullptr || (verdict != "pass" && verdict != "fail") ||
        accept_refusal(m_request, m_x, task->task.id, event.by, verdict == "pass",
                       event.field("comment"), event.field("reaccept_by"), m_roster)) {
        return false;
    }
    const auto people = acceptors(m_request, task->task);
    if (verdict == "fail") {
        task->verdicts[event.by] = verdict;
        task->state = TaskState::rework;
        task->rounds += 1;
        task->fails += 1;
        task->failed_at = event.at;
        task->reaccept_by = event.field("reaccept_by");
        return true;
    }
    task->verdicts[event.by] = verdict;
    const bool everyone = std::all_of(people.begin(), people.end(), [&](const auto& person) {
        return task->verdicts.count(person) != 0;
    });
    if (everyone) {
        task->state = TaskState::accepted;
        task->rounds += 1;
        task->first_pass = task->version == 1;
        task->accepted_at = event.at;
        task->reaccept_by.clear();
        settle_task_states(m_x, event.at);
        const bool all = std::all_of(m_x.tasks.begin(), m_x.tasks.end(), [](const auto& t) {
            return t.state == TaskState::accepted || t.state == TaskState::removed;
        });
        if (all) {
            m_x.accepted_at = event.at;
        }
    }
    return true;
}

bool Replay::feedback(const model::Event& event) {
    if (!m_x.accepted_at ||
        feedback_refusal(m_request, m_x, m_status.reviewer, event.by, m_roster)) {
        return false;
    }
    m_x.feedback.push_back(&event);
    return true;
}

bool Replay::split(const model::Event& event) {
    if (m_x.split || !m_request.tasks || !is_lead(event.by)) {
        return false;
    }
    m_x.split = true;
    m_x.split_at = event.at;
    m_x.split_by = event.by;
    if (const auto* hashes = event.data.find("tasks")) {
        for (const auto& [id, hash] : hashes->entries()) {
            m_x.split_hashes[id.scalar()] = hash.scalar();
        }
    }
    const auto* deadlines = event.data.find("deadlines");
    for (const auto& task : m_request.tasks->tasks) {
        TaskStatus status;
        status.task = task;
        const auto split_hash = m_x.split_hashes.find(task.id);
        status.edited_by_hand = split_hash != m_x.split_hashes.end() &&
                                !model::same_content(split_hash->second, model::task_hash(task));
        // A deadline moved by hand does not count: the split recorded the frozen one.
        const auto* frozen = deadlines != nullptr ? deadlines->find(task.id) : nullptr;
        if (status.edited_by_hand && frozen != nullptr && frozen->is_scalar()) {
            status.task.deadline = frozen->scalar();
        }
        m_x.tasks.push_back(std::move(status));
    }
    return true;
}

bool Replay::confirm(const model::Event& event) {
    auto* task = m_x.find_task(event.field("task"));
    if (task == nullptr || confirm_refusal(m_request, m_x, task->task.id, event.by, m_roster)) {
        return false;
    }
    task->confirmed = true;
    task->confirmed_content = event.content;
    task->confirmed_at = event.at;
    task->last_update = event.at;
    task->state = TaskState::waiting;
    settle_task_states(m_x, event.at);
    return true;
}

bool Replay::progress(const model::Event& event) {
    auto* task = m_x.find_task(event.field("task"));
    std::optional<BlockerInput> raised;
    if (const auto* node = event.data.find("blocker"); node != nullptr && node->is_map()) {
        raised =
            BlockerInput{field_of(*node, "text"), field_of(*node, "from"), field_of(*node, "by")};
    }
    if (task == nullptr ||
        progress_refusal(m_request, m_x, task->task.id, event.by, raised, m_roster)) {
        return false;
    }
    task->last_update = event.at;
    task->latest_note = event.field("note");
    if (const auto percent = event.field("percent"); !percent.empty()) {
        try {
            task->percent = std::clamp(std::stoi(percent), 0, 100);
        } catch (const std::exception&) {
            // A malformed percent is reported by the file checks; keep the last one.
        }
    }
    if (const auto* node = event.data.find("blocker"); node != nullptr && node->is_map()) {
        Blocker blocker;
        blocker.id = field_of(*node, "id");
        blocker.task = task->task.id;
        blocker.text = field_of(*node, "text");
        blocker.from = field_of(*node, "from");
        blocker.by_text = field_of(*node, "by");
        blocker.raised_by = event.by;
        blocker.raised_at = event.at;
        blocker.where = event.where;
        m_x.blockers.push_back(blocker);
    }
    m_x.progress.push_back(&event);
    return true;
}

bool Replay::unblock(const model::Event& event) {
    if (unblock_refusal(m_request, m_x, event.field("blocker"), event.by, m_roster)) {
        return false;
    }
    for (auto& blocker : m_x.blockers) {
        if (blocker.id != event.field("blocker") || blocker.closed_at) {
            continue;
        }
        blocker.closed_at = event.at;
        blocker.closed_by = event.by;
        return true;
    }
    return false;
}

bool Replay::risk(const model::Event& event) {
    Risk risk;
    risk.id = event.field("risk");
    risk.target = event.field("target");
    risk.text = event.field("text");
    risk.owner = event.field("owner");
    risk.due = event.field("due");
    risk.where = event.where;
    const auto task = risk.target == m_request.id ? std::string() : risk.target;
    if (risk.id.empty() ||
        risk_add_refusal(m_request, m_x, task, risk.text, risk.owner, risk.due, m_roster)) {
        return false;
    }
    risk.history.push_back({"open", risk.text});
    m_x.risks.push_back(risk);
    return true;
}

bool Replay::risk_update(const model::Event& event) {
    if (risk_update_refusal(m_request, m_x, event.field("risk"), event.field("status"), event.by,
                            m_roster)) {
        return false;
    }
    for (auto& risk : m_x.risks) {
        if (risk.id == event.field("risk")) {
            risk.status = event.field("status");
            risk.history.push_back({risk.status, event.field("note")});
            return true;
        }
    }
    return false;
}

bool Replay::sync(const model::Event& event) {
    if (sync_refusal(m_request, event.by, m_roster)) {
        return false;
    }
    m_x.syncs.push_back(&event);
    if (const auto* actions = event.data.find("actions")) {
        for (const auto& item : actions->items()) {
            m_x.actions.push_back({field_of(item, "id"), field_of(item, "text"),
                                   field_of(item, "owner"), field_of(item, "deadline"), false,
                                   event.where});
        }
    }
    return true;
}

bool Replay::action_done(const model::Event& event) {
    if (action_done_refusal(m_request, m_x, event.field("item"), event.by, m_roster)) {
        return false;
    }
    for (auto& action : m_x.actions) {
        if (action.id == event.field("item") && !action.done) {
            action.done = true;
            return true;
        }
    }
    return false;
}

bool Replay::change(const model::Event& event) {
    ChangeRequest change;
    change.id = event.field("change");
    change.proposed_by = event.by;
    change.proposed_at = event.at;
    change.reason = event.field("reason");
    change.ops = ops_from_node(event.data.find("ops"));
    change.affected_owners = affected_owners(m_x, change.ops);
    change.where = event.where;
    if (change.id.empty() || change_refusal(m_request, m_x, change.ops, change.reason,
                                            m_status.reviewer, event.by, m_roster)) {
        return false;
    }
    m_x.changes.push_back(change);
    return true;
}

bool Replay::change_decision(const model::Event& event) {
    auto* change = find_change(m_x, event.field("change"));
    std::string on_behalf_of; // a delegate's entry names the supervisor it acts for
    if (change == nullptr ||
        change_decision_refusal(m_request, m_x, change->id, m_status.reviewer, event.by, m_roster,
                                on_behalf_of) ||
        event.on_behalf_of != on_behalf_of) {
        return false;
    }
    change->decision = event.field("decision");
    change->decided_by = event.by;
    settle_change(m_x, *change, event);
    return true;
}

bool Replay::change_confirm(const model::Event& event) {
    auto* change = find_change(m_x, event.field("change"));
    if (change == nullptr || change->effective ||
        change_confirm_refusal(m_request, m_x, change->id, event.by, m_roster)) {
        return false;
    }
    change->confirmed_by.push_back(event.by);
    settle_change(m_x, *change, event);
    return true;
}

} // namespace

i18n::Message describe_change_op(const ChangeOp& op, const Execution& execution) {
    using i18n::msg;
    const auto* task = execution.find_task(op.target);
    if (op.type() == model::ChangeOpKind::task_deadline) {
        return msg("change.op.task_deadline", op.target, task ? task->task.deadline : "?",
                   op.value);
    }
    if (op.type() == model::ChangeOpKind::due) {
        return msg("change.op.due", execution.due, op.value);
    }
    if (op.type() == model::ChangeOpKind::add_task) {
        return msg("change.op.add_task", op.task.id, op.task.name, op.task.owner, op.task.deadline);
    }
    if (op.type() == model::ChangeOpKind::remove_task) {
        return msg("change.op.remove_task", op.target, task ? task->task.name : "");
    }
    if (op.type() == model::ChangeOpKind::add_item) {
        return msg("change.op.add_item", op.value);
    }
    if (op.type() == model::ChangeOpKind::remove_item) {
        return msg("change.op.remove_item", op.target);
    }
    if (op.type() == model::ChangeOpKind::withdraw) {
        return msg("change.op.withdraw");
    }
    return msg("change.op.scope", op.value);
}

std::string_view task_state_name(TaskState state) {
    static constexpr std::array<std::string_view, 7> names = {
        "planned", "waiting", "active", "delivered", "accepted", "rework", "removed"};
    return names[static_cast<std::size_t>(state)];
}

std::vector<std::string> acceptors(const model::Request& request, const model::Task& task) {
    // The lead runs the acceptance; when the lead owns the task, the initiator does.
    std::vector<std::string> people;
    if (request.form.project_lead() != task.owner) {
        people.push_back(request.form.project_lead());
    } else if (request.form.initiator != task.owner) {
        people.push_back(request.form.initiator);
    }
    for (const auto& person : task.collaborators) {
        if (person != task.owner && !util::contains(people, person)) {
            people.push_back(person);
        }
    }
    if (people.empty()) {
        people.push_back(request.form.project_lead()); // nobody else was named
    }
    return people;
}

std::optional<time::Timestamp> Execution::last_sync_or_split() const {
    std::optional<time::Timestamp> latest = split_at;
    for (const auto* sync : syncs) {
        // held_at carries its own offset, so any zone reads it the same.
        const auto held = time::parse_timestamp(sync->field("held_at"), time::Zone::utc());
        const auto at = held.value_or(sync->at);
        latest = latest ? std::max(*latest, at) : at;
    }
    return latest;
}

std::optional<time::Timestamp> Execution::sync_due(const Context& context) const {
    const auto last = last_sync_or_split();
    if (!last) {
        return std::nullopt;
    }
    const auto day = context.calendar.add(context.zone.local_date(*last),
                                          context.config.numbers.sync_every_days);
    if (!std::holds_alternative<time::Date>(day)) {
        return std::nullopt;
    }
    return context.zone.at_local(std::get<time::Date>(day), context.config.work_day_end);
}

const TaskStatus* Execution::find_task(std::string_view id) const {
    for (const auto& task : tasks) {
        if (task.task.id == id) {
            return &task;
        }
    }
    return nullptr;
}

TaskStatus* Execution::find_task(std::string_view id) {
    for (auto& task : tasks) {
        if (task.task.id == id) {
            return &task;
        }
    }
    return nullptr;
}

Execution derive_execution(const model::Request& request, const RequestStatus& status,
                           const model::Roster& roster) {
    ++replay_counts().execution;
    Execution execution;
    execution.due = request.form.due;
    execution.items = request.form.items;
    if (!is_frozen(status.state)) {
        return execution;
    }
    Replay replay(request, status, roster, execution);
    for (const auto& event : request.events) {
        // The actions from the split on (model/actions: the stage of each).
        if (event.kind == model::ActionKind::unknown ||
            model::action_info(event.kind).stage < model::Stage::split || event.lacks_content()) {
            // An entry without its content hash is reported by derive_status's replay.
            continue;
        }
        if (!replay.apply(event)) {
            execution.ignored.push_back(&event);
        }
    }
    return execution;
}

model::TaskTable table_in_force(const Execution& execution, const std::string& path) {
    model::TaskTable table;
    table.path = path;
    for (const auto& task : execution.tasks) {
        if (task.state != TaskState::removed) {
            table.tasks.push_back(task.task);
        }
    }
    return table;
}

model::TaskTable table_with_ops(const Execution& execution, const std::vector<ChangeOp>& ops,
                                const std::string& path) {
    auto table = table_in_force(execution, path);
    for (const auto& op : ops) {
        if (op.type() == model::ChangeOpKind::task_deadline) {
            for (auto& task : table.tasks) {
                if (task.id == op.target) {
                    task.deadline = op.value;
                }
            }
        } else if (op.type() == model::ChangeOpKind::add_task) {
            table.tasks.push_back(op.task);
        } else if (op.type() == model::ChangeOpKind::remove_task) {
            table.tasks.erase(std::remove_if(table.tasks.begin(), table.tasks.end(),
                                             [&](const auto& t) { return t.id == op.target; }),
                              table.tasks.end());
        }
    }
    return table;
}

std::string effective_deadline(const TaskStatus& task) {
    const bool reworking = task.state == TaskState::rework || task.state == TaskState::delivered;
    // Dates are YYYY-MM-DD, so text order is date order.
    if (reworking && time::parse_date(task.reaccept_by) &&
        (!time::parse_date(task.task.deadline) || task.reaccept_by > task.task.deadline)) {
        return task.reaccept_by;
    }
    return task.task.deadline;
}

TaskTiming task_timing(const TaskStatus& task, const Context& context) {
    TaskTiming timing;
    const auto today = context.zone.local_date(context.now);
    timing.deadline = effective_deadline(task);
    timing.finished = task.state == TaskState::accepted || task.state == TaskState::removed;
    // A finished task has no countdown: never a negative number of days left.
    if (const auto deadline = time::parse_date(timing.deadline); deadline && !timing.finished) {
        timing.days_left = context.calendar.day_count(today, *deadline);
        timing.overdue =
            context.now > context.zone.at_local(*deadline, context.config.work_day_end);
    }
    if (task.state == TaskState::active && task.last_update) {
        timing.idle_days =
            context.calendar.day_count(context.zone.local_date(*task.last_update), today);
        // Not called stale on a count that could not be made.
        timing.stale = timing.idle_days.value_or(0) > context.config.numbers.stale_after_days;
    }
    return timing;
}

std::vector<std::string> affected_owners(const Execution& execution,
                                         const std::vector<ChangeOp>& ops) {
    std::vector<std::string> owners;
    const auto add = [&](const std::string& person) {
        if (!person.empty() && !util::contains(owners, person)) {
            owners.push_back(person);
        }
    };
    for (const auto& op : ops) {
        if (op.type() == model::ChangeOpKind::task_deadline ||
            op.type() == model::ChangeOpKind::remove_task) {
            if (const auto* task = execution.find_task(op.target)) {
                add(task->task.owner);
            }
        } else if (op.type() == model::ChangeOpKind::add_task) {
            add(op.task.owner);
        } else if (op.type() == model::ChangeOpKind::due) {
            const auto due = time::parse_date(op.value);
            for (const auto& task : execution.tasks) {
                const auto deadline = time::parse_date(task.task.deadline);
                if (due && deadline && date::sys_days(*deadline) > date::sys_days(*due)) {
                    add(task.task.owner);
                }
            }
        }
    }
    return owners;
}

std::vector<std::string> downstream_impact(const Execution& execution,
                                           const std::vector<ChangeOp>& ops,
                                           const time::Calendar& calendar) {
    // The finish date of every task as it would be, starting from the deadlines.
    std::map<std::string, date::sys_days> finish;
    for (const auto& task : execution.tasks) {
        if (auto deadline = time::parse_date(task.task.deadline)) {
            finish[task.task.id] = date::sys_days(*deadline);
        }
    }
    for (const auto& op : ops) {
        if (op.type() == model::ChangeOpKind::task_deadline) {
            if (auto moved = time::parse_date(op.value)) {
                finish[op.target] = date::sys_days(*moved);
            }
        }
    }
    std::vector<std::string> impacted;
    // Relax along dependencies until nothing moves (tables are small and acyclic).
    for (std::size_t round = 0; round <= execution.tasks.size(); ++round) {
        bool moved = false;
        for (const auto& task : execution.tasks) {
            const auto own = time::parse_date(task.task.deadline);
            if (!own || task.state == TaskState::removed) {
                continue;
            }
            std::optional<date::sys_days> latest_dep;
            for (const auto& dep : task.task.depends_on) {
                if (auto found = finish.find(dep); found != finish.end()) {
                    latest_dep = latest_dep ? std::max(*latest_dep, found->second) : found->second;
                }
            }
            if (!latest_dep) {
                continue;
            }
            // Without a calendar for the start's year (uncovered_years: error) the day
            // after is the earliest start there can be: a bound, not a guess.
            const auto start = calendar.add(time::Date(*latest_dep), 1);
            const auto start_day = std::holds_alternative<time::Date>(start)
                                       ? date::sys_days(std::get<time::Date>(start))
                                       : *latest_dep + date::days{1};
            if (start_day > date::sys_days(*own)) {
                if (!util::contains(impacted, task.task.id)) {
                    impacted.push_back(task.task.id);
                }
                if (finish[task.task.id] < start_day) {
                    finish[task.task.id] = start_day;
                    moved = true;
                }
            }
        }
        if (!moved) {
            break;
        }
    }
    return impacted;
}

} // namespace collab::rules
