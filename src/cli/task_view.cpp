#include "cli/task_view.hpp"

#include "cli/day_count_notes.hpp"

#include <collab/i18n/state_label.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

std::vector<TaskRow> task_rows(const model::Request& request, const rules::Context& context) {
    const auto execution = rules::replay(request, context.roster).execution;
    std::vector<TaskRow> rows;
    for (const auto& task : execution.tasks) {
        auto entry = rules::task_entry(task, execution);
        TaskRow row;
        row.request = request.id;
        row.request_title = request.form.title;
        row.status = task;
        row.timing = rules::task_timing(task, context);
        row.open_blockers = std::move(entry.open_blockers);
        row.risks = std::move(entry.risks);
        for (const auto* event : execution.progress) {
            if (event->field("task") == task.task.id) {
                row.updates.emplace_back(event->at, event->field("note"));
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

TaskRow task_row(const std::string& request, const std::string& title,
                 const rules::TaskEntry& entry, const rules::Context& context) {
    TaskRow row;
    row.request = request;
    row.request_title = title;
    row.status = rules::listed_status(entry);
    row.timing = rules::task_timing(row.status, context);
    row.open_blockers = entry.open_blockers;
    row.risks = entry.risks;
    return row;
}

namespace {

std::string state_text(const TaskRow& row, i18n::Language lang) {
    auto text = i18n::state_label(lang, rules::task_state_name(row.status.state));
    if (row.status.edited_by_hand) {
        text += " " + i18n::text(lang, "task.edited_mark");
    }
    if (row.timing.overdue) {
        text += " " + i18n::text(lang, "task.overdue_mark");
    } else if (row.timing.stale) {
        text += " " + i18n::text(lang, "task.stale_mark");
    }
    return text;
}

void write_row_json(util::JsonWriter& w, const TaskRow& row, const rules::Context& context) {
    const auto& task = row.status.task;
    w.key("request").value(row.request).key("id").value(task.id);
    w.key("name").value(task.name).key("owner").value(task.owner);
    w.key("collaborators").begin_array();
    for (const auto& person : task.collaborators) {
        w.value(person);
    }
    w.end_array();
    w.key("state").value(std::string(rules::task_state_name(row.status.state)));
    w.key("confirmed").value(row.status.confirmed);
    w.key("deadline").value(task.deadline).key("deliverable").value(task.deliverable);
    w.key("depends_on").begin_array();
    for (const auto& dep : task.depends_on) {
        w.value(dep);
    }
    w.end_array();
    w.key("effective_deadline").value(row.timing.deadline);
    if (row.timing.finished) {
        w.key("days_left").null();
    } else {
        write_day_count(w, "days_left", row.timing.days_left);
    }
    w.key("overdue").value(row.timing.overdue).key("stale").value(row.timing.stale);
    w.key("percent").value(row.status.percent).key("latest_note").value(row.status.latest_note);
    w.key("last_update");
    if (row.status.last_update) {
        w.value(context.zone.format(*row.status.last_update));
    } else {
        w.null();
    }
    w.key("open_blockers").begin_array();
    for (const auto& blocker : row.open_blockers) {
        w.begin_object().key("id").value(blocker.id).key("text").value(blocker.text);
        w.key("from").value(blocker.from).key("by").value(blocker.by_text).end_object();
    }
    w.end_array();
    w.key("risks").begin_array();
    for (const auto& risk : row.risks) {
        w.begin_object().key("id").value(risk.id).key("text").value(risk.text);
        w.key("status").value(risk.status).end_object();
    }
    w.end_array();
}

} // namespace

std::string render_task_rows_text(const std::vector<TaskRow>& rows, const rules::Context& context,
                                  i18n::Language lang) {
    if (rows.empty()) {
        return i18n::text(lang, "task.none") + "\n";
    }
    std::vector<std::vector<std::string>> table;
    table.push_back({i18n::text(lang, "task.col_task"), i18n::text(lang, "task.col_name"),
                     i18n::text(lang, "task.col_owner"), i18n::text(lang, "task.col_state"),
                     i18n::text(lang, "task.col_deadline"), i18n::text(lang, "task.col_left"),
                     i18n::text(lang, "task.col_progress"), i18n::text(lang, "task.col_blockers"),
                     i18n::text(lang, "task.col_note")});
    std::vector<time::DayCount> shown;
    for (const auto& row : rows) {
        shown.push_back(row.timing.days_left);
        const auto* owner = context.roster.find(row.status.task.owner);
        std::string blockers =
            row.open_blockers.empty() ? "-" : std::to_string(row.open_blockers.size());
        if (!row.risks.empty()) {
            blockers += " / " + i18n::render(lang, msg("task.risks", row.risks.size()));
        }
        table.push_back({row.request + "/" + row.status.task.id, row.status.task.name,
                         owner != nullptr ? owner->name : row.status.task.owner,
                         state_text(row, lang), row.timing.deadline,
                         row.timing.finished ? "-" : row.timing.days_left.text(),
                         std::to_string(row.status.percent) + "%", blockers,
                         row.status.latest_note.empty() ? "-" : row.status.latest_note});
    }
    return util::format_table(table) + day_count_notes(shown, lang);
}

std::string render_task_rows_json(const std::vector<TaskRow>& rows, const rules::Context& context) {
    util::JsonWriter w;
    w.begin_object().key("tasks").begin_array();
    for (const auto& row : rows) {
        w.begin_object();
        write_row_json(w, row, context);
        w.end_object();
    }
    w.end_array().end_object();
    return w.str();
}

std::string render_task_text(const TaskRow& row, const rules::Context& context,
                             i18n::Language lang) {
    const auto& task = row.status.task;
    const auto& roster = context.roster;
    std::string collaborators;
    for (const auto& person : task.collaborators) {
        collaborators += (collaborators.empty() ? "" : ", ") + roster.display(person);
    }
    std::string depends;
    for (const auto& dep : task.depends_on) {
        depends += (depends.empty() ? "" : ", ") + dep;
    }
    std::vector<std::vector<std::string>> table = {
        {i18n::text(lang, "task.col_task"), row.request + "/" + task.id},
        {i18n::text(lang, "task.col_name"), task.name},
        {i18n::text(lang, "task.col_owner"), roster.display(task.owner)},
        {i18n::text(lang, "task.collaborators"), collaborators.empty() ? "-" : collaborators},
        {i18n::text(lang, "task.col_state"), state_text(row, lang)},
        {i18n::text(lang, "task.col_deadline"),
         row.timing.finished ? row.timing.deadline
                             : i18n::render(lang, msg("task.deadline_left", row.timing.deadline,
                                                      row.timing.days_left.text()))},
        {i18n::text(lang, "task.deliverable"), task.deliverable},
        {i18n::text(lang, "task.depends"), depends.empty() ? "-" : depends},
        {i18n::text(lang, "task.col_progress"), std::to_string(row.status.percent) + "%"},
    };
    std::string out = util::format_table(table) + day_count_notes({row.timing.days_left}, lang);
    if (!row.updates.empty()) {
        out += "\n" + i18n::text(lang, "task.updates") + "\n";
        for (const auto& [at, note] : row.updates) {
            out += "  " + context.zone.format_short(at) + "  " + note + "\n";
        }
    }
    if (!row.open_blockers.empty()) {
        out += "\n" + i18n::text(lang, "task.blockers") + "\n";
        for (const auto& blocker : row.open_blockers) {
            out += "  " + blocker.id + "  " + blocker.text + "  " +
                   i18n::render(lang, msg("task.blocker_from", roster.display(blocker.from),
                                          blocker.by_text)) +
                   "\n";
        }
    }
    if (!row.risks.empty()) {
        out += "\n" + i18n::text(lang, "task.risk_list") + "\n";
        for (const auto& risk : row.risks) {
            out += "  " + risk.id + "  [" + risk.status + "]  " + risk.text + "\n";
        }
    }
    return out;
}

std::string render_task_json(const TaskRow& row, const rules::Context& context) {
    util::JsonWriter w;
    w.begin_object();
    write_row_json(w, row, context);
    w.key("updates").begin_array();
    for (const auto& [at, note] : row.updates) {
        w.begin_object()
            .key("at")
            .value(context.zone.format(at))
            .key("note")
            .value(note)
            .end_object();
    }
    w.end_array().end_object();
    return w.str();
}

} // namespace collab::cli
