#include <algorithm>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/rules/split_rule.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

bool is_lead(const model::Request& request, const std::string& person) {
    return person == request.form.project_lead() || person == request.form.initiator;
}

// `verb` is an action id: refuse.wrong_state.<verb> is the sentence in each language.
std::optional<Refusal> require_in_progress(const model::Request& request,
                                           const RequestStatus& status, const Execution& execution,
                                           const std::string& rule, const std::string& verb) {
    if (execution.split && status.state == RequestState::in_progress) {
        return std::nullopt;
    }
    Refusal refusal{rule,
                    msg("refuse.wrong_state." + verb, request.id, state_name(status.state)),
                    {msg("hint.see_next", request.id)},
                    {}};
    return refusal;
}

} // namespace

std::optional<Refusal> check_working_date(const std::string& rule, const std::string& text,
                                          const Context& context) {
    const auto date = time::parse_date(text);
    if (!date) {
        return Refusal{rule, msg("form.bad_date", text), {}, {}};
    }
    const auto working = context.calendar.is_working_day(*date);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&working)) {
        return Refusal{rule, msg("form.due_uncovered", text, uncovered->year), {}, {}};
    }
    if (!std::get<bool>(working)) {
        const auto next = context.calendar.add(*date, 0);
        const auto next_text = std::holds_alternative<time::Date>(next)
                                   ? time::format_date(std::get<time::Date>(next))
                                   : std::string("?");
        if (const auto* holiday = context.calendar.holiday_on(*date)) {
            return Refusal{rule, msg("form.due_holiday", text, holiday->name, next_text), {}, {}};
        }
        return Refusal{rule, msg("form.due_weekend", text, next_text), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_confirm(const model::Request& request, const Replayed& replayed,
                                     const std::string& task, const std::string& actor,
                                     const Context& context) {
    const auto& execution = replayed.execution;
    if (auto refusal =
            require_in_progress(request, replayed.status, execution, "split", "confirm")) {
        return refusal;
    }
    return confirm_refusal(request, execution, task, actor, context.roster);
}

std::optional<Refusal> confirm_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& task, const std::string& actor,
                                       const model::Roster& roster) {
    const auto* status = execution.find_task(task);
    if (status == nullptr) {
        return Refusal{"split", msg("refuse.no_task", request.id, task), {}, {}};
    }
    if (status->task.owner != actor) {
        return Refusal{"split",
                       msg("refuse.not_owner", task, roster.display(status->task.owner),
                           roster.display(actor)),
                       {},
                       {}};
    }
    if (status->confirmed) {
        return Refusal{"split", msg("refuse.already_confirmed", task), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_progress(const model::Request& request, const Replayed& replayed,
                                      const std::string& task, const std::string& actor,
                                      const std::optional<BlockerInput>& blocker,
                                      const Context& context) {
    const auto& execution = replayed.execution;
    if (auto refusal =
            require_in_progress(request, replayed.status, execution, "progress", "progress")) {
        return refusal;
    }
    if (auto refusal = progress_refusal(request, execution, task, actor, blocker, context.roster)) {
        return refusal;
    }
    if (blocker && !time::parse_timestamp(blocker->by, context.zone)) {
        return Refusal{"progress", msg("refuse.blocker_by", blocker->by), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> progress_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& task, const std::string& actor,
                                        const std::optional<BlockerInput>& blocker,
                                        const model::Roster& roster) {
    const auto* status = execution.find_task(task);
    if (status == nullptr) {
        return Refusal{"progress", msg("refuse.no_task", request.id, task), {}, {}};
    }
    if (status->task.owner != actor && !is_lead(request, actor)) {
        return Refusal{"progress",
                       msg("refuse.progress_who", task, roster.display(status->task.owner),
                           roster.display(request.form.project_lead())),
                       {},
                       {}};
    }
    if (!status->confirmed) {
        return Refusal{"split",
                       msg("refuse.not_confirmed", task, roster.display(status->task.owner)),
                       {msg("hint.confirm", request.id, task)},
                       {}};
    }
    if (status->state == TaskState::removed || status->state == TaskState::accepted) {
        return Refusal{
            "progress", msg("refuse.task_over", task, task_state_name(status->state)), {}, {}};
    }
    if (blocker) {
        if (blocker->text.empty() || blocker->from.empty() || blocker->by.empty()) {
            return Refusal{"progress", msg("refuse.blocker_parts"), {}, {}};
        }
        if (roster.find(blocker->from) == nullptr) {
            return Refusal{"progress", msg("form.unknown_person", blocker->from), {}, {}};
        }
    }
    return std::nullopt;
}

std::optional<Refusal> check_unblock(const model::Request& request, const Execution& execution,
                                     const std::string& blocker, const std::string& actor,
                                     const Context& context) {
    return unblock_refusal(request, execution, blocker, actor, context.roster);
}

std::optional<Refusal> unblock_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& blocker, const std::string& actor,
                                       const model::Roster& roster) {
    for (const auto& item : execution.blockers) {
        if (item.id != blocker) {
            continue;
        }
        if (item.closed_at) {
            return Refusal{"progress", msg("refuse.blocker_closed", blocker), {}, {}};
        }
        const auto* task = execution.find_task(item.task);
        const bool allowed = actor == item.from || is_lead(request, actor) ||
                             (task != nullptr && task->task.owner == actor);
        if (!allowed) {
            return Refusal{
                "progress", msg("refuse.unblock_who", blocker, roster.display(item.from)), {}, {}};
        }
        return std::nullopt;
    }
    return Refusal{"progress", msg("refuse.no_blocker", request.id, blocker), {}, {}};
}

std::optional<Refusal> check_risk_add(const model::Request& request, const Replayed& replayed,
                                      const std::string& task, const std::string& text,
                                      const std::string& owner, const std::string& due,
                                      const Context& context) {
    const auto& execution = replayed.execution;
    if (auto refusal = require_in_progress(request, replayed.status, execution, "sync", "risk")) {
        return refusal;
    }
    if (auto refusal =
            risk_add_refusal(request, execution, task, text, owner, due, context.roster)) {
        return refusal;
    }
    return check_working_date("sync", due, context);
}

std::optional<Refusal> risk_add_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& task, const std::string& text,
                                        const std::string& owner, const std::string& due,
                                        const model::Roster& roster) {
    if (!task.empty() && execution.find_task(task) == nullptr) {
        return Refusal{"sync", msg("refuse.no_task", request.id, task), {}, {}};
    }
    if (text.empty() || owner.empty() || due.empty()) {
        return Refusal{"sync", msg("refuse.risk_parts"), {}, {}};
    }
    if (roster.find(owner) == nullptr) {
        return Refusal{"sync", msg("form.unknown_person", owner), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_risk_update(const model::Request& request, const Execution& execution,
                                         const std::string& risk, const std::string& status,
                                         const std::string& actor, const Context& context) {
    return risk_update_refusal(request, execution, risk, status, actor, context.roster);
}

std::optional<Refusal> risk_update_refusal(const model::Request& request,
                                           const Execution& execution, const std::string& risk,
                                           const std::string& status, const std::string& actor,
                                           const model::Roster& roster) {
    if (status != "open" && status != "mitigating" && status != "resolved") {
        return Refusal{"sync", msg("refuse.risk_status", status), {}, {}};
    }
    for (const auto& item : execution.risks) {
        if (item.id == risk) {
            if (actor != item.owner && !is_lead(request, actor)) {
                return Refusal{
                    "sync", msg("refuse.risk_who", risk, roster.display(item.owner)), {}, {}};
            }
            return std::nullopt;
        }
    }
    return Refusal{"sync", msg("refuse.no_risk", request.id, risk), {}, {}};
}

std::optional<Refusal> check_sync(const model::Request& request, const Replayed& replayed,
                                  const std::string& actor, const Context& context) {
    const auto& execution = replayed.execution;
    if (auto refusal = require_in_progress(request, replayed.status, execution, "sync", "sync")) {
        return refusal;
    }
    return sync_refusal(request, actor, context.roster);
}

std::optional<Refusal> sync_refusal(const model::Request& request, const std::string& actor,
                                    const model::Roster& roster) {
    if (!is_lead(request, actor)) {
        return Refusal{
            "sync",
            msg("refuse.sync_who", request.id, roster.display(request.form.project_lead())),
            {},
            {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_change(const model::Request& request, const Replayed& replayed,
                                    const std::vector<ChangeOp>& ops, const std::string& reason,
                                    const std::string& actor, const Context& context) {
    const auto& execution = replayed.execution;
    const auto& status = replayed.status;
    if (status.state != RequestState::final && status.state != RequestState::in_progress) {
        // Before final the form is still the initiator's to edit or withdraw.
        Refusal refusal{"change",
                        msg("refuse.wrong_state.change", request.id, state_name(status.state)),
                        {},
                        {}};
        if (!is_terminal(status.state) && !is_frozen(status.state)) {
            refusal.hints.push_back(msg("hint.before_final", request.id));
        } else {
            refusal.hints.push_back(msg("hint.see_next", request.id));
        }
        return refusal;
    }
    if (auto refusal = change_refusal(request, execution, ops, reason, status.reviewer, actor,
                                      context.roster)) {
        return refusal;
    }
    for (const auto& op : ops) {
        if (op.type() == model::ChangeOpKind::task_deadline ||
            op.type() == model::ChangeOpKind::due) {
            if (auto refusal = check_working_date("change", op.value, context)) {
                return refusal;
            }
        }
    }
    if (!execution.split || ops.front().type() == model::ChangeOpKind::withdraw) {
        return std::nullopt; // no table yet: the split is checked against what is in force
    }
    // The table as it would stand must still satisfy the split rule: no deadline after
    // the due date in force, none before a dependency's, no cycle, every item covered.
    auto due = execution.due;
    auto form = request.form;
    form.items = execution.items;
    for (const auto& op : ops) {
        if (op.type() == model::ChangeOpKind::due) {
            due = op.value;
        } else if (op.type() == model::ChangeOpKind::add_item) {
            const auto [action, acceptance] = model::split_pair(op.value);
            form.items.push_back({action, acceptance});
        }
    }
    Diagnostics problems;
    check_task_table(table_with_ops(execution, ops, request.tasks_path()), form, due, context,
                     problems);
    if (problems.has_errors()) {
        Refusal refusal{"change", msg("refuse.change_breaks_split", problems.size()), {}, {}};
        refusal.details = problems.items();
        return refusal;
    }
    return std::nullopt;
}

std::optional<Refusal> change_refusal(const model::Request& request, const Execution& execution,
                                      const std::vector<ChangeOp>& ops, const std::string& reason,
                                      const std::string& reviewer, const std::string& actor,
                                      const model::Roster& roster) {
    auto people = collaborators(request.form, reviewer, roster);
    for (const auto& task : execution.tasks) {
        people.push_back(task.task.owner);
    }
    if (std::find(people.begin(), people.end(), actor) == people.end()) {
        return Refusal{
            "change", msg("refuse.not_collaborator", roster.display(actor), request.id), {}, {}};
    }
    if (reason.empty()) {
        return Refusal{"change", msg("refuse.change_reason"), {}, {}};
    }
    if (ops.empty()) {
        return Refusal{"change", msg("refuse.change_empty"), {}, {}};
    }
    const bool withdraw = std::any_of(ops.begin(), ops.end(), [](const auto& op) {
        return op.type() == model::ChangeOpKind::withdraw;
    });
    if (withdraw) {
        // Stopping the request is a change of its own: nothing else to weigh.
        if (ops.size() > 1) {
            return Refusal{"change", msg("refuse.withdraw_alone"), {}, {}};
        }
        const auto* initiator = roster.find(request.form.initiator);
        if (initiator == nullptr || initiator->id != actor) {
            return Refusal{"change",
                           msg("refuse.only_initiator.withdraw", request.id,
                               roster.display(request.form.initiator), roster.display(actor)),
                           {},
                           {}};
        }
        return std::nullopt;
    }
    for (const auto& op : ops) {
        if (!execution.split && (op.type() == model::ChangeOpKind::task_deadline ||
                                 op.type() == model::ChangeOpKind::add_task ||
                                 op.type() == model::ChangeOpKind::remove_task)) {
            return Refusal{"change",
                           msg("refuse.change_task_before_split", request.id, op.kind),
                           {msg("hint.split_first", request.id)},
                           {}};
        }
        if (op.type() == model::ChangeOpKind::task_deadline ||
            op.type() == model::ChangeOpKind::remove_task) {
            const auto* task = execution.find_task(op.target);
            if (task == nullptr || task->state == TaskState::removed) {
                return Refusal{"change", msg("refuse.no_task", request.id, op.target), {}, {}};
            }
        }
        if (op.type() == model::ChangeOpKind::remove_item) {
            int number = 0;
            try {
                number = std::stoi(op.target);
            } catch (const std::exception&) {
            }
            if (number < 1 || number > static_cast<int>(execution.items.size())) {
                return Refusal{
                    "change", msg("refuse.no_item", op.target, execution.items.size()), {}, {}};
            }
        }
    }
    return std::nullopt;
}

std::optional<Refusal> check_change_decision(const model::Request& request,
                                             const Replayed& replayed, const std::string& change,
                                             const std::string& actor, const Context& context,
                                             std::string& on_behalf_of) {
    const auto& execution = replayed.execution;
    const auto& status = replayed.status;
    return change_decision_refusal(request, execution, change, status.reviewer, actor,
                                   context.roster, on_behalf_of);
}

std::optional<Refusal>
change_decision_refusal(const model::Request& request, const Execution& execution,
                        const std::string& change, const std::string& reviewer,
                        const std::string& actor, const model::Roster& roster,
                        std::string& on_behalf_of) {
    on_behalf_of.clear();
    for (const auto& item : execution.changes) {
        if (item.id != change) {
            continue;
        }
        if (!item.decision.empty()) {
            return Refusal{"change", msg("refuse.change_decided", change, item.decision), {}, {}};
        }
        if (actor != reviewer) {
            const auto* supervisor = roster.find(reviewer);
            if (supervisor == nullptr || supervisor->delegate != actor ||
                actor == item.proposed_by) {
                return Refusal{
                    "change", msg("refuse.change_who", change, roster.display(reviewer)), {}, {}};
            }
            on_behalf_of = reviewer;
        }
        return std::nullopt;
    }
    return Refusal{"change", msg("refuse.no_change", request.id, change), {}, {}};
}

std::optional<Refusal> check_change_confirm(const model::Request& request,
                                            const Execution& execution, const std::string& change,
                                            const std::string& actor, const Context& context) {
    return change_confirm_refusal(request, execution, change, actor, context.roster);
}

std::optional<Refusal> change_confirm_refusal(const model::Request& request,
                                              const Execution& execution, const std::string& change,
                                              const std::string& actor,
                                              const model::Roster& roster) {
    for (const auto& item : execution.changes) {
        if (item.id != change) {
            continue;
        }
        if (item.decision != "approve") {
            return Refusal{"change", msg("refuse.change_not_approved", change), {}, {}};
        }
        if (std::find(item.affected_owners.begin(), item.affected_owners.end(), actor) ==
            item.affected_owners.end()) {
            return Refusal{
                "change", msg("refuse.change_not_affected", change, roster.display(actor)), {}, {}};
        }
        if (std::find(item.confirmed_by.begin(), item.confirmed_by.end(), actor) !=
            item.confirmed_by.end()) {
            return Refusal{"change", msg("refuse.change_confirmed", change), {}, {}};
        }
        return std::nullopt;
    }
    return Refusal{"change", msg("refuse.no_change", request.id, change), {}, {}};
}

std::optional<Refusal> check_action_done(const model::Request& request, const Execution& execution,
                                         const std::string& action, const std::string& actor,
                                         const Context& context) {
    return action_done_refusal(request, execution, action, actor, context.roster);
}

std::optional<Refusal> action_done_refusal(const model::Request& request,
                                           const Execution& execution, const std::string& action,
                                           const std::string& actor, const model::Roster& roster) {
    for (const auto& item : execution.actions) {
        if (item.id != action) {
            continue;
        }
        if (item.done) {
            return Refusal{"sync", msg("refuse.action_done", action), {}, {}};
        }
        if (actor != item.owner && !is_lead(request, actor)) {
            return Refusal{
                "sync", msg("refuse.action_who", action, roster.display(item.owner)), {}, {}};
        }
        return std::nullopt;
    }
    return Refusal{"sync", msg("refuse.no_action", request.id, action), {}, {}};
}

std::optional<Refusal> check_deliver(const model::Request& request, const Replayed& replayed,
                                     const std::string& task, const std::string& actor,
                                     const std::string& version,
                                     const std::vector<SelfCheck>& self_check,
                                     const Context& context) {
    const auto& execution = replayed.execution;
    if (auto refusal =
            require_in_progress(request, replayed.status, execution, "deliver", "deliver")) {
        return refusal;
    }
    return deliver_refusal(request, execution, task, actor, version, self_check, context.roster);
}

std::optional<Refusal> deliver_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& task, const std::string& actor,
                                       const std::string& version,
                                       const std::vector<SelfCheck>& self_check,
                                       const model::Roster& roster) {
    const auto* status = execution.find_task(task);
    if (status == nullptr) {
        return Refusal{"deliver", msg("refuse.no_task", request.id, task), {}, {}};
    }
    if (status->task.owner != actor) {
        return Refusal{
            "deliver", msg("refuse.deliver_who", task, roster.display(status->task.owner)), {}, {}};
    }
    if (status->state != TaskState::active && status->state != TaskState::rework) {
        return Refusal{
            "deliver", msg("refuse.deliver_state", task, task_state_name(status->state)), {}, {}};
    }
    if (!version.empty() && std::find(status->versions.begin(), status->versions.end(), version) !=
                                status->versions.end()) {
        return Refusal{"deliver", msg("refuse.same_version", task, version), {}, {}};
    }
    for (int item : status->task.covers) {
        const bool answered = std::any_of(self_check.begin(), self_check.end(),
                                          [&](const SelfCheck& c) { return c.item == item; });
        if (!answered) {
            return Refusal{"deliver",
                           msg("refuse.self_check", task, item),
                           {msg("hint.self_check", item)},
                           {}};
        }
    }
    return std::nullopt;
}

DeliveryTiming delivery_timing(const TaskStatus& task, const Context& context) {
    DeliveryTiming timing;
    timing.deadline = effective_deadline(task);
    const auto deadline = time::parse_date(timing.deadline);
    timing.late =
        deadline && context.now > context.zone.at_local(*deadline, context.config.work_day_end);
    return timing;
}

std::string next_version(const TaskStatus& task) {
    for (int n = task.version + 1;; ++n) {
        const auto candidate = "v" + std::to_string(n);
        if (std::find(task.versions.begin(), task.versions.end(), candidate) ==
            task.versions.end()) {
            return candidate;
        }
    }
}

std::optional<Refusal> check_accept(const model::Request& request, const Execution& execution,
                                    const std::string& task, const std::string& actor, bool pass,
                                    const std::string& comment, const std::string& reaccept_by,
                                    const Context& context) {
    if (auto refusal = accept_refusal(request, execution, task, actor, pass, comment, reaccept_by,
                                      context.roster)) {
        return refusal;
    }
    if (pass) {
        return std::nullopt;
    }
    const auto date = time::parse_date(reaccept_by);
    const auto working = context.calendar.is_working_day(*date);
    if (std::holds_alternative<bool>(working) && !std::get<bool>(working)) {
        const auto next = context.calendar.add(*date, 0);
        const auto next_text = std::holds_alternative<time::Date>(next)
                                   ? time::format_date(std::get<time::Date>(next))
                                   : std::string("?");
        return Refusal{
            "accept", msg("refuse.reaccept_not_working", reaccept_by, next_text), {}, {}};
    }
    const auto days = context.calendar.between(context.zone.local_date(context.now), *date);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&days)) {
        return Refusal{"accept", msg("form.due_uncovered", reaccept_by, uncovered->year), {}, {}};
    }
    const int limit = context.config.numbers.reaccept_within_days;
    const int count = std::get<int>(days);
    if (count < 0) {
        return Refusal{"accept", msg("refuse.reaccept_past", reaccept_by), {}, {}};
    }
    if (count > limit) {
        const auto latest = context.calendar.add(context.zone.local_date(context.now), limit);
        if (const auto* uncovered = std::get_if<time::UncoveredYear>(&latest)) {
            return Refusal{
                "accept", msg("form.due_uncovered", reaccept_by, uncovered->year), {}, {}};
        }
        const auto latest_text = time::format_date(std::get<time::Date>(latest));
        return Refusal{
            "accept", msg("refuse.reaccept_far", reaccept_by, count, limit, latest_text), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> accept_refusal(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& actor, bool pass,
                                      const std::string& comment, const std::string& reaccept_by,
                                      const model::Roster& roster) {
    const auto* status = execution.find_task(task);
    if (status == nullptr) {
        return Refusal{"accept", msg("refuse.no_task", request.id, task), {}, {}};
    }
    if (status->state != TaskState::delivered) {
        return Refusal{
            "accept", msg("refuse.accept_state", task, task_state_name(status->state)), {}, {}};
    }
    const auto people = acceptors(request, status->task);
    if (std::find(people.begin(), people.end(), actor) == people.end()) {
        return Refusal{
            "accept", msg("refuse.accept_who", task, roster.display_list(people)), {}, {}};
    }
    if (status->verdicts.count(actor) != 0) {
        return Refusal{"accept", msg("refuse.already_decided", task), {}, {}};
    }
    if (pass) {
        return std::nullopt;
    }
    if (comment.empty()) {
        return Refusal{"accept", msg("refuse.fail_comment"), {msg("hint.comment")}, {}};
    }
    if (reaccept_by.empty()) {
        return Refusal{"accept", msg("refuse.reaccept_missing"), {}, {}};
    }
    const auto date = time::parse_date(reaccept_by);
    if (!date) {
        return Refusal{"accept", msg("refuse.reaccept_date", reaccept_by), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_feedback(const model::Request& request, const Replayed& replayed,
                                      const std::string& actor,
                                      const std::vector<std::string>& required_keys,
                                      const std::map<std::string, int>& answers,
                                      const Context& context) {
    const auto& execution = replayed.execution;
    const auto& status = replayed.status;
    const auto state = state_at(status, context);
    if (state != RequestState::accepted) {
        return Refusal{
            "feedback", msg("refuse.feedback_state", request.id, state_name(state)), {}, {}};
    }
    if (auto refusal =
            feedback_refusal(request, execution, status.reviewer, actor, context.roster)) {
        return refusal;
    }
    for (const auto& key : required_keys) {
        const auto found = answers.find(key);
        if (found == answers.end()) {
            return Refusal{"feedback", msg("refuse.feedback_missing", key), {}, {}};
        }
        if (found->second < 1 || found->second > 5) {
            return Refusal{"feedback", msg("refuse.feedback_range", key, found->second), {}, {}};
        }
    }
    for (const auto& [key, value] : answers) {
        if (std::find(required_keys.begin(), required_keys.end(), key) == required_keys.end()) {
            return Refusal{"feedback", msg("refuse.feedback_unknown", key), {}, {}};
        }
    }
    return std::nullopt;
}

std::optional<Refusal> feedback_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& reviewer, const std::string& actor,
                                        const model::Roster& roster) {
    const auto people = collaborators(request.form, reviewer, roster);
    if (actor == request.form.initiator ||
        std::find(people.begin(), people.end(), actor) == people.end()) {
        return Refusal{"feedback", msg("refuse.feedback_who", request.id), {}, {}};
    }
    for (const auto* event : execution.feedback) {
        if (event->by == actor) {
            return Refusal{"feedback", msg("refuse.feedback_twice", request.id), {}, {}};
        }
    }
    return std::nullopt;
}

// The other overload of each guard: with the execution alone (the rule tests) the status
// is replayed here; the status-free guards need only the execution of a replay.
std::optional<Refusal> check_confirm(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const Context& context) {
    return check_confirm(request, Replayed{derive_status(request, context.roster), execution}, task,
                         actor, context);
}

std::optional<Refusal> check_progress(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& actor,
                                      const std::optional<BlockerInput>& blocker,
                                      const Context& context) {
    return check_progress(request, Replayed{derive_status(request, context.roster), execution},
                          task, actor, blocker, context);
}

std::optional<Refusal> check_unblock(const model::Request& request, const Replayed& replayed,
                                     const std::string& blocker, const std::string& actor,
                                     const Context& context) {
    return check_unblock(request, replayed.execution, blocker, actor, context);
}

std::optional<Refusal> check_risk_add(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& text,
                                      const std::string& owner, const std::string& due,
                                      const Context& context) {
    return check_risk_add(request, Replayed{derive_status(request, context.roster), execution},
                          task, text, owner, due, context);
}

std::optional<Refusal> check_risk_update(const model::Request& request, const Replayed& replayed,
                                         const std::string& risk, const std::string& status,
                                         const std::string& actor, const Context& context) {
    return check_risk_update(request, replayed.execution, risk, status, actor, context);
}

std::optional<Refusal> check_sync(const model::Request& request, const Execution& execution,
                                  const std::string& actor, const Context& context) {
    return check_sync(request, Replayed{derive_status(request, context.roster), execution}, actor,
                      context);
}

std::optional<Refusal> check_change(const model::Request& request, const Execution& execution,
                                    const std::vector<ChangeOp>& ops, const std::string& reason,
                                    const std::string& actor, const Context& context) {
    return check_change(request, Replayed{derive_status(request, context.roster), execution}, ops,
                        reason, actor, context);
}

std::optional<Refusal> check_change_decision(const model::Request& request,
                                             const Execution& execution, const std::string& change,
                                             const std::string& actor, const Context& context,
                                             std::string& on_behalf_of) {
    return check_change_decision(request,
                                 Replayed{derive_status(request, context.roster), execution},
                                 change, actor, context, on_behalf_of);
}

std::optional<Refusal> check_change_confirm(const model::Request& request, const Replayed& replayed,
                                            const std::string& change, const std::string& actor,
                                            const Context& context) {
    return check_change_confirm(request, replayed.execution, change, actor, context);
}

std::optional<Refusal> check_action_done(const model::Request& request, const Replayed& replayed,
                                         const std::string& action, const std::string& actor,
                                         const Context& context) {
    return check_action_done(request, replayed.execution, action, actor, context);
}

std::optional<Refusal> check_deliver(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const std::string& version,
                                     const std::vector<SelfCheck>& self_check,
                                     const Context& context) {
    return check_deliver(request, Replayed{derive_status(request, context.roster), execution}, task,
                         actor, version, self_check, context);
}

std::optional<Refusal> check_accept(const model::Request& request, const Replayed& replayed,
                                    const std::string& task, const std::string& actor, bool pass,
                                    const std::string& comment, const std::string& reaccept_by,
                                    const Context& context) {
    return check_accept(request, replayed.execution, task, actor, pass, comment, reaccept_by,
                        context);
}

std::optional<Refusal> check_feedback(const model::Request& request, const Execution& execution,
                                      const std::string& actor,
                                      const std::vector<std::string>& required_keys,
                                      const std::map<std::string, int>& answers,
                                      const Context& context) {
    return check_feedback(request, Replayed{derive_status(request, context.roster), execution},
                          actor, required_keys, answers, context);
}

} // namespace collab::rules
