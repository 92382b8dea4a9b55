#pragma once

#include <string>
#include <vector>

namespace collab::store {

// What `collab check --changed-since REV` must judge, from the workspace files that
// differ from REV: the requests whose folders hold a changed file, or the whole
// workspace when a file every request is judged by changed (collab.yaml, people.yaml,
// a calendar, anything else outside a request folder) or something under requests/
// that is not a request folder did. The cache and lock under .collab/cache are never
// inputs.
struct ChangedScope {
    bool whole_workspace = false;
    std::vector<std::string> requests; // sorted, each once
};

// `paths` are relative to the workspace root, '/'-separated, as git names them.
ChangedScope changed_scope(const std::vector<std::string>& paths);

} // namespace collab::store
