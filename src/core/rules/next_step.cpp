#include <algorithm>
#include <array>
#include <collab/rules/execution.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/next_step.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

void steps_for_approved(const model::Request& request, const RequestStatus& status,
                        const Context& context, std::vector<NextStep>& steps) {
    const auto& roster = context.roster;
    const auto& id = request.id;
    if (!meeting_satisfied(request.form, status, roster)) {
        const auto heads = heads_missing(request.form, roster, {});
        steps.push_back({StepKind::meeting,
                         id,
                         {request.form.initiator, status.reviewer},
                         "",
                         msg("next.meeting", roster.display_list(heads)),
                         "collab meeting " + id,
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
                         "collab sign " + id,
                         std::nullopt});
    }
}

std::optional<time::Timestamp> end_of(const std::string& day, const Context& context) {
    if (const auto date = time::parse_date(day)) {
        return context.zone.at_local(*date, context.config.work_day_end);
    }
    return std::nullopt;
}

void steps_for_execution(const model::Request& request, const RequestStatus& status,
                         const Context& context, std::vector<NextStep>& steps) {
    const auto execution = derive_execution(request, status, context.roster);
    const auto& id = request.id;
    const auto today_end =
        context.zone.at_local(context.zone.local_date(context.now), context.config.work_day_end);
    for (const auto& task : execution.tasks) {
        const auto ref = id + "/" + task.task.id;
        if (task.state == TaskState::planned) {
            steps.push_back(
                {StepKind::confirm_task,
                 id,
                 {task.task.owner},
                 "",
                 msg("next.confirm_task", task.task.id, task.task.name, task.task.deadline),
                 "collab task confirm " + ref,
                 std::nullopt});
        } else if (task.state == TaskState::delivered) {
            for (const auto& person : acceptors(request, task.task)) {
                if (task.verdicts.count(person) == 0) {
                    steps.push_back({StepKind::accept,
                                     id,
                                     {person},
                                     "",
                                     msg("next.accept", task.task.id, task.version_label),
                                     "collab accept " + ref + " --pass|--fail",
                                     std::nullopt});
                }
            }
        } else if (task.state == TaskState::rework) {
            steps.push_back({StepKind::rework,
                             id,
                             {task.task.owner},
                             "",
                             msg("next.rework", task.task.id, task.reaccept_by),
                             "collab deliver " + ref,
                             end_of(task.reaccept_by, context)});
        } else if (task.state == TaskState::active) {
            const auto timing = task_timing(task, context);
            const bool updated_today =
                task.last_update &&
                context.zone.local_date(*task.last_update) == context.zone.local_date(context.now);
            if (!updated_today) {
                steps.push_back(
                    {StepKind::progress,
                     id,
                     {task.task.owner},
                     "",
                     msg("next.progress", task.task.id, task.task.name, timing.idle_days),
                     "collab progress " + ref + " --note \"...\"",
                     timing.stale ? std::optional(context.now) : std::optional(today_end)});
            }
        }
    }
    for (const auto& blocker : execution.blockers) {
        if (!blocker.closed_at) {
            steps.push_back({StepKind::unblock,
                             id,
                             {blocker.from},
                             "",
                             msg("next.unblock", blocker.id, blocker.text, blocker.task),
                             "collab blocker close " + blocker.id,
                             time::parse_timestamp(blocker.by_text, context.zone)});
        }
    }
    const auto last_sync = execution.last_sync_or_split();
    if (last_sync) {
        steps.push_back(
            {StepKind::sync,
             id,
             {request.form.project_lead()},
             "",
             msg("next.sync"),
             "collab sync " + id + " --agenda",
             *last_sync + std::chrono::hours(24 * context.config.numbers.sync_every_days)});
    }
    for (const auto& action : execution.actions) {
        if (!action.done) {
            steps.push_back({StepKind::action,
                             id,
                             {action.owner},
                             "",
                             msg("next.action", action.id, action.text),
                             "collab action done " + action.id,
                             end_of(action.deadline, context)});
        }
    }
    for (const auto& change : execution.changes) {
        if (change.decision.empty()) {
            steps.push_back({StepKind::decide_change,
                             id,
                             {status.reviewer},
                             "",
                             msg("next.decide_change", change.id, change.reason),
                             "collab change approve|reject " + change.id,
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
                                     "collab change confirm " + change.id,
                                     std::nullopt});
                }
            }
        }
    }
    for (const auto& risk : execution.risks) {
        if (risk.status != "resolved") {
            steps.push_back({StepKind::risk,
                             id,
                             {risk.owner},
                             "",
                             msg("next.risk", risk.id, risk.text, risk.status),
                             "collab risk update " + risk.id + " --status resolved",
                             end_of(risk.due, context)});
        }
    }
}

} // namespace

