#include <algorithm>
#include <collab/rules/execution.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signature_policy.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/rules/split_rule.hpp>
#include <collab/rules/verdict.hpp>

namespace collab::rules {

using i18n::msg;

const std::vector<CheckRule>& check_rules() {
    static const std::vector<CheckRule> rules = {
        {"file.invalid", "form", "explain.file_invalid"},
        {"calendar.uncovered", "calendar", "explain.calendar_uncovered"},
        {"calendar.weekends-only", "calendar", "explain.calendar_weekends_only", Severity::warning},
        {"calendar.ending", "calendar", "explain.calendar_ending", Severity::warning},
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
        {"form.changed-after-approval", "form", "explain.form_changed_after_approval"},
        {"record.content-missing", "record", "explain.content_missing"},
        {"record.content-mismatch", "record", "explain.content_mismatch"},
        {"event.future", "record", "explain.event_future"},
        // Only with --trust-ref (cli/trust_check, rules/trust): what a pull request may
        // not do to the records. Not a process rule: collab.yaml cannot turn them off.
        {"log.rewritten", "trust", "explain.log_rewritten"},
        {"event.after-commit", "trust", "explain.event_after_commit"},
        {"trust.roster-changed", "trust", "explain.roster_changed", Severity::warning},
        {"trust.config-changed", "trust", "explain.config_changed", Severity::warning},
        {"signature.missing", "trust", "explain.signature_missing"},
        {"signature.invalid", "trust", "explain.signature_invalid"},
        {"signature.unknown_key", "trust", "explain.signature_unknown_key"},
        {"log.chain", "trust", "explain.log_chain"},
        {"record.orphan", "record", "explain.record_orphan"},
        {"record.interrupted", "record", "explain.record_interrupted"},
        {"record.temp", "record", "explain.record_temp"},
    };
    return rules;
}

namespace {

// A finding that holds whatever the time.
void hold(std::vector<Verdict>& out, Finding finding) {
    out.push_back({std::move(finding), {}});
}

// A finding that holds once `after` has passed; message argument `count_arg` says
// how many working days late.
void hold_after(std::vector<Verdict>& out, Finding finding, time::Timestamp after, int count_arg) {
    Timing timing;
    timing.after = after;
    timing.count_arg = count_arg;
    out.push_back({std::move(finding), timing});
}

// The year no calendar covers whose working days were counted weekends-only to find
// a deadline from `from`, or 0 (always 0 with uncovered_years: error, which refuses).
int guessed_year(const Context& context, time::Date from, time::Timestamp deadline) {
    if (context.calendar.policy() != time::UncoveredYears::weekends_only) {
        return 0;
    }
    return context.calendar.first_uncovered(from, context.zone.local_date(deadline));
}

// A deadline that needs the working days of a year no calendar covers
// (uncovered_years: error) is not guessed and not dropped: calendar.uncovered holds
// from the start of that year, before which the deadline cannot have passed.
void deadline_uncovered(std::vector<Verdict>& out, Finding finding, const std::string& rule,
                        int year, const Context& context) {
    finding.rule = "calendar.uncovered";
    finding.severity = Severity::error;
    finding.late_days = -1; // no count: none can be made
    finding.message = msg("finding.calendar_uncovered_deadline", finding.request, rule, year);
    Timing timing;
    if (year > 0) {
        timing.after = context.zone.at_local(date::year{year} / 1 / 1, 0) - std::chrono::seconds(1);
    }
    out.push_back({std::move(finding), timing});
}

void check_review(const model::Request& request, const RequestStatus& status,
                  const Context& context, std::vector<Verdict>& out) {
    if (status.state != RequestState::submitted || !status.submitted_at) {
        return;
    }
    const auto due = review_due(request, status, context);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&due)) {
        deadline_uncovered(
            out,
            {"", Severity::error, {request.form_path, 1, 1}, request.id, status.reviewer, 0, {}},
            "review.overdue", uncovered->year, context);
        return;
    }
    const auto at = std::get<time::Timestamp>(due);
    hold_after(out,
               {"review.overdue",
                Severity::error,
                {request.form_path, 1, 1},
                request.id,
                status.reviewer,
                0,
                msg("finding.review_overdue", request.id, context.roster.display(status.reviewer),
                    context.zone.format_short(at), 0)},
               at, 3);
    out.back().timing.guessed_year =
        guessed_year(context, context.zone.local_date(*status.submitted_at), at);
}

