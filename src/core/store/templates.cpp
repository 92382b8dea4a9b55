#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/templates.hpp>
#include <string_view>
#include <system_error>

namespace collab::store {

namespace {

// Templates name the installed JSON Schemas in their first line
// ("# yaml-language-server: $schema=file://{{schema_dir}}/request.schema.json"), so
// that editors complete and check the files made from them.
std::string with_schema_dir(std::string text) {
    static constexpr std::string_view k_placeholder = "{{schema_dir}}";
    static constexpr std::string_view k_schema_dir = COLLAB_SCHEMA_DIR;
    for (auto at = text.find(k_placeholder); at != std::string::npos;
         at = text.find(k_placeholder, at + k_schema_dir.size())) {
        text.replace(at, k_placeholder.size(), k_schema_dir);
    }
    return text;
}

std::optional<std::string> find_template_text(const std::string& name,
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

} // namespace

std::optional<std::string> find_template(const std::string& name,
                                         const std::filesystem::path& workspace_root) {
    auto text = find_template_text(name, workspace_root);
    if (text) {
        *text = with_schema_dir(std::move(*text));
    }
    return text;
}

} // namespace collab::store
