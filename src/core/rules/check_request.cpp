#include <algorithm>
#include <collab/rules/execution.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/rules/split_rule.hpp>

namespace collab::rules {

using i18n::msg;

const std::vector<CheckRule>& check_rules() {
    static const std::vector<CheckRule> rules = {
        {"file.invalid", "form", "explain.file_invalid"},
        {"form.incomplete", "form", "explain.form_incomplete"},
        {"form.changed-after-submit", "form", "explain.form_changed"},
        {"review.overdue", "review", "explain.review_overdue"},
        {"request.overdue", "form", "explain.request_overdue"},
        {"frozen.changed", "frozen", "explain.frozen_changed"},
        {"form.initiator-changed", "submit", "explain.initiator_changed"},
        {"task.overdue", "deliver", "explain.task_overdue"},
        {"task.stale", "progress", "explain.task_stale", Severity::warning},
        {"blocker.late", "progress", "explain.blocker_late"},
        {"sync.missed", "sync", "explain.sync_missed"},
        {"sync.too-long", "sync", "explain.sync_too_long", Severity::warning},
        {"action.overdue", "sync", "explain.action_overdue"},
        {"risk.overdue", "sync", "explain.risk_overdue", Severity::warning},
        {"tasks.changed", "frozen", "explain.tasks_changed"},
        {"split.invalid", "split", "explain.split_invalid"},
        {"reaccept.late", "accept", "explain.reaccept_late"},
        {"feedback.missing", "feedback", "explain.feedback_missing", Severity::warning},
        {"transition.illegal", "form", "explain.transition_illegal"},
        {"review.conflict", "review", "explain.review_conflict"},
    };
    return rules;
}

namespace {

// Working days from the deadline's day to today's, at least 1 once it has passed.
int days_late(time::Timestamp due, const Context& context) {
    const auto days = context.calendar.between(context.zone.local_date(due),
                                               context.zone.local_date(context.now));
    const int count = std::holds_alternative<int>(days) ? std::get<int>(days) : 0;
    return std::max(count, 1);
}

void check_review(const model::Request& request, const RequestStatus& status,
                  const Context& context, std::vector<Finding>& out) {
    if (status.state != RequestState::submitted) {
        return;
    }
    const auto due = review_due(request, status, context);
    if (!std::holds_alternative<time::Timestamp>(due)) {
        return;
    }
    const auto at = std::get<time::Timestamp>(due);
    if (context.now <= at) {
        return;
    }
    const int late = days_late(at, context);
    out.push_back(
        {"review.overdue",
         Severity::error,
         {request.form_path, 1, 1},
         request.id,
         status.reviewer,
         late,
         msg("finding.review_overdue", request.id, context.roster.display(status.reviewer),
             context.zone.format_short(at), late)});
}

void check_content(const model::Request& request, const RequestStatus& status,
                   std::vector<Finding>& out) {
    if (status.state != RequestState::submitted || status.submitted_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (now_hash != status.submitted_content) {
        out.push_back(
            {"form.changed-after-submit",
             Severity::error,
             {request.form_path, 1, 1},
             request.id,
             request.form.initiator,
             0,
             msg("finding.form_changed", request.id, status.submitted_content, now_hash)});
    }
}

void check_due(const model::Request& request, const RequestStatus& status, const Context& context,
               std::vector<Finding>& out) {
    if (is_terminal(status.state) || status.state == RequestState::accepted ||
        status.state == RequestState::draft) {
        return;
    }
    // An approved change request may have moved the due date.
    const auto due_text = is_frozen(status.state)
                              ? derive_execution(request, status, context.roster).due
                              : request.form.due;
    const auto due = time::parse_date(due_text);
    if (!due) {
        return;
    }
    const auto end = context.zone.at_local(*due, context.config.work_day_end);
    if (context.now <= end) {
        return;
    }
    const int late = days_late(end, context);
    out.push_back({"request.overdue", Severity::error, request.form.location_of("due"), request.id,
                   request.form.project_lead(), late,
                   msg("finding.request_overdue", request.id, due_text, late)});
}

void check_frozen(const model::Request& request, const RequestStatus& status,
                  std::vector<Finding>& out) {
    if (!is_frozen(status.state) || status.final_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (now_hash != status.final_content) {
        out.push_back({"frozen.changed",
                       Severity::error,
                       {request.form_path, 1, 1},
                       request.id,
                       request.form.initiator,
                       0,
                       msg("finding.frozen_changed", request.id, status.final_content, now_hash)});
    }
}

// Events that did not apply where they stand. Two decisions on one submission made
// at the same time in two clones are a merge conflict the team must settle.
void check_ignored(const model::Request& request, const RequestStatus& status,
                   std::vector<Finding>& out) {
    for (const auto* event : status.ignored) {
        const model::Event* rival = nullptr;
        if (event->action == "review") {
            for (const auto& other : request.events) {
                if (&other != event && other.action == "review" && other.seq == event->seq &&
                    std::find(status.ignored.begin(), status.ignored.end(), &other) ==
                        status.ignored.end()) {
                    rival = &other;
                }
            }
        }
        if (rival != nullptr) {
            out.push_back(
                {"review.conflict", Severity::error, event->where, request.id,
                 rival->on_behalf_of.empty() ? rival->by : rival->on_behalf_of, 0,
                 msg("finding.review_conflict", request.id, rival->field("decision"), rival->by,
                     event->field("decision"), event->by, rival->where.path, event->where.path)});
            continue;
        }
        out.push_back({"transition.illegal", Severity::error, event->where, request.id, event->by,
                       0, msg("finding.transition_illegal", event->action, event->by, request.id)});
    }
}

void check_tasks(const model::Request& request, const Execution& execution, const Context& context,
                 std::vector<Finding>& out) {
    const auto& path = request.tasks_path();
    for (const auto& task : execution.tasks) {
        const auto timing = task_timing(task, context);
        const auto where = task.task.location_of("deadline").path.empty()
                               ? SourceLocation{path, 1, 1}
                               : task.task.location_of("deadline");
        if (timing.overdue) {
            out.push_back(
                {"task.overdue", Severity::error, where, request.id, task.task.owner,
                 -timing.days_left,
                 msg("finding.task_overdue", request.id + "/" + task.task.id, task.task.name,
                     task.task.deadline, std::max(1, -timing.days_left))});
        } else if (timing.stale) {
            out.push_back(
                {"task.stale", Severity::warning, where, request.id, task.task.owner, 0,
                 msg("finding.task_stale", request.id + "/" + task.task.id, timing.idle_days)});
        }
    }
    // Hand edits of the frozen table: each row must be what was split or changed.
    if (request.tasks) {
        for (const auto& row : request.tasks->tasks) {
            const auto split = execution.split_hashes.find(row.id);
            if (split != execution.split_hashes.end() && split->second != model::task_hash(row)) {
                out.push_back({"tasks.changed", Severity::error, row.location_of("id"), request.id,
                               request.form.project_lead(), 0,
                               msg("finding.tasks_changed", request.id + "/" + row.id)});
            }
        }
        Diagnostics problems;
        auto form = request.form;
        form.items = execution.items;
        check_task_table(table_in_force(execution, request.tasks_path()), form, execution.due,
                         context, problems);
        for (const auto& problem : problems.items()) {
            out.push_back({"split.invalid", Severity::error, problem.where, request.id,
                           request.form.project_lead(), 0, problem.message});
        }
    }
}

void check_meetings_and_items(const model::Request& request, const Execution& execution,
                              const Context& context, std::vector<Finding>& out) {
    const auto& zone = context.zone;
    for (const auto& blocker : execution.blockers) {
        const auto by = time::parse_timestamp(blocker.by_text, zone);
        if (!blocker.closed_at && by && context.now > *by) {
            out.push_back({"blocker.late", Severity::error, blocker.where, request.id, blocker.from,
                           days_late(*by, context),
                           msg("finding.blocker_late", blocker.id, blocker.text,
                               context.roster.display(blocker.from), zone.format_short(*by))});
        }
    }
    const auto last = execution.last_sync_or_split();
    const auto every = std::chrono::hours(24 * context.config.numbers.sync_every_days);
    if (last && context.now > *last + every) {
        const auto days =
            std::chrono::duration_cast<std::chrono::hours>(context.now - *last).count() / 24;
        out.push_back(
            {"sync.missed",
             Severity::error,
             {request.form_path, 1, 1},
             request.id,
             request.form.project_lead(),
             0,
             msg("finding.sync_missed", request.id, days, context.config.numbers.sync_every_days)});
    }
    for (const auto* sync : execution.syncs) {
        int minutes = 0;
        try {
            minutes = std::stoi(sync->field("duration_minutes"));
        } catch (const std::exception&) {
        }
        if (minutes > context.config.numbers.sync_max_minutes) {
            out.push_back({"sync.too-long", Severity::warning, sync->where, request.id, sync->by, 0,
                           msg("finding.sync_too_long", request.id, minutes,
                               context.config.numbers.sync_max_minutes)});
        }
    }
    for (const auto& action : execution.actions) {
        const auto deadline = time::parse_date(action.deadline);
        if (!action.done && deadline) {
            const auto end = zone.at_local(*deadline, context.config.work_day_end);
            if (context.now > end) {
                out.push_back(
                    {"action.overdue", Severity::error, action.where, request.id, action.owner,
                     days_late(end, context),
                     msg("finding.action_overdue", action.id, action.text, action.deadline)});
            }
        }
    }
    for (const auto& risk : execution.risks) {
        const auto due = time::parse_date(risk.due);
        if (risk.status != "resolved" && due) {
            const auto end = zone.at_local(*due, context.config.work_day_end);
            if (context.now > end) {
                out.push_back({"risk.overdue", Severity::warning, risk.where, request.id,
                               risk.owner, days_late(end, context),
                               msg("finding.risk_overdue", risk.id, risk.text, risk.due)});
            }
        }
    }
}

void check_acceptance(const model::Request& request, const RequestStatus& status,
                      const Execution& execution, const Context& context,
                      std::vector<Finding>& out) {
    for (const auto& task : execution.tasks) {
        const auto by = time::parse_date(task.reaccept_by);
        if ((task.state == TaskState::rework || task.state == TaskState::delivered) && by) {
            const auto end = context.zone.at_local(*by, context.config.work_day_end);
            if (context.now > end) {
                out.push_back({"reaccept.late", Severity::error,
                               SourceLocation{request.tasks_path(), 1, 1}, request.id,
                               task.task.owner, days_late(end, context),
                               msg("finding.reaccept_late", request.id + "/" + task.task.id,
                                   task.reaccept_by)});
            }
        }
    }
    const auto window = feedback_window_end(status, context);
    if (status.state == RequestState::accepted && window && context.now > *window) {
        std::vector<std::string> missing;
        for (const auto& person : collaborators(request.form, status.reviewer, context.roster)) {
            const bool answered = std::any_of(execution.feedback.begin(), execution.feedback.end(),
                                              [&](const auto* e) { return e->by == person; });
            if (person != request.form.initiator && !answered) {
                missing.push_back(context.roster.display(person));
            }
        }
        std::string names;
        for (const auto& name : missing) {
            names += (names.empty() ? "" : ", ") + name;
        }
        out.push_back({"feedback.missing",
                       Severity::warning,
                       {request.form_path, 1, 1},
                       request.id,
                       request.form.initiator,
                       0,
                       msg("finding.feedback_missing", request.id,
                           context.zone.format_short(*window), names)});
    }
}

void check_execution(const model::Request& request, const RequestStatus& status,
                     const Context& context, std::vector<Finding>& out) {
    if (status.state == RequestState::accepted) {
        check_acceptance(request, status, derive_execution(request, status, context.roster),
                         context, out);
        return;
    }
    if (status.state != RequestState::in_progress) {
        return;
    }
    const auto execution = derive_execution(request, status, context.roster);
    check_acceptance(request, status, execution, context, out);
    check_tasks(request, execution, context, out);
    check_meetings_and_items(request, execution, context, out);
    for (const auto* event : execution.ignored) {
        out.push_back({"transition.illegal", Severity::error, event->where, request.id, event->by,
                       0, msg("finding.transition_illegal", event->action, event->by, request.id)});
    }
}

} // namespace

std::string process_rule_of(const std::string& finding_rule) {
    for (const auto& rule : check_rules()) {
        if (finding_rule == rule.id) {
            return rule.process_rule;
        }
    }
    return finding_rule.substr(0, finding_rule.find('.'));
}

namespace {

void apply_severities(std::vector<Finding>& findings, const model::Config& config) {
    std::vector<Finding> kept;
    for (auto& finding : findings) {
        const auto found = config.severities.find(process_rule_of(finding.rule));
        if (found == config.severities.end()) {
            kept.push_back(std::move(finding));
        } else if (found->second != model::RuleSeverity::off) {
            finding.severity =
                found->second == model::RuleSeverity::warning ? Severity::warning : Severity::error;
            kept.push_back(std::move(finding));
        }
    }
    findings = std::move(kept);
}

} // namespace

std::vector<Finding> check_request(const model::Request& request, const Context& context) {
    std::vector<Finding> out;
    const auto status = derive_status(request, context.roster);
    if (status.state == RequestState::submitted) {
        Diagnostics problems;
        check_form(request.form, context, problems);
        for (const auto& problem : problems.items()) {
            out.push_back({"form.incomplete", problem.severity, problem.where, request.id,
                           request.form.initiator, 0, problem.message});
        }
    }
    if (!status.creator.empty()) {
        const auto* named = context.roster.find(request.form.initiator);
        if ((named != nullptr ? named->id : request.form.initiator) != status.creator) {
            out.push_back({"form.initiator-changed", Severity::error,
                           request.form.location_of("initiator"), request.id, status.creator, 0,
                           msg("finding.initiator_changed", request.id, request.form.initiator,
                               status.creator)});
        }
    }
    check_content(request, status, out);
    check_frozen(request, status, out);
    check_ignored(request, status, out);
    check_review(request, status, context, out);
    check_due(request, status, context, out);
    check_execution(request, status, context, out);
    apply_severities(out, context.config);
    return out;
}

} // namespace collab::rules
