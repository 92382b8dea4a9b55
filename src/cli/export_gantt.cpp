// collab export REQUEST --gantt mermaid|svg: the task table as a Gantt chart.
#include "cli/export_gantt.hpp"

#include "cli/exit_status.hpp"

#include <collab/rules/gantt.hpp>
#include <collab/rules/replay.hpp>
#include <collab/util/gantt_drawing.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

namespace {

constexpr const char* k_weekday_names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                           "thursday", "friday", "saturday"};

util::GanttBarStyle style_of(const rules::GanttTask& task) {
    util::GanttBarStyle style;
    style.done = task.state == rules::TaskState::accepted;
    style.active = task.state == rules::TaskState::active ||
                   task.state == rules::TaskState::delivered ||
                   task.state == rules::TaskState::rework;
    style.crit = task.overdue;
    return style;
}

int day_index(const rules::GanttChart& chart, time::Date day) {
    return static_cast<int>((date::sys_days{day} - date::sys_days{chart.first}).count());
}

util::GanttBar bar_of(const rules::GanttTask& task, const rules::GanttChart& chart,
                      Session& session) {
    util::GanttBar bar;
    bar.id = task.id;
    bar.label = fmt::format("{} {}", task.id, task.name);
    bar.first = day_index(chart, task.start);
    bar.last = day_index(chart, task.end);
    bar.style = style_of(task);
    bar.percent = task.percent;
    bar.depends_on = task.depends_on;
    if (task.starts_after_dependencies) {
        bar.after = task.depends_on;
    }
    const auto state =
        session.tr(fmt::format("gantt.state_{}", rules::task_state_name(task.state)));
    bar.detail = session.tr(msg("gantt.detail", bar.label, time::format_date(task.start),
                                time::format_date(task.end), state, task.percent));
    if (task.overdue) {
        bar.detail += " " + session.tr("task.overdue_mark");
    }
    return bar;
}

util::GanttDrawing drawing_of(const rules::GanttChart& chart, const model::Request& request,
                              const rules::Context& context, Session& session) {
    util::GanttDrawing drawing;
    drawing.title = session.tr(
        msg("gantt.title", request.id, request.form.title, time::format_date(chart.today)));
    for (const auto& day : chart.days) {
        util::GanttDrawingDay shown;
        shown.date = time::format_date(day.day);
        shown.day_of_month = static_cast<int>(static_cast<unsigned>(day.day.day()));
        shown.working = day.working;
        shown.weekend = day.off_by_work_week;
        shown.holiday = day.holiday;
        drawing.days.push_back(std::move(shown));
    }
    drawing.day_after = time::format_date(time::Date{date::sys_days{chart.last} + date::days{1}});
    drawing.today = day_index(chart, chart.today);
    drawing.today_label = session.tr(msg("gantt.today", time::format_date(chart.today)));
    for (const auto& owner : chart.owners) {
        util::GanttSection section;
        section.label = context.roster.display(owner.owner);
        for (const auto& task : owner.tasks) {
            section.bars.push_back(bar_of(task, chart, session));
        }
        drawing.sections.push_back(std::move(section));
    }
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        if (!context.calendar.work_week()[weekday]) {
            drawing.rest_weekdays.emplace_back(k_weekday_names[weekday]);
        }
    }
    drawing.legend = {session.tr("gantt.legend_done"),        session.tr("gantt.legend_active"),
                      session.tr("gantt.legend_planned"),     session.tr("gantt.legend_overdue"),
                      session.tr("gantt.legend_non_working"), session.tr("gantt.legend_holiday")};
    return drawing;
}

} // namespace

std::string export_gantt(Session& session, const std::string& request, const std::string& format) {
    if (request.empty()) {
        session.fail(k_exit_usage, msg("export.gantt_request"));
    }
    const auto context = session.context();
    const auto loaded = session.load_request(session.resolve_request(request));
    const auto replayed = rules::replay(loaded, context.roster);
    if (!replayed.execution.split) {
        session.fail(k_exit_refused, msg("export.gantt_not_split", loaded.id));
    }
    const auto chart = rules::gantt_chart(replayed.execution, context);
    const auto drawing = drawing_of(chart, loaded, context, session);
    return format == "svg" ? util::gantt_svg(drawing) : util::gantt_mermaid(drawing);
}

std::string gantt_svg_of(Session& session, const model::Request& request,
                         const rules::Replayed& replayed) {
    if (!replayed.execution.split) {
        return "";
    }
    const auto context = session.context();
    const auto chart = rules::gantt_chart(replayed.execution, context);
    return util::gantt_svg(drawing_of(chart, request, context, session));
}

} // namespace collab::cli
