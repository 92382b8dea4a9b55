#include <algorithm>
#include <array>
#include <collab/rules/execution.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/next_step.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/review_transitions.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

// Steps as they are worked out, before the clock is looked at.
struct StepList {
    std::vector<PendingStep> items;
    void push_back(NextStep step) {
        PendingStep pending;
        pending.step = std::move(step);
        items.push_back(std::move(pending));
    }
};

void steps_for_approved(const model::Request& request, const RequestStatus& status,
                        const Context& context, StepList& steps) {
    const auto& roster = context.roster;
    const auto& id = request.id;
    if (!meeting_satisfied(request.form, status, roster)) {
        const auto heads = heads_missing(request.form, roster, {});
        steps.push_back({StepKind::meeting,
                         id,
                         {request.form.initiator, status.reviewer},
                         "",
                         msg("next.meeting", roster.display_list(heads)),
                         {"collab meeting " + id},
                         std::nullopt});
        return;
    }
    for (const auto& signer : signatures_missing(request.form, status, roster, status.content)) {
        const auto previous = status.signatures.find(signer.person);
        const bool again = previous != status.signatures.end();
        steps.push_back({StepKind::sign,
                         id,
                         {signer.person},
                         "",
                         msg((again ? "next.sign_again." : "next.sign.") + signer.role),
                         {"collab sign " + id},
                         std::nullopt});
    }
}

// Change requests waiting on the supervisor's decision or the owners' confirmation.
void steps_for_changes(const Execution& execution, const RequestStatus& status,
                       const std::string& id, StepList& steps) {
    for (const auto& change : execution.changes) {
        if (change.decision.empty()) {
            steps.push_back(
                {StepKind::decide_change,
                 id,
                 {status.reviewer},
                 "",
                 msg("next.decide_change", change.id, change.reason),
                 {"collab change approve " + change.id,
                  "collab change reject " + change.id + " --comment \"" + k_placeholder + "\""},
                 std::nullopt});
        } else if (change.decision == "approve" && !change.effective) {
            for (const auto& owner : change.affected_owners) {
                if (std::find(change.confirmed_by.begin(), change.confirmed_by.end(), owner) ==
                    change.confirmed_by.end()) {
                    steps.push_back({StepKind::confirm_change,
                                     id,
                                     {owner},
                                     "",
                                     msg("next.confirm_change", change.id, change.reason),
                                     {"collab change confirm " + change.id},
                                     std::nullopt});
                }
            }
        }
    }
}

// "collab deliver R/T1 --check 1=yes --check 2=yes": the self-check answered for
// every item the task covers, as deliver requires; the owner changes an answer that
// is not yes before running it.
std::string deliver_command(const std::string& ref, const model::Task& task) {
    std::string command = "collab deliver " + ref;
    for (int item : task.covers) {
        command += " --check " + std::to_string(item) + "=yes";
    }
    return command;
}