void check_content(const model::Request& request, const RequestStatus& status,
                   std::vector<Verdict>& out) {
    if (status.approval_void) {
        hold(out, {"form.changed-after-approval",
                   Severity::error,
                   {request.form_path, 1, 1},
                   request.id,
                   request.form.initiator,
                   0,
                   msg("finding.form_changed_after_approval", request.id, status.content,
                       model::content_hash(request.form))});
        return;
    }
    if (status.state != RequestState::submitted || status.submitted_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (!model::same_content(now_hash, status.submitted_content)) {
        hold(out, {"form.changed-after-submit",
                   Severity::error,
                   {request.form_path, 1, 1},
                   request.id,
                   request.form.initiator,
                   0,
                   msg("finding.form_changed", request.id, status.submitted_content, now_hash)});
    }
}

void check_due(const model::Request& request, const RequestStatus& status,
               const Execution& execution, const Context& context, std::vector<Verdict>& out) {
    if (is_terminal(status.state) || status.state == RequestState::accepted ||
        status.state == RequestState::draft) {
        return;
    }
    // An approved change request may have moved the due date.
    const auto due_text = is_frozen(status.state) ? execution.due : request.form.due;
    const auto end = end_of_day(due_text, context);
    if (!end) {
        return;
    }
    hold_after(out,
               {"request.overdue", Severity::error, request.form.location_of("due"), request.id,
                request.form.project_lead(), 0,
                msg("finding.request_overdue", request.id, due_text, 0)},
               *end, 2);
}

void check_frozen(const model::Request& request, const RequestStatus& status,
                  std::vector<Verdict>& out) {
    if (!is_frozen(status.state) || status.final_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (!model::same_content(now_hash, status.final_content)) {
        hold(out, {"frozen.changed",
                   Severity::error,
                   {request.form_path, 1, 1},
                   request.id,
                   request.form.initiator,
                   0,
                   msg("finding.frozen_changed", request.id, status.final_content, now_hash)});
    }
}

// An entry without its content hash: the replay after it is not what was recorded, so
// the entries that then do not apply are its consequence, not their authors' doing.
bool has_unbound_entry(const model::Request& request) {
    return std::any_of(request.events.begin(), request.events.end(),
                       [](const model::Event& event) { return event.lacks_content(); });
}

// Events that did not apply where they stand. Two decisions on one submission made
// at the same time in two clones are a merge conflict the team must settle.
void check_ignored(const model::Request& request, const RequestStatus& status,
                   std::vector<Verdict>& out) {
    const bool unbound = has_unbound_entry(request);
    for (const auto* event : status.ignored) {
        if (event->lacks_content()) {
            hold(out,
                 {"record.content-missing", Severity::error, event->where, request.id, event->by, 0,
                  msg("finding.content_missing", event->action, event->by, request.id)});
            continue;
        }
        if (std::find(status.mismatched.begin(), status.mismatched.end(), event) !=
            status.mismatched.end()) {
            hold(out, {"record.content-mismatch", Severity::error, event->where, request.id,
                       event->by, 0,
                       msg("finding.content_mismatch", request.id, event->by, event->content,
                           status.submitted_content)});
            continue;
        }
        if (unbound) {
            continue;
        }
        const model::Event* rival = nullptr;
        if (event->kind == model::ActionKind::review) {
            for (const auto& other : request.events) {
                if (&other != event && other.kind == model::ActionKind::review &&
                    other.seq == event->seq &&
                    std::find(status.ignored.begin(), status.ignored.end(), &other) ==
                        status.ignored.end()) {
                    rival = &other;
                }
            }
        }
        if (rival != nullptr) {
            hold(out,
                 {"review.conflict", Severity::error, event->where, request.id,
                  rival->on_behalf_of.empty() ? rival->by : rival->on_behalf_of, 0,
                  msg("finding.review_conflict", request.id, rival->field("decision"), rival->by,
                      event->field("decision"), event->by, rival->where.path, event->where.path)});
            continue;
        }
        hold(out, {"transition.illegal", Severity::error, event->where, request.id, event->by, 0,
                   msg("finding.transition_illegal", event->action, event->by, request.id)});
    }
}

// The last instant before a task counts as stale: the start of the day that is one
// more working day after its last update than the progress rule allows.
std::optional<time::CalendarResult<time::Timestamp>> stale_after(const TaskStatus& task,
                                                                 const Context& context) {
    if (task.state != TaskState::active || !task.last_update) {
        return std::nullopt;
    }
    const auto first = context.calendar.add(context.zone.local_date(*task.last_update),
                                            context.config.numbers.stale_after_days + 1);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&first)) {
        return *uncovered;
    }
    return context.zone.at_local(std::get<time::Date>(first), 0) - std::chrono::seconds(1);
}

