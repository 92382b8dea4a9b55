#include <algorithm>
#include <collab/model/request_id.hpp>
#include <collab/store/changed_scope.hpp>
#include <collab/store/workspace.hpp>
#include <string_view>

namespace collab::store {

namespace {

bool under(std::string_view path, std::string_view dir) {
    return path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/';
}

// Derived state that no rule reads: the caches and the lock.
bool derived(std::string_view path) {
    return under(path, k_cache_dir) || path == k_lock_file;
}

} // namespace

ChangedScope changed_scope(const std::vector<std::string>& paths) {
    ChangedScope scope;
    for (const auto& path : paths) {
        if (derived(path)) {
            continue;
        }
        if (!under(path, k_requests_dir)) {
            scope.whole_workspace = true;
            continue;
        }
        const auto rest =
            std::string_view(path).substr(std::string_view(k_requests_dir).size() + 1);
        const auto slash = rest.find('/');
        const auto id = rest.substr(0, slash);
        // A file directly under requests/, or a folder that is no request: the scan of
        // requests/ that reports such entries is workspace-wide.
        if (slash == std::string_view::npos || !model::is_request_id(id)) {
            scope.whole_workspace = true;
            continue;
        }
        scope.requests.emplace_back(id);
    }
    std::sort(scope.requests.begin(), scope.requests.end());
    scope.requests.erase(std::unique(scope.requests.begin(), scope.requests.end()),
                         scope.requests.end());
    return scope;
}

} // namespace collab::store