void steps_for_execution(const model::Request& request, const Replayed& replayed,
                         const Context& context, StepList& steps) {
    const auto& status = replayed.status;
    const auto& execution = replayed.execution;
    const auto& id = request.id;
    for (const auto& task : execution.tasks) {
        const auto ref = id + "/" + task.task.id;
        if (task.state == TaskState::planned) {
            steps.push_back(
                {StepKind::confirm_task,
                 id,
                 {task.task.owner},
                 "",
                 msg("next.confirm_task", task.task.id, task.task.name, task.task.deadline),
                 {"collab task confirm " + ref},
                 std::nullopt});
        } else if (task.state == TaskState::delivered) {
            for (const auto& person : acceptors(request, task.task)) {
                if (task.verdicts.count(person) == 0) {
                    steps.push_back(
                        {StepKind::accept,
                         id,
                         {person},
                         "",
                         msg("next.accept", task.task.id, task.version_label),
                         {"collab accept " + ref + " --pass",
                          "collab accept " + ref + " --fail --comment \"" + k_placeholder +
                              "\" --reaccept-by \"" + k_placeholder + "\""},
                         std::nullopt});
                }
            }
        } else if (task.state == TaskState::rework) {
            steps.push_back({StepKind::rework,
                             id,
                             {task.task.owner},
                             "",
                             msg("next.rework", task.task.id, task.reaccept_by),
                             {deliver_command(ref, task.task)},
                             end_of_day(task.reaccept_by, context)});
        } else if (task.state == TaskState::active) {
            // Owed every day without an update; when and how urgent is judged later.
            PendingStep step;
            step.step = {StepKind::progress,
                         id,
                         {task.task.owner},
                         "",
                         msg("next.progress", task.task.id, task.task.name, 0),
                         {"collab progress " + ref + " --note \"" + k_placeholder + "\""},
                         std::nullopt};
            step.daily = true;
            step.quiet_since = task.last_update;
            steps.items.push_back(std::move(step));
            // The task's own deadline, so that its owner sees how much time is left
            // and when it is late, not only today's report.
            steps.push_back({StepKind::deliver,
                             id,
                             {task.task.owner},
                             "",
                             msg("next.deliver", task.task.id, task.task.name, task.task.deadline),
                             {deliver_command(ref, task.task)},
                             end_of_day(task.task.deadline, context)});
        }
    }
    for (const auto& blocker : execution.blockers) {
        if (!blocker.closed_at) {
            steps.push_back({StepKind::unblock,
                             id,
                             {blocker.from},
                             "",
                             msg("next.unblock", blocker.id, blocker.text, blocker.task),
                             {"collab blocker close " + blocker.id},
                             time::parse_timestamp(blocker.by_text, context.zone)});
        }
    }
    if (execution.last_sync_or_split()) {
        steps.push_back({StepKind::sync,
                         id,
                         {request.form.project_lead()},
                         "",
                         msg("next.sync", context.config.numbers.sync_every_days,
                             context.config.numbers.sync_max_minutes),
                         {"collab sync " + id + " --agenda"},
                         execution.sync_due(context)});
    }
    for (const auto& action : execution.actions) {
        if (!action.done) {
            steps.push_back({StepKind::action,
                             id,
                             {action.owner},
                             "",
                             msg("next.action", action.id, action.text),
                             {"collab action done " + action.id},
                             end_of_day(action.deadline, context)});
        }
    }
    steps_for_changes(execution, status, id, steps);
    for (const auto& risk : execution.risks) {
        if (risk.status != "resolved") {
            steps.push_back(
                {StepKind::risk,
                 id,
                 {risk.owner},
                 "",
                 msg(risk.status == "mitigating" ? "next.risk_mitigating" : "next.risk_open",
                     risk.id, risk.text),
                 {"collab risk update " + risk.id + " --status resolved"},
                 end_of_day(risk.due, context)});
        }
    }
}

} // namespace

std::string_view step_kind_name(StepKind kind) {
    static constexpr std::array<std::string_view, 19> names = {
        "submit",  "review",   "resubmit", "meeting",  "sign",   "acknowledge",   "split",
        "confirm", "progress", "unblock",  "sync",     "action", "decide-change", "confirm-change",
        "risk",    "accept",   "rework",   "feedback", "deliver"};
    return names[static_cast<std::size_t>(kind)];
}

std::vector<PendingStep> pending_steps(const model::Request& request, const RequestStatus& status,
                                       const Context& context) {
    // The status of a caller that has no execution at hand: replayed here, once.
    const Replayed replayed{status, derive_execution(request, status, context.roster)};
    return pending_steps(request, replayed, context);
}

