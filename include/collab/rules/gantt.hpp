#pragma once

#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/time/calendar.hpp>
#include <string>
#include <vector>

namespace collab::rules {

// One task of the chart: a bar from its start to its deadline, both days included.
struct GanttTask {
    std::string id;
    std::string name;
    std::string owner;
    time::Date start;
    time::Date end; // the effective deadline (effective_deadline)
    // The start is the day after the last of its dependencies ends, not the day the
    // owner confirmed it: it cannot begin before them.
    bool starts_after_dependencies = false;
    std::vector<std::string> depends_on; // the charted tasks among its dependencies
    TaskState state = TaskState::planned;
    int percent = 0;
    bool overdue = false; // past its deadline and not accepted (task_timing)
};

// The tasks of one owner, in table order.
struct GanttOwner {
    std::string owner;
    std::vector<GanttTask> tasks;
};

// One day of the chart's range, as the workspace's calendar has it.
struct GanttDay {
    time::Date day;
    bool working = true;
    bool off_by_work_week = false; // a weekday the work week rests on (weekends)
    std::string holiday;           // the holiday's name, on a holiday
};

// A split request's task table as a Gantt chart, as of context.now.
struct GanttChart {
    time::Date first; // the range drawn, both days included: every task and today
    time::Date last;
    time::Date today;
    std::vector<GanttOwner> owners; // in the order owners first appear in the table
    std::vector<GanttDay> days;     // every day from first to last
};

// The chart of a request's tasks in force (removed tasks left out). A task starts on
// the day its owner confirmed it, else the day the request was split, or the day
// after the last of its dependencies ends if that is later; never after its deadline.
// Days of years no calendar covers are judged by the work week alone. Pure.
GanttChart gantt_chart(const Execution& execution, const Context& context);

} // namespace collab::rules
