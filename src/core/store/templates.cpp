#include <collab/store/atomic_file.hpp>
#include <collab/store/templates.hpp>
#include <system_error>

namespace collab::store {

std::optional<std::string> find_template(const std::string& name,
                                         const std::filesystem::path& workspace_root) {
    if (!workspace_root.empty()) {
        const auto local = workspace_root / "templates" / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(local, ec)) {
            try {
                return read_file(local);
            } catch (const std::system_error&) {
                // Unreadable override: fall back to the built-in template.
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
