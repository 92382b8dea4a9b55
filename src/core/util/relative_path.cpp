#include <collab/util/relative_path.hpp>
#include <vector>

namespace collab::util {

std::optional<std::string> normal_relative_path(std::string_view path) {
    if (path.empty() || path.front() == '/' ||
        path.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos ||
        (path.size() >= 2 && path[1] == ':')) {
        return std::nullopt;
    }
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const auto part = path.substr(0, slash);
        path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            if (parts.empty()) {
                return std::nullopt;
            }
            parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    if (parts.empty()) {
        return std::nullopt;
    }
    std::string out;
    for (const auto part : parts) {
        out += (out.empty() ? "" : "/");
        out += part;
    }
    return out;
}

} // namespace collab::util
