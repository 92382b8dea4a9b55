#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/templates.hpp>
#include <system_error>

namespace collab::store {

std::optional<std::string> find_template(const std::string& name,
                                         const std::filesystem::path& workspace_root) {
    if (!workspace_root.empty()) {
        const auto local = std::string("templates/") + name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(workspace_root / local, ec)) {
            try {
                return read_contained(workspace_root, local);
            } catch (const std::system_error&) {
                // Unreadable override, or a link: fall back to the built-in template.
            }
        }
    }
    for (const auto& entry : embedded_templates()) {
        if (name == entry.name) {
            return std::string(entry.text);
        }
    }
    return std::nullopt;
}

} // namespace collab::store
