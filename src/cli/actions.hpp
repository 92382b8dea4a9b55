#pragma once

#include "cli/session.hpp"

#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/replay.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/txn/transaction.hpp>
#include <collab/yaml/node.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// A new event by the acting person at --now on the request's current content, with
// the next Lamport seq. Only under the workspace lock (Session::lock_workspace, which
// loading the request took), so the seq counts every entry written before it.
model::Event new_event(Session& session, const model::Request& request, model::ActionKind action);

// A write command's one transaction on request `id` (txn::transact), as the acting
// person at --now under the workspace lock: prints the request's warnings, stops with
// exit 4 on invalid files and exit 3 on the decision's refusal; else the entry is
// written and the outcome returned (the request with the entry as its last event).
txn::Outcome write_entry(Session& session, const std::string& id, const txn::Decide& decide);

// Small builders for action fields.
yaml::Node text_node(const std::string& text);
yaml::Node list_node(const std::vector<std::string>& items);

// A request's status and execution (tasks, blockers, changes...) as its logs replay them.
rules::Replayed replay_of(Session& session, const model::Request& request);

// The roster ids of the people named (by id or email); an unknown one stops the
// command with exit 2, as every option naming someone does.
std::vector<std::string> person_ids(Session& session, const std::vector<std::string>& names);

// When a meeting or sync was held: `at` (a date or time in the workspace's zone), or
// --now when it is empty; a time that does not parse stops the command with exit 2.
time::Timestamp held_at(Session& session, const std::string& at);

// "a, b, c" of people's display names.
std::string people_text(const std::vector<std::string>& ids, const model::Roster& roster);

} // namespace collab::cli
