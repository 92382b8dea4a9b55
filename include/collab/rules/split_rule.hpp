#pragma once

#include <collab/model/request.hpp>
#include <collab/model/task_table.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/util/diagnostic.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// Rule `split` of docs/PROCESS.md over a task table: unique task ids; a name; exactly one
// owner who is a person in the roster (a department is not an owner); collaborators
// in the roster; a deadline on a working day, not after the request's due date and
// not before any task it depends on; dependencies that exist and form no cycle (the
// cycle is named); a named deliverable; every action item covered by a task.
// `due` is the request's due date in force.
void check_task_table(const model::TaskTable& table, const model::RequestForm& form,
                      const std::string& due, const Context& context, Diagnostics& out);

// A dependency cycle among tasks, as the ids along it ("T1 -> T2 -> T1"); empty
// when there is none.
std::vector<std::string> find_cycle(const model::TaskTable& table);

// split: only on a final request not yet split, by the initiator or project lead.
std::optional<Refusal> check_split(const model::Request& request, const std::string& actor,
                                   const Context& context);
std::optional<Refusal> check_split(const model::Request& request, const RequestStatus& status,
                                   const std::string& actor, const Context& context);

} // namespace collab::rules