// Hand edits of the frozen table: each row must be what was split, whatever the
// request's state since (in progress, accepted or closed).
void check_table_edits(const model::Request& request, const Execution& execution,
                       std::vector<Verdict>& out) {
    if (!request.tasks) {
        return;
    }
    for (const auto& row : request.tasks->tasks) {
        const auto split = execution.split_hashes.find(row.id);
        if (split != execution.split_hashes.end() &&
            !model::same_content(split->second, model::task_hash(row))) {
            hold(out, {"tasks.changed", Severity::error, row.location_of("id"), request.id,
                       request.form.project_lead(), 0,
                       msg("finding.tasks_changed", request.id + "/" + row.id)});
        }
    }
}

void check_tasks(const model::Request& request, const Execution& execution, const Context& context,
                 std::vector<Verdict>& out) {
    const auto& path = request.tasks_path();
    for (const auto& task : execution.tasks) {
        const auto where = task.task.location_of("deadline").path.empty()
                               ? SourceLocation{path, 1, 1}
                               : task.task.location_of("deadline");
        const bool finished = task.state == TaskState::accepted || task.state == TaskState::removed;
        const auto due = effective_deadline(task);
        const auto deadline = end_of_day(due, context);
        if (deadline && !finished) {
            hold_after(out,
                       {"task.overdue", Severity::error, where, request.id, task.task.owner, 0,
                        msg("finding.task_overdue", request.id + "/" + task.task.id, task.task.name,
                            due, 0)},
                       *deadline, 3);
        }
        // Stale until it is overdue, which says more.
        const auto stale = stale_after(task, context);
        if (const auto* uncovered = stale ? std::get_if<time::UncoveredYear>(&*stale) : nullptr) {
            deadline_uncovered(
                out, {"", Severity::error, where, request.id, task.task.owner, 0, {}},
                "task.stale " + request.id + "/" + task.task.id, uncovered->year, context);
            // Like task.stale, it gives way to task.overdue.
            out.back().timing.until = deadline && !finished ? deadline : std::nullopt;
        } else if (stale) {
            const auto after = std::get<time::Timestamp>(*stale);
            Timing timing;
            timing.after = after;
            timing.guessed_year =
                guessed_year(context, context.zone.local_date(*task.last_update), after);
            timing.until = deadline && !finished ? deadline : std::nullopt;
            timing.count_arg = 1;
            timing.count_from = task.last_update;
            out.push_back({{"task.stale", Severity::warning, where, request.id, task.task.owner, 0,
                            msg("finding.task_stale", request.id + "/" + task.task.id, 0)},
                           timing});
        }
    }
    if (request.tasks) {
        Diagnostics problems;
        auto form = request.form;
        form.items = execution.items;
        check_task_table(table_in_force(execution, request.tasks_path()), form, execution.due,
                         context, problems);
        for (const auto& problem : problems.items()) {
            hold(out, {"split.invalid", Severity::error, problem.where, request.id,
                       request.form.project_lead(), 0, problem.message});
        }
    }
}

