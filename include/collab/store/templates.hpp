#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace collab::store {

// A file of templates/ compiled into the binary.
struct EmbeddedTemplate {
    const char* name; // "request.zh.yaml", "calendars/cn-2026.yaml", ...
    const char* text;
};

const std::vector<EmbeddedTemplate>& embedded_templates();

// A template's text: the workspace's own templates/<name> when it has one (teams may
// reword their forms), else the one compiled in. nullopt when neither exists.
// "{{schema_dir}}" in it is the folder of the installed JSON Schemas.
std::optional<std::string> find_template(const std::string& name,
                                         const std::filesystem::path& workspace_root = {});

} // namespace collab::store
