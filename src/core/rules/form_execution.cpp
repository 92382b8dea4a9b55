// The forms of stages 3 to 5 as documents: the task tracking table (协作任务跟踪表), the
// sync minutes (进度同步会纪要), the acceptance form (成果验收单) and the feedback survey
// (沟通反馈表), each from the replayed execution.
#include "rules/form_parts.hpp"

#include <algorithm>
#include <collab/rules/execution.hpp>
#include <collab/rules/signoff.hpp>
#include <fmt/format.h>
#include <map>

namespace collab::rules::form_parts {

namespace {

std::string joined_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        out += (out.empty() ? "" : ", ") + id;
    }
    return out;
}

FormText task_state(TaskState state) {
    return label("form.task_state." + std::string(task_state_name(state)));
}

// The progress the owner reported; an accepted task is done whatever was last reported.
int progress_of(const TaskStatus& status) {
    return status.state == TaskState::accepted ? 100 : status.percent;
}

FormSection tasks_section(const FormSource& source) {
    FormSection section{label("form.section.tasks"), {}, {}, {}, {}, false};
    section.header = {label("form.col.task"),        label("form.col.name"),
                      label("form.col.owner"),       label("form.col.collaborators"),
                      label("form.col.deadline"),    label("form.col.depends_on"),
                      label("form.col.deliverable"), label("form.col.state"),
                      label("form.col.progress"),    label("form.col.latest")};
    for (const auto& status : source.replayed.execution.tasks) {
        const auto& task = status.task;
        section.rows.push_back(
            {form_literal(task.id), value(task.name), person(source, task.owner),
             people(source, task.collaborators), value(effective_deadline(status)),
             value(joined_ids(task.depends_on)), value(task.deliverable), task_state(status.state),
             form_literal(fmt::format("{}%", progress_of(status))), value(status.latest_note)});
    }
    return section;
}

FormText change_decision(const ChangeRequest& change) {
    if (change.effective) {
        return label("form.change.effective");
    }
    return label(change.decision.empty() ? "form.change.proposed"
                                         : "form.change." + change.decision);
}

// One row per change it makes: what it changed once effective, else what it proposes.
FormSection changes_section(const FormSource& source) {
    const auto& execution = source.replayed.execution;
    FormSection section{label("form.section.changes"), {}, {}, {}, {}, false};
    section.header = {label("form.col.change"),      label("form.col.proposed_by"),
                      label("form.col.proposed_at"), label("form.col.reason"),
                      label("form.col.decided_by"),  label("form.col.state"),
                      label("form.col.what_changed")};
    for (const auto& change : execution.changes) {
        std::vector<i18n::Message> lines = change.history;
        if (lines.empty()) {
            for (const auto& op : change.ops) {
                lines.push_back(describe_change_op(op, execution));
            }
        }
        if (lines.empty()) {
            lines.push_back(i18n::msg("form.value", "-"));
        }
        for (auto& line : lines) {
            section.rows.push_back({form_literal(change.id), person(source, change.proposed_by),
                                    when(source, change.proposed_at), value(change.reason),
                                    person(source, change.decided_by), change_decision(change),
                                    form_label(std::move(line))});
        }
    }
    if (section.rows.empty()) {
        section.note = label("form.changes.none");
    }
    return section;
}

// The reports of one sync, one row per owner.
FormSection sync_section(const FormSource& source, const model::Event& sync, bool first) {
    FormSection section{
        label("form.section.sync_on", sync.field("held_at")), {}, {}, {}, {}, !first};
    if (const auto at = time::parse_timestamp(sync.field("held_at"), source.context.zone)) {
        section.title = label("form.section.sync_on", source.context.zone.format_short(*at));
    }
    auto& f = section.fields;
    f.push_back(field("form.held_at", when_field(source, sync, "held_at")));
    f.push_back(
        field("form.duration", label("form.minutes_count", sync.field("duration_minutes"))));
    f.push_back(field("form.recorded_by", person(source, sync.by)));
    f.push_back(field("form.attendees", people(source, meeting_attendees(sync))));
    f.push_back(field("form.minutes", value(sync.field("minutes"))));
    section.header = {label("form.col.owner"), label("form.col.this_week"),
                      label("form.col.next_week"), label("form.col.risks")};
    if (const auto* reports = sync.data.find("reports")) {
        for (const auto& report : reports->items()) {
            const auto text = [&](std::string_view key) {
                const auto* node = report.find(key);
                return value(node != nullptr ? node->scalar() : std::string());
            };
            const auto* owner = report.find("owner");
            section.rows.push_back({person(source, owner != nullptr ? owner->scalar() : ""),
                                    text("this_week"), text("next_week"), text("risks")});
        }
    }
    if (section.rows.empty()) {
        section.note = label("form.sync.no_reports");
    }
    return section;
}

