#include <algorithm>
#include <collab/rules/request_status.hpp>
#include <collab/rules/split_rule.hpp>
#include <collab/util/edit_distance.hpp>
#include <functional>
#include <map>
#include <set>

namespace collab::rules {

using i18n::msg;

namespace {

void check_person(const model::Task& task, const std::string& field, const std::string& id,
                  const model::Roster& roster, Diagnostics& out) {
    if (roster.find(id) != nullptr) {
        return;
    }
    if (const auto* dept = roster.find_department(id)) {
        out.error(task.location_of(field), msg("split.department_owner", task.id, id, dept->name));
        return;
    }
    std::vector<std::string> ids;
    for (const auto& person : roster.people()) {
        ids.push_back(person.id);
    }
    if (auto near = util::closest_match(id, ids)) {
        out.error(task.location_of(field), msg("split.unknown_person_near", task.id, id, *near));
    } else {
        out.error(task.location_of(field), msg("split.unknown_person", task.id, id));
    }
}

void check_deadline(const model::Task& task, const std::string& due, const Context& context,
                    Diagnostics& out) {
    if (task.deadline.empty()) {
        out.error(task.location_of("deadline"), msg("split.no_deadline", task.id));
        return;
    }
    const auto deadline = time::parse_date(task.deadline);
    if (!deadline) {
        out.error(task.location_of("deadline"), msg("split.bad_deadline", task.id, task.deadline));
        return;
    }
    const auto working = context.calendar.is_working_day(*deadline);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&working)) {
        out.error(task.location_of("deadline"),
                  msg("form.due_uncovered", task.deadline, uncovered->year));
    } else if (!std::get<bool>(working)) {
        const auto next = context.calendar.add(*deadline, 0);
        const auto next_text = std::holds_alternative<time::Date>(next)
                                   ? time::format_date(std::get<time::Date>(next))
                                   : std::string("?");
        if (const auto* holiday = context.calendar.holiday_on(*deadline)) {
            out.error(task.location_of("deadline"), msg("split.deadline_holiday", task.id,
                                                        task.deadline, holiday->name, next_text));
        } else {
            out.error(task.location_of("deadline"),
                      msg("split.deadline_weekend", task.id, task.deadline, next_text));
        }
    }
    const auto request_due = time::parse_date(due);
    if (request_due && date::sys_days(*deadline) > date::sys_days(*request_due)) {
        out.error(task.location_of("deadline"),
                  msg("split.after_due", task.id, task.deadline, due));
    }
}

void check_dependencies(const model::TaskTable& table, const model::Task& task, Diagnostics& out) {
    const auto deadline = time::parse_date(task.deadline);
    for (const auto& dep : task.depends_on) {
        const auto* other = table.find(dep);
        if (other == nullptr) {
            out.error(task.location_of("depends_on"),
                      msg("split.unknown_dependency", task.id, dep));
            continue;
        }
        const auto other_deadline = time::parse_date(other->deadline);
        if (deadline && other_deadline &&
            date::sys_days(*deadline) < date::sys_days(*other_deadline)) {
            out.error(task.location_of("deadline"),
                      msg("split.before_dependency", task.id, task.deadline, dep, other->deadline));
        }
    }
}

} // namespace

std::vector<std::string> find_cycle(const model::TaskTable& table) {
    // Depth-first search with colours; the path on the stack when a grey task is met
    // again is the cycle.
    std::map<std::string, int> colour; // 0 white, 1 grey, 2 black
    std::vector<std::string> stack;
    std::vector<std::string> cycle;
    std::function<bool(const model::Task&)> visit = [&](const model::Task& task) {
        colour[task.id] = 1;
        stack.push_back(task.id);
        for (const auto& dep : task.depends_on) {
            const auto* next = table.find(dep);
            if (next == nullptr) {
                continue;
            }
            if (colour[dep] == 1) {
                const auto from = std::find(stack.begin(), stack.end(), dep);
                cycle.assign(from, stack.end());
                cycle.push_back(dep);
                return true;
            }
            if (colour[dep] == 0 && visit(*next)) {
                return true;
            }
        }
        stack.pop_back();
        colour[task.id] = 2;
        return false;
    };
    for (const auto& task : table.tasks) {
        if (colour[task.id] == 0 && visit(task)) {
            return cycle;
        }
    }
    return {};
}

void check_task_table(const model::TaskTable& table, const model::RequestForm& form,
                      const std::string& due, const Context& context, Diagnostics& out) {
    if (table.tasks.empty()) {
        out.error({table.path, 1, 1}, msg("split.no_tasks"));
        return;
    }
    std::set<std::string> ids;
    std::set<int> covered;
    for (const auto& task : table.tasks) {
        if (!ids.insert(task.id).second) {
            out.error(task.location_of("id"), msg("split.duplicate_id", task.id));
        }
        if (task.name.empty()) {
            out.error(task.location_of("name"), msg("split.no_name", task.id));
        }
        if (task.owner.empty()) {
            out.error(task.location_of("owner"), msg("split.no_owner", task.id));
        } else if (task.owner.find(',') != std::string::npos) {
            out.error(task.location_of("owner"), msg("split.one_owner", task.id, task.owner));
        } else {
            check_person(task, "owner", task.owner, context.roster, out);
        }
        for (const auto& person : task.collaborators) {
            check_person(task, "collaborators", person, context.roster, out);
        }
        check_deadline(task, due, context, out);
        if (task.deliverable.empty()) {
            out.error(task.location_of("deliverable"), msg("split.no_deliverable", task.id));
        }
        check_dependencies(table, task, out);
        for (int item : task.covers) {
            if (item < 1 || item > static_cast<int>(form.items.size())) {
                out.error(task.location_of("covers"),
                          msg("split.bad_cover", task.id, item, form.items.size()));
            }
            covered.insert(item);
        }
    }
    const auto cycle = find_cycle(table);
    if (!cycle.empty()) {
        std::string path;
        for (const auto& id : cycle) {
            path += (path.empty() ? "" : " -> ") + id;
        }
        const auto* first = table.find(cycle.front());
        out.error(first->location_of("depends_on"), msg("split.cycle", path));
    }
    for (std::size_t i = 1; i <= form.items.size(); ++i) {
        if (covered.count(static_cast<int>(i)) == 0) {
            out.error({table.path, 1, 1}, msg("split.uncovered", i, form.items[i - 1].action));
        }
    }
}

std::optional<Refusal> check_split(const model::Request& request, const RequestStatus& status,
                                   const std::string& actor, const Context& context) {
    const auto& roster = context.roster;
    if (status.state != RequestState::final) {
        Refusal refusal{
            "split", msg("refuse.wrong_state.split", request.id, state_name(status.state)), {}, {}};
        refusal.hints.push_back(msg("hint.see_next", request.id));
        return refusal;
    }
    const auto& lead = request.form.project_lead();
    if (actor != request.form.initiator && actor != lead) {
        return Refusal{"split",
                       msg("refuse.split_who", request.id, roster.display(request.form.initiator),
                           roster.display(lead)),
                       {},
                       {}};
    }
    return std::nullopt;
}

// Each guard with the status replayed here, for a caller that has not replayed it.
std::optional<Refusal> check_split(const model::Request& request, const std::string& actor,
                                   const Context& context) {
    return check_split(request, derive_status(request, context.roster), actor, context);
}

} // namespace collab::rules
