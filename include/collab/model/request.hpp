#pragma once

#include <collab/model/event.hpp>
#include <collab/model/request_form.hpp>
#include <collab/model/task_table.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// Everything recorded about one request: its form and every event of every log,
// in causal order. The request's state is derived from these (rules::derive_status),
// never stored.
struct Request {
    std::string id;
    std::string dir;       // "requests/R-7KQ2XM", relative to the workspace root
    std::string form_path; // "requests/R-7KQ2XM/request.yaml"
    RequestForm form;
    std::optional<TaskTable> tasks; // tasks.yaml, once the request is split
    std::vector<Event> events;
    // Entries the replay does not apply because the workspace's `signatures:` policy
    // does not accept their signature (rules/signature_policy); `collab check` reports them.
    std::vector<Event> untrusted;

    // One more than the largest seq recorded: the seq of the next event.
    long long next_seq() const;
    // The path of a person's log file, relative to the workspace root.
    std::string log_path(const std::string& person) const;
    std::string tasks_path() const { return dir + "/tasks.yaml"; }
};

} // namespace collab::model