std::string_view step_kind_name(StepKind kind) {
    static constexpr std::array<std::string_view, 18> names = {
        "submit",        "review",         "resubmit", "meeting", "sign",   "acknowledge",
        "split",         "confirm",        "progress", "unblock", "sync",   "action",
        "decide-change", "confirm-change", "risk",     "accept",  "rework", "feedback"};
    return names[static_cast<std::size_t>(kind)];
}

std::vector<NextStep> next_steps(const model::Request& request, const RequestStatus& status,
                                 const Context& context) {
    std::vector<NextStep> steps;
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
                         "collab request submit " + id,
                         std::nullopt});
        break;
    }
    case RequestState::submitted: {
        NextStep step{StepKind::review,   id,
                      {status.reviewer},  "",
                      msg("next.review"), "collab review " + id + " --approve|--return|--reject",
                      std::nullopt};
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
                         "collab request edit " + id,
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
                         "collab split " + id,
                         std::nullopt});
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            if (std::find(status.acknowledged.begin(), status.acknowledged.end(), person) ==
                status.acknowledged.end()) {
                steps.push_back({StepKind::acknowledge,
                                 id,
                                 {person},
                                 "",
                                 msg("next.acknowledge"),
                                 "collab ack " + id,
                                 std::nullopt});
            }
        }
        break;
    }
    case RequestState::accepted: {
        const auto execution = derive_execution(request, status, context.roster);
        const auto window = feedback_window_end(status, context);
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            const bool answered = std::any_of(execution.feedback.begin(), execution.feedback.end(),
                                              [&](const auto* e) { return e->by == person; });
            if (person != form.initiator && !answered &&
                state_at(status, context) == RequestState::accepted) {
                steps.push_back({StepKind::feedback,
                                 id,
                                 {person},
                                 "",
                                 msg("next.feedback"),
                                 "collab feedback " + id,
                                 window});
            }
        }
        break;
    }
    case RequestState::in_progress:
        steps_for_execution(request, status, context, steps);
        for (const auto& person : collaborators(form, status.reviewer, context.roster)) {
            if (std::find(status.acknowledged.begin(), status.acknowledged.end(), person) ==
                status.acknowledged.end()) {
                steps.push_back({StepKind::acknowledge,
                                 id,
                                 {person},
                                 "",
                                 msg("next.acknowledge_table"),
                                 "collab ack " + id,
                                 std::nullopt});
            }
        }
        break;
    default:
        break;
    }
    return steps;
}

std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<model::Request>& requests,
                                 const Context& context) {
    std::vector<InboxItem> items;
    const auto today = context.zone.local_date(context.now);
    for (const auto& request : requests) {
        const auto status = derive_status(request, context.roster);
        for (auto& step : next_steps(request, status, context)) {
            const bool mine = std::find(step.who.begin(), step.who.end(), person) != step.who.end();
            bool as_delegate = false;
            if (!mine && step.kind == StepKind::review) {
                const auto* reviewer = context.roster.find(step.who.front());
                as_delegate = reviewer != nullptr && reviewer->delegate == person &&
                              person != request.form.initiator;
            }
            if (!mine && !as_delegate) {
                continue;
            }
            InboxItem item;
            if (as_delegate) {
                step.on_behalf_of = step.who.front();
            }
            item.title = request.form.title;
            if (step.due) {
                item.overdue = context.now > *step.due;
                const auto left =
                    context.calendar.between(today, context.zone.local_date(*step.due));
                item.working_days_left =
                    std::holds_alternative<int>(left) ? std::get<int>(left) : 0;
            }
            item.step = std::move(step);
            items.push_back(std::move(item));
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const InboxItem& a, const InboxItem& b) {
        if (a.overdue != b.overdue) {
            return a.overdue;
        }
        if (a.step.due.has_value() != b.step.due.has_value()) {
            return a.step.due.has_value();
        }
        if (a.step.due && b.step.due && *a.step.due != *b.step.due) {
            return *a.step.due < *b.step.due;
        }
        return a.step.request < b.step.request;
    });
    return items;
}

} // namespace collab::rules