void check_meetings_and_items(const model::Request& request, const Execution& execution,
                              const Context& context, std::vector<Verdict>& out) {
    const auto& zone = context.zone;
    for (const auto& blocker : execution.blockers) {
        const auto by = time::parse_timestamp(blocker.by_text, zone);
        if (!blocker.closed_at && by) {
            hold_after(out,
                       {"blocker.late", Severity::error, blocker.where, request.id, blocker.from, 0,
                        msg("finding.blocker_late", blocker.id, blocker.text,
                            context.roster.display(blocker.from), zone.format_short(*by), 0)},
                       *by, 4);
        }
    }
    const auto last = execution.last_sync_or_split();
    if (const auto due = execution.sync_due(context); last && due) {
        const auto every = context.config.numbers.sync_every_days;
        hold_after(out,
                   {"sync.missed",
                    Severity::error,
                    {request.form_path, 1, 1},
                    request.id,
                    request.form.project_lead(),
                    0,
                    msg("finding.sync_missed", request.id, zone.format_short(*last), every, 0)},
                   *due, 3);
    }
    for (const auto* sync : execution.syncs) {
        int minutes = 0;
        try {
            minutes = std::stoi(sync->field("duration_minutes"));
        } catch (const std::exception&) {
        }
        if (minutes > context.config.numbers.sync_max_minutes) {
            hold(out, {"sync.too-long", Severity::warning, sync->where, request.id, sync->by, 0,
                       msg("finding.sync_too_long", request.id, minutes,
                           context.config.numbers.sync_max_minutes)});
        }
    }
    for (const auto& action : execution.actions) {
        const auto end = end_of_day(action.deadline, context);
        if (!action.done && end) {
            hold_after(out,
                       {"action.overdue", Severity::error, action.where, request.id, action.owner,
                        0,
                        msg("finding.action_overdue", action.id, action.text, action.deadline, 0)},
                       *end, 3);
        }
    }
    for (const auto& risk : execution.risks) {
        const auto end = end_of_day(risk.due, context);
        if (risk.status != "resolved" && end) {
            hold_after(out,
                       {"risk.overdue", Severity::warning, risk.where, request.id, risk.owner, 0,
                        msg("finding.risk_overdue", risk.id, risk.text, risk.due, 0)},
                       *end, 3);
        }
    }
}

void check_acceptance(const model::Request& request, const RequestStatus& status,
                      const Execution& execution, const Context& context,
                      std::vector<Verdict>& out) {
    for (const auto& task : execution.tasks) {
        const auto end = end_of_day(task.reaccept_by, context);
        if ((task.state == TaskState::rework || task.state == TaskState::delivered) && end) {
            hold_after(out,
                       {"reaccept.late", Severity::error,
                        SourceLocation{request.tasks_path(), 1, 1}, request.id, task.task.owner, 0,
                        msg("finding.reaccept_late", request.id + "/" + task.task.id,
                            task.reaccept_by, 0)},
                       *end, 2);
        }
    }
    const auto window = feedback_window_end(status, context);
    if (status.state != RequestState::accepted || !status.accepted_at) {
        return;
    }
    const auto accepted = context.zone.local_date(*status.accepted_at);
    if (!window) {
        const auto last =
            context.calendar.add(accepted, context.config.numbers.feedback_window_days);
        if (const auto* uncovered = std::get_if<time::UncoveredYear>(&last)) {
            deadline_uncovered(out,
                               {"",
                                Severity::error,
                                {request.form_path, 1, 1},
                                request.id,
                                request.form.initiator,
                                0,
                                {}},
                               "feedback.missing", uncovered->year, context);
        }
        return;
    }
    std::vector<std::string> missing;
    for (const auto& person : collaborators(request.form, status.reviewer, context.roster)) {
        const bool answered = std::any_of(execution.feedback.begin(), execution.feedback.end(),
                                          [&](const auto* e) { return e->by == person; });
        if (person != request.form.initiator && !answered) {
            missing.push_back(person);
        }
    }
    if (missing.empty()) {
        return;
    }
    hold_after(out,
               {"feedback.missing",
                Severity::warning,
                {request.form_path, 1, 1},
                request.id,
                request.form.initiator,
                0,
                msg("finding.feedback_missing", request.id, context.zone.format_short(*window),
                    context.roster.display_list(missing), 0)},
               *window, 3);
    out.back().timing.guessed_year = guessed_year(context, accepted, *window);
}