// The action items one sync decided, with whether each is done.
FormSection sync_actions_section(const FormSource& source, const model::Event& sync) {
    FormSection section{label("form.section.sync_actions"), {}, {}, {}, {}, false};
    section.header = {label("form.col.action_id"), label("form.col.action_item"),
                      label("form.col.owner"), label("form.col.deadline"), label("form.col.done")};
    static const std::vector<yaml::Node> k_none;
    const auto* actions = sync.data.find("actions");
    for (const auto& item : actions != nullptr ? actions->items() : k_none) {
        const auto text = [&](std::string_view key) {
            const auto* node = item.find(key);
            return node != nullptr ? node->scalar() : std::string();
        };
        bool done = false;
        for (const auto& action : source.replayed.execution.actions) {
            done = done || (action.id == text("id") && action.done);
        }
        section.rows.push_back({value(text("id")), value(text("text")),
                                person(source, text("owner")), value(text("deadline")),
                                label(done ? "form.done.yes" : "form.done.no")});
    }
    if (section.rows.empty()) {
        section.note = label("form.sync.no_actions");
    }
    return section;
}

FormSection risks_section(const FormSource& source) {
    FormSection section{label("form.section.risks"), {}, {}, {}, {}, true};
    section.header = {label("form.col.risk_id"), label("form.col.target"), label("form.col.risk"),
                      label("form.col.owner"),   label("form.col.due"),    label("form.col.state")};
    for (const auto& risk : source.replayed.execution.risks) {
        section.rows.push_back({value(risk.id), value(risk.target), value(risk.text),
                                person(source, risk.owner), value(risk.due),
                                label("form.risk." + risk.status)});
    }
    if (section.rows.empty()) {
        section.note = label("form.risks.none");
    }
    return section;
}

// When a risk was raised: the time of the `risk` entry that added it.
std::optional<time::Timestamp> risk_raised_at(const FormSource& source, const std::string& id) {
    const Applied applied(source.replayed);
    for (const auto& event : source.request.events) {
        if (event.kind == model::ActionKind::risk && event.field("risk") == id && applied(event)) {
            return event.at;
        }
    }
    return std::nullopt;
}

// Every blocker and risk of the request: who must act, on what, since when, by when, and
// where it stands. Blockers first, each list in the order it was raised.
FormSection risks_and_blockers_section(const FormSource& source) {
    const auto& execution = source.replayed.execution;
    FormSection section{label("form.section.risks_blockers"), {}, {}, {}, {}, false};
    section.header = {label("form.col.record"),   label("form.col.kind"), label("form.col.target"),
                      label("form.col.who_acts"), label("form.col.what"), label("form.col.since"),
                      label("form.col.by"),       label("form.col.state")};
    for (const auto& blocker : execution.blockers) {
        // "by" as recorded (a timestamp, or a date): in the zone when it reads as a time.
        const auto by_at =
            blocker.by ? blocker.by : time::parse_timestamp(blocker.by_text, source.context.zone);
        const auto by = by_at ? when(source, *by_at) : value(blocker.by_text);
        const auto state =
            blocker.closed_at
                ? label("form.blocker.closed", source.context.zone.format_short(*blocker.closed_at))
                : label("form.blocker.open");
        section.rows.push_back({value(blocker.id), label("form.kind.blocker"), value(blocker.task),
                                person(source, blocker.from), value(blocker.text),
                                when(source, blocker.raised_at), by, state});
    }
    for (const auto& risk : execution.risks) {
        section.rows.push_back({value(risk.id), label("form.kind.risk"), value(risk.target),
                                person(source, risk.owner), value(risk.text),
                                when(source, risk_raised_at(source, risk.id)), value(risk.due),
                                label("form.risk." + risk.status)});
    }
    if (section.rows.empty()) {
        section.note = label("form.risks_blockers.none");
    }
    return section;
}

