#pragma once

#include "cli/session.hpp"

#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/execution.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/yaml/node.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// A new event by the acting person at --now on the request's current content, with
// the next Lamport seq. Only under the workspace lock (Session::lock_workspace, which
// loading the request took), so the seq counts every entry written before it.
model::Event new_event(Session& session, const model::Request& request, model::ActionKind action);

// Small builders for action fields.
yaml::Node text_node(const std::string& text);
yaml::Node list_node(const std::vector<std::string>& items);

// The execution of a request (tasks, blockers, changes...) as its logs replay it.
rules::Execution execution_of(Session& session, const model::Request& request);

// "a, b, c" of people's display names.
std::string people_text(const std::vector<std::string>& ids, const model::Roster& roster);

} // namespace collab::cli