// Stage 3-5 entries the replay did not apply: their command's guard refuses them.
void check_ignored_entries(const model::Request& request, const Execution& execution,
                           std::vector<Verdict>& out) {
    if (has_unbound_entry(request)) {
        return;
    }
    for (const auto* event : execution.ignored) {
        hold(out, {"transition.illegal", Severity::error, event->where, request.id, event->by, 0,
                   msg("finding.transition_illegal", event->action, event->by, request.id)});
    }
}

void check_execution(const model::Request& request, const RequestStatus& status,
                     const Execution& execution, const Context& context,
                     std::vector<Verdict>& out) {
    if (status.state == RequestState::final) {
        // Changes are under control from final on, before any split.
        check_ignored_entries(request, execution, out);
        return;
    }
    if (status.state == RequestState::accepted || status.state == RequestState::closed) {
        check_table_edits(request, execution, out);
        if (status.state == RequestState::accepted) {
            check_acceptance(request, status, execution, context, out);
        }
        check_ignored_entries(request, execution, out);
        return;
    }
    if (status.state != RequestState::in_progress) {
        return;
    }
    check_acceptance(request, status, execution, context, out);
    check_table_edits(request, execution, out);
    check_tasks(request, execution, context, out);
    check_meetings_and_items(request, execution, context, out);
    check_ignored_entries(request, execution, out);
}