// An acceptance row: the version, its delivery, and one acceptor's verdict on it.
struct Round {
    std::string version;
    const model::Event* delivery = nullptr;
    const model::Event* verdict = nullptr;
};

std::vector<FormText> round_row(const FormSource& source, const Round& round) {
    const auto& d = *round.delivery;
    std::vector<FormText> row{value(round.version), when(source, d.at),
                              label(d.field("late") == "yes" ? "form.late.yes" : "form.late.no")};
    if (round.verdict == nullptr) {
        row.insert(row.end(),
                   {value(""), label("form.verdict.pending"), value(""), value(""), value("")});
        return row;
    }
    const auto& v = *round.verdict;
    row.insert(row.end(),
               {person(source, v.by), label("form.verdict." + v.field("verdict")),
                when(source, v.at), value(v.field("comment")), value(v.field("reaccept_by"))});
    return row;
}

// Every delivery of a task and every verdict on it, in the order they were recorded.
std::vector<Round> rounds_of(const FormSource& source, const std::string& task) {
    const Applied applied(source.replayed);
    const auto& deliveries = source.replayed.execution.deliveries;
    std::vector<Round> rounds;
    const model::Event* delivery = nullptr;
    for (const auto& event : source.request.events) {
        if (!applied(event) || event.field("task") != task) {
            continue;
        }
        const bool delivered =
            std::find(deliveries.begin(), deliveries.end(), &event) != deliveries.end();
        if (event.kind == model::ActionKind::deliver && delivered) {
            delivery = &event;
            rounds.push_back({event.field("version"), delivery, nullptr});
        } else if (event.kind == model::ActionKind::accept && delivery != nullptr) {
            if (rounds.back().verdict == nullptr) {
                rounds.back().verdict = &event;
            } else {
                rounds.push_back({delivery->field("version"), delivery, &event});
            }
        }
    }
    return rounds;
}

FormSection acceptance_section(const FormSource& source, const TaskStatus& status, bool first) {
    const auto& task = status.task;
    FormSection section{
        label("form.section.acceptance_of", task.id, task.name), {}, {}, {}, {}, !first};
    auto& f = section.fields;
    f.push_back(field("form.owner", person(source, task.owner)));
    f.push_back(field("form.deliverable", value(task.deliverable)));
    f.push_back(field("form.acceptors", people(source, acceptors(source.request, task))));
    f.push_back(field("form.deadline", value(task.deadline)));
    f.push_back(field("form.task_state", task_state(status.state)));
    f.push_back(field("form.accepted_at", when(source, status.accepted_at)));
    f.push_back(field("form.rounds", label("form.rounds_count", status.rounds, status.fails)));
    section.header = {label("form.col.version"), label("form.col.delivered_at"),
                      label("form.col.late"),    label("form.col.acceptor"),
                      label("form.col.verdict"), label("form.col.decided_at"),
                      label("form.col.opinion"), label("form.col.reaccept_by")};
    for (const auto& round : rounds_of(source, task.id)) {
        section.rows.push_back(round_row(source, round));
    }
    return section;
}

// The questions: the survey's, then any key an answer gives that it does not ask.
std::vector<std::pair<std::string, FormText>> questions_of(const FormSource& source) {
    std::vector<std::pair<std::string, FormText>> questions;
    if (source.survey != nullptr) {
        for (const auto& question : source.survey->questions) {
            questions.emplace_back(question.key, value(question.text));
        }
    }
    for (const auto* event : source.replayed.execution.feedback) {
        const auto* answers = event->data.find("answers");
        if (answers == nullptr) {
            continue;
        }
        for (const auto& entry : answers->entries()) {
            const auto& key = entry.first.scalar();
            if (std::none_of(questions.begin(), questions.end(),
                             [&](const auto& q) { return q.first == key; })) {
                questions.emplace_back(key, value(key));
            }
        }
    }
    return questions;
}

} // namespace

FormBuild tracking_form(const FormSource& source) {
    const auto& execution = source.replayed.execution;
    if (!execution.split) {
        return not_yet(source, "split", FormKind::tracking);
    }
    auto doc = document(source, FormKind::tracking, label("form.title.tracking"));
    FormSection split{label("form.section.split"), {}, {}, {}, {}, false};
    split.fields.push_back(field("form.split_at", when(source, execution.split_at)));
    split.fields.push_back(field("form.split_by", person(source, execution.split_by)));
    split.fields.push_back(field("form.due", value(execution.due)));
    split.fields.push_back(field("form.lead", person(source, source.request.form.project_lead())));
    doc.sections.push_back(std::move(split));
    doc.sections.push_back(tasks_section(source));
    doc.sections.push_back(changes_section(source));
    doc.sections.push_back(risks_and_blockers_section(source));
    return {std::move(doc), std::nullopt};
}

