#pragma once

#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// One row of the collaboration task tracking table (协作任务跟踪表): the smallest
// executable unit of a request, with exactly one owner.
struct Task {
    std::string id; // short, within the request: T1, T2, ...
    std::string name;
    std::string owner; // one person
    std::vector<std::string> collaborators;
    std::string deadline; // YYYY-MM-DD, a working day
    std::string deliverable;
    std::vector<std::string> depends_on; // task ids
    std::vector<int> covers;             // the request's action items (1-based) it delivers

    std::map<std::string, SourceLocation> where; // field -> position, for diagnostics
    SourceLocation location_of(const std::string& field) const;
};

// requests/<ID>/tasks.yaml as `collab split` wrote it. Frozen once split: later
// changes are change requests in the logs, applied on top when reading.
struct TaskTable {
    std::vector<Task> tasks;
    std::string path;

    const Task* find(std::string_view id) const;
};

// Whether each task must have an `id`: the frozen tasks.yaml must; a table written
// for `collab split` may leave them out, and split numbers them.
enum class TaskIds { required, optional };

std::optional<TaskTable> read_task_table(const yaml::Node& root, const std::string& path,
                                         Diagnostics& out, TaskIds ids = TaskIds::required);
yaml::Node to_node(const TaskTable& table);

// Content hashes, like content_hash of the form: a task's owner confirms its hash.
std::string task_hash(const Task& task);
std::string table_hash(const TaskTable& table);

// Parses the --task flag: "name=Research; owner=zhao; deadline=2026-07-15;
// deliverable=Report v1; collaborators=chen,li; depends=T1; covers=1,2". Unknown keys
// and malformed parts are reported in `error` (a key name or the part).
std::optional<Task> parse_task_flag(std::string_view text, std::string& error);

} // namespace collab::model
