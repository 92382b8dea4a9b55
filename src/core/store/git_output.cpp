#include <collab/store/git_output.hpp>

namespace collab::store {

std::vector<std::string> z_fields(std::string_view out) {
    std::vector<std::string> fields;
    while (!out.empty()) {
        const auto end = out.find('\0');
        const auto field = out.substr(0, end);
        if (!field.empty()) {
            fields.emplace_back(field);
        }
        if (end == std::string_view::npos) {
            break;
        }
        out.remove_prefix(end + 1);
    }
    return fields;
}

std::vector<std::string> status_z_paths(std::string_view out) {
    std::vector<std::string> paths;
    while (!out.empty()) {
        const auto end = out.find('\0');
        // "XY PATH": two status letters, a space, a path.
        if (end == std::string_view::npos || end < 4 || out[2] != ' ') {
            break;
        }
        const bool moved = out[0] == 'R' || out[0] == 'C' || out[1] == 'R' || out[1] == 'C';
        paths.emplace_back(out.substr(3, end - 3));
        out.remove_prefix(end + 1);
        if (moved) {
            const auto from_end = out.find('\0');
            if (from_end == std::string_view::npos || from_end == 0) {
                break;
            }
            paths.emplace_back(out.substr(0, from_end));
            out.remove_prefix(from_end + 1);
        }
    }
    return paths;
}

} // namespace collab::store