FormBuild sync_form(const FormSource& source) {
    const auto& syncs = source.replayed.execution.syncs;
    if (syncs.empty()) {
        return not_yet(source, "sync", FormKind::sync);
    }
    auto doc = document(source, FormKind::sync, label("form.title.sync"));
    for (std::size_t i = 0; i < syncs.size(); ++i) {
        doc.sections.push_back(sync_section(source, *syncs[i], i == 0));
        doc.sections.push_back(sync_actions_section(source, *syncs[i]));
    }
    doc.sections.push_back(risks_section(source));
    return {std::move(doc), std::nullopt};
}

FormBuild acceptance_form(const FormSource& source) {
    const auto& execution = source.replayed.execution;
    if (execution.deliveries.empty()) {
        return not_yet(source, "deliver", FormKind::acceptance);
    }
    auto doc = document(source, FormKind::acceptance, label("form.title.acceptance"));
    bool first = true;
    for (const auto& status : execution.tasks) {
        if (status.version > 0) {
            doc.sections.push_back(acceptance_section(source, status, first));
            first = false;
        }
    }
    return {std::move(doc), std::nullopt};
}

FormBuild feedback_form(const FormSource& source) {
    const auto& status = source.replayed.status;
    const auto& execution = source.replayed.execution;
    const auto opened = execution.accepted_at ? execution.accepted_at : status.accepted_at;
    if (!opened) {
        return not_yet(source, "feedback", FormKind::feedback);
    }
    auto doc = document(source, FormKind::feedback, label("form.title.feedback"));
    FormSection survey{label("form.section.survey"), {}, {}, {}, {}, false};
    auto respondents = collaborators(source.request.form, status.reviewer, source.context.roster);
    std::erase(respondents,
               status.creator.empty() ? source.request.form.initiator : status.creator);
    survey.fields.push_back(field("form.opened_at", when(source, opened)));
    survey.fields.push_back(
        field("form.window_ends", when(source, feedback_window_end(status, source.context))));
    survey.fields.push_back(field("form.respondents", people(source, respondents)));
    const auto questions = questions_of(source);
    survey.header = {label("form.col.respondent"), label("form.col.answered_at")};
    for (const auto& question : questions) {
        survey.header.push_back(question.second);
    }
    survey.header.push_back(label("form.col.comment"));
    std::map<std::string, std::pair<double, int>> totals;
    std::vector<std::string> answered;
    for (const auto* event : execution.feedback) {
        answered.push_back(event->by);
        std::vector<FormText> row{person(source, event->by), when(source, event->at)};
        const auto* answers = event->data.find("answers");
        for (const auto& question : questions) {
            const auto* score = answers != nullptr ? answers->find(question.first) : nullptr;
            row.push_back(value(score != nullptr ? score->scalar() : std::string()));
            if (score != nullptr) {
                try {
                    totals[question.first].first += std::stod(score->scalar());
                    totals[question.first].second += 1;
                } catch (const std::exception&) {
                    // A malformed score is a file problem, reported by check.
                }
            }
        }
        row.push_back(value(event->field("comment")));
        survey.rows.push_back(std::move(row));
    }
    if (!survey.rows.empty()) {
        std::vector<FormText> average{label("form.average"), value("")};
        for (const auto& question : questions) {
            const auto& [sum, count] = totals[question.first];
            average.push_back(value(count > 0 ? fmt::format("{:.1f}", sum / count) : ""));
        }
        average.push_back(value(""));
        survey.rows.push_back(std::move(average));
    }
    std::vector<std::string> missing;
    for (const auto& person_id : respondents) {
        if (std::find(answered.begin(), answered.end(), person_id) == answered.end()) {
            missing.push_back(person_id);
        }
    }
    if (!missing.empty()) {
        survey.note = label("form.feedback.missing", source.context.roster.display_list(missing));
    }
    doc.sections.push_back(std::move(survey));
    return {std::move(doc), std::nullopt};
}

} // namespace collab::rules::form_parts
