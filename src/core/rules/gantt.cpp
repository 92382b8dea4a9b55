#include <algorithm>
#include <collab/rules/gantt.hpp>
#include <map>
#include <variant>

namespace collab::rules {

namespace {

using Days = date::sys_days;

Days days_of(time::Date day) {
    return Days{day};
}

// The day a task could begin: when its owner confirmed it, else when the request was
// split (a split request always has its split time; today is a last resort).
time::Date own_start(const TaskStatus& task, const Execution& execution, const Context& context) {
    if (task.confirmed_at) {
        return context.zone.local_date(*task.confirmed_at);
    }
    if (execution.split_at) {
        return context.zone.local_date(*execution.split_at);
    }
    return context.zone.local_date(context.now);
}

GanttTask chart_task(const TaskStatus& status, const Execution& execution, const Context& context) {
    GanttTask task;
    task.id = status.task.id;
    task.name = status.task.name;
    task.owner = status.task.owner;
    task.state = status.state;
    task.percent = status.percent;
    task.depends_on = status.task.depends_on;
    const auto timing = task_timing(status, context);
    task.overdue = timing.overdue;
    task.start = own_start(status, execution, context);
    task.end = time::parse_date(timing.deadline).value_or(task.start);
    // Confirmed after its deadline: a bar of one day rather than one drawn backwards.
    task.start = std::min(task.start, task.end);
    return task;
}

// Moves each task's start to the day after its latest dependency ends, in table order
// until nothing moves (dependencies may be listed after their dependants).
void start_after_dependencies(std::vector<GanttTask>& tasks) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        index.emplace(tasks[i].id, i);
    }
    for (auto& task : tasks) {
        std::erase_if(task.depends_on, [&](const std::string& id) { return !index.contains(id); });
    }
    // A cycle is refused when the table is written; the bound keeps a hand-edited one finite.
    for (std::size_t round = 0; round <= tasks.size(); ++round) {
        bool moved = false;
        for (auto& task : tasks) {
            for (const auto& id : task.depends_on) {
                const auto after = time::Date{days_of(tasks[index.at(id)].end) + date::days{1}};
                const auto start = std::min(after, task.end);
                if (days_of(start) > days_of(task.start)) {
                    task.start = start;
                    task.starts_after_dependencies = start == after;
                    moved = true;
                }
            }
        }
        if (!moved) {
            break;
        }
    }
}

GanttDay chart_day(time::Date day, const time::Calendar& calendar) {
    GanttDay out;
    out.day = day;
    const auto weekday = date::weekday{days_of(day)}.c_encoding();
    out.off_by_work_week = !calendar.work_week()[weekday];
    const auto working = calendar.is_working_day(day);
    // A year no calendar covers: the work week alone, as weekends-only would count it.
    out.working =
        std::holds_alternative<bool>(working) ? std::get<bool>(working) : !out.off_by_work_week;
    if (const auto* holiday = calendar.holiday_on(day); holiday != nullptr && !out.working) {
        out.holiday = holiday->name;
    }
    return out;
}

} // namespace

GanttChart gantt_chart(const Execution& execution, const Context& context) {
    std::vector<GanttTask> tasks;
    for (const auto& status : execution.tasks) {
        if (status.state != TaskState::removed) {
            tasks.push_back(chart_task(status, execution, context));
        }
    }
    start_after_dependencies(tasks);

    GanttChart chart;
    chart.today = context.zone.local_date(context.now);
    chart.first = chart.today;
    chart.last = chart.today;
    for (auto& task : tasks) {
        chart.first = std::min(chart.first, task.start);
        chart.last = std::max(chart.last, task.end);
        auto owner = std::find_if(chart.owners.begin(), chart.owners.end(),
                                  [&](const GanttOwner& o) { return o.owner == task.owner; });
        if (owner == chart.owners.end()) {
            owner = chart.owners.insert(chart.owners.end(), GanttOwner{task.owner, {}});
        }
        owner->tasks.push_back(std::move(task));
    }
    for (auto day = days_of(chart.first); day <= days_of(chart.last); day += date::days{1}) {
        chart.days.push_back(chart_day(time::Date{day}, context.calendar));
    }
    return chart;
}

} // namespace collab::rules