std::vector<PendingStep> pending_steps(const model::Request& request, const Replayed& replayed,
                                       const Context& context) {
    const auto& status = replayed.status;
    const auto& execution = replayed.execution;
    StepList steps;
    const auto& id = request.id;
    const auto& form = request.form;
    switch (status.state) {
    case RequestState::draft: {
        Diagnostics problems;
        check_form(form, context, problems);
        steps.push_back({StepKind::submit,
                         id,
                         {form.initiator},
                         "",
                         problems.has_errors() ? msg("next.fix_and_submit", problems.size())
                                               : msg("next.submit"),
                         {"collab request submit " + id},
                         std::nullopt});
        break;
    }
    case RequestState::submitted: {
        NextStep step{StepKind::review, id, {status.reviewer}, "", msg("next.review"), {}, {}};
        // The checklist filled in (every item must be answered), and the comment that
        // returning or rejecting requires left for the reviewer to write.
        std::string checks;
        for (const auto& item : review_checklist()) {
            checks += " --check " + item + "=yes";
        }
        const auto comment = std::string(" --comment \"") + k_placeholder + "\"";
        step.commands = {"collab review " + id + " --approve" + checks,
                         "collab review " + id + " --return" + checks + comment,
                         "collab review " + id + " --reject" + checks + comment};
        const auto due = review_due(request, status, context);
        if (const auto* at = std::get_if<time::Timestamp>(&due)) {
            step.due = *at;
        }
        steps.push_back(step);
        break;
    }
    case RequestState::returned:
        steps.push_back({StepKind::resubmit,
                         id,
                         {form.initiator},
                         "",
                         msg("next.resubmit"),
                         {"collab request edit " + id},
                         std::nullopt});
        break;
    case RequestState::approved:
        steps_for_approved(request, status, context, steps);
        break;
    case RequestState::final: {
        steps.push_back({StepKind::split,
                         id,
                         {form.project_lead()},
                         "",
                         msg("next.split"),
                         {"collab split " + id},
                         std::nullopt});
        steps_for_changes(execution, status, id, steps);
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            if (std::find(status.acknowledged.begin(), status.acknowledged.end(), person) ==
                status.acknowledged.end()) {
                steps.push_back({StepKind::acknowledge,
                                 id,
                                 {person},
                                 "",
                                 msg("next.acknowledge"),
                                 {"collab ack " + id},
                                 std::nullopt});
            }
        }
        break;
    }
    case RequestState::accepted: {
        const auto window = feedback_window_end(status, context);
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            const bool answered = std::any_of(execution.feedback.begin(), execution.feedback.end(),
                                              [&](const auto* e) { return e->by == person; });
            if (person != form.initiator && !answered) {
                PendingStep step;
                step.step = {StepKind::feedback,        id,    {person}, "", msg("next.feedback"),
                             {"collab feedback " + id}, window};
                // The survey closes with the window (see state_at).
                step.until = window;
                steps.items.push_back(std::move(step));
            }
        }
        break;
    }
    case RequestState::in_progress:
        steps_for_execution(request, replayed, context, steps);
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            if (std::find(status.acknowledged.begin(), status.acknowledged.end(), person) ==
                status.acknowledged.end()) {
                steps.push_back({StepKind::acknowledge,
                                 id,
                                 {person},
                                 "",
                                 msg("next.acknowledge_table"),
                                 {"collab ack " + id},
                                 std::nullopt});
            }
        }
        break;
    default:
        break;
    }
    return std::move(steps.items);
}

std::optional<NextStep> step_at(const PendingStep& pending, const Context& context) {
    if (pending.until && context.now > *pending.until) {
        return std::nullopt;
    }
    auto step = pending.step;
    if (!pending.daily) {
        return step;
    }
    const auto today = context.zone.local_date(context.now);
    time::DayCount idle{0, 0};
    if (pending.quiet_since) {
        if (context.zone.local_date(*pending.quiet_since) == today) {
            return std::nullopt; // updated today
        }
        idle = context.calendar.day_count(context.zone.local_date(*pending.quiet_since), today);
    }
    // Today's report is due by the end of today's working day, stale or not.
    step.due = context.zone.at_local(today, context.config.work_day_end);
    if (step.what.args.size() > 2) {
        step.what.args[2] = idle.text();
    }
    step.idle = idle;
    return step;
}

std::vector<NextStep> next_steps(const model::Request& request, const RequestStatus& status,
                                 const Context& context) {
    const Replayed replayed{status, derive_execution(request, status, context.roster)};
    return next_steps(request, replayed, context);
}

std::vector<NextStep> next_steps(const model::Request& request, const Replayed& replayed,
                                 const Context& context) {
    std::vector<NextStep> steps;
    for (const auto& pending : pending_steps(request, replayed, context)) {
        if (auto step = step_at(pending, context)) {
            steps.push_back(std::move(*step));
        }
    }
    return steps;
}

} // namespace collab::rules