// Files a killed command wrote before its log entry, the commit point: a form with no
// `create` entry, a task table with no `split` entry.
void check_orphans(const model::Request& request, std::vector<Verdict>& out) {
    const auto has = [&](model::ActionKind kind) {
        return std::any_of(request.events.begin(), request.events.end(),
                           [kind](const model::Event& event) { return event.kind == kind; });
    };
    if (!has(model::ActionKind::create)) {
        hold(out, {"record.orphan",
                   Severity::error,
                   {request.form_path, 1, 1},
                   request.id,
                   request.form.initiator,
                   0,
                   msg("finding.orphan_form", request.id)});
    }
    if (request.tasks && !has(model::ActionKind::split)) {
        hold(out, {"record.orphan",
                   Severity::error,
                   {request.tasks_path(), 1, 1},
                   request.id,
                   "",
                   0,
                   msg("finding.orphan_tasks", request.id)});
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

namespace {

// The trust rule: entries set aside for their signature, and entries whose `prev`
// does not match the entry before them in their log.
void check_trust(const model::Request& request, const Context& context, std::vector<Verdict>& out) {
    for (const auto& event : request.untrusted) {
        if (const auto rule = signature_rule(event.signature, context.config.signatures)) {
            const auto id = "finding." + rule->substr(0, rule->find('.')) + "_" +
                            rule->substr(rule->find('.') + 1);
            hold(out, {*rule, Severity::error, event.where, request.id, event.by, 0,
                       msg(id, event.action, event.by, request.id)});
        }
    }
    const auto chain = [&](const model::Event& event) {
        if (!event.chain_ok) {
            hold(out, {"log.chain", Severity::error, event.where, request.id, event.by, 0,
                       msg("finding.log_chain", event.action, event.by, request.id)});
        }
    };
    std::for_each(request.events.begin(), request.events.end(), chain);
    std::for_each(request.untrusted.begin(), request.untrusted.end(), chain);
}

} // namespace

std::vector<Verdict> request_verdicts(const model::Request& request, const Context& context) {
    return request_verdicts(request, replay(request, context.roster), context);
}

std::vector<Verdict> request_verdicts(const model::Request& request, const Replayed& replayed,
                                      const Context& context) {
    std::vector<Verdict> out;
    check_trust(request, context, out);
    check_orphans(request, out);
    const auto& status = replayed.status;
    if (status.state == RequestState::submitted) {
        Diagnostics problems;
        check_form(request.form, context, problems);
        for (const auto& problem : problems.items()) {
            hold(out, {"form.incomplete", problem.severity, problem.where, request.id,
                       request.form.initiator, 0, problem.message});
        }
    }
    if (!status.creator.empty()) {
        const auto* named = context.roster.find(request.form.initiator);
        if ((named != nullptr ? named->id : request.form.initiator) != status.creator) {
            hold(out, {"form.initiator-changed", Severity::error,
                       request.form.location_of("initiator"), request.id, status.creator, 0,
                       msg("finding.initiator_changed", request.id, request.form.initiator,
                           status.creator)});
        }
    }
    check_content(request, status, out);
    check_frozen(request, status, out);
    check_ignored(request, status, out);
    check_review(request, status, context, out);
    check_due(request, status, replayed.execution, context, out);
    check_execution(request, status, replayed.execution, context, out);
    return out;
}

std::vector<Verdict> future_entry_verdicts(const model::Request& request) {
    std::vector<Verdict> out;
    for (const auto& event : request.events) {
        Timing timing;
        timing.until = event.at - std::chrono::seconds(1);
        out.push_back(
            {{"event.future", Severity::error, event.where, request.id, event.by, 0,
              msg("finding.event_future", event.action, event.by, request.id, event.at_text)},
             timing});
    }
    return out;
}

std::optional<Finding> finding_at(const Verdict& verdict, const Context& context,
                                  CalendarGap* gap) {
    const auto& timing = verdict.timing;
    if (timing.after && context.now <= *timing.after) {
        return std::nullopt;
    }
    if (timing.until && context.now > *timing.until) {
        return std::nullopt;
    }
    auto finding = verdict.finding;
    // A count that cannot be made outranks one that was guessed.
    CalendarGap found;
    if (timing.guessed_year != 0) {
        found = {timing.guessed_year, true};
    }
    const auto note = [&] {
        if (gap != nullptr) {
            *gap = found;
        }
    };
    if (!timing.after || finding.rule == "calendar.uncovered") {
        note();
        return finding;
    }
    const auto today = context.zone.local_date(context.now);
    // Working days since `from`, at least 1; none when a year they need has no
    // calendar and uncovered_years is error: never a made-up number.
    const auto count_since = [&](time::Timestamp from) -> std::optional<int> {
        const auto days = context.calendar.counted_between(context.zone.local_date(from), today);
        if (const auto* uncovered = std::get_if<time::UncoveredYear>(&days)) {
            if (found.year == 0 || found.guessed) {
                found = {uncovered->year, false};
            }
            return std::nullopt;
        }
        const auto& counted = std::get<time::Counted<int>>(days);
        if (counted.guessed() && found.year == 0) {
            found = {counted.guessed_year, true};
        }
        return std::max(counted.value, 1);
    };
    const auto late = count_since(*timing.after);
    finding.late_days = late.value_or(-1);
    if (timing.count_arg >= 0 &&
        static_cast<std::size_t>(timing.count_arg) < finding.message.args.size()) {
        const auto count = timing.count_from ? count_since(*timing.count_from) : late;
        finding.message.args[static_cast<std::size_t>(timing.count_arg)] =
            !count ? "?" : std::to_string(*count) + (found.guessed ? "*" : "");
    }
    note();
    return finding;
}

Finding calendar_gap_finding(const Finding& first, const CalendarGap& gap, int findings) {
    if (gap.guessed) {
        return {"calendar.weekends-only",
                Severity::warning,
                first.where,
                first.request,
                "",
                0,
                msg("finding.calendar_weekends_only", first.request, gap.year, findings)};
    }
    return {"calendar.uncovered",
            Severity::error,
            first.where,
            first.request,
            "",
            0,
            msg("finding.calendar_uncovered_count", first.request, gap.year, findings)};
}

std::optional<Finding> calendar_ending(const Context& context) {
    const auto today = context.zone.local_date(context.now);
    const int next = static_cast<int>(today.year()) + 1;
    if (today.month() != date::December || context.calendar.covers(next)) {
        return std::nullopt;
    }
    return Finding{"calendar.ending",
                   Severity::warning,
                   {"collab.yaml", 1, 1},
                   "",
                   "",
                   0,
                   msg("finding.calendar_ending", next)};
}

std::vector<Finding> check_request(const model::Request& request, const Context& context) {
    // Through the digest, so that this and the cached path of `collab check` are one.
    return findings_at(digest_request(request, context), context);
}

} // namespace collab::rules
