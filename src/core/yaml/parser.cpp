// parse(): the checks every record text passes first (size, UTF-8 and NUL, conflict
// markers), then the YAML reader.
#include "yaml/readers.hpp"

#include <collab/util/utf8.hpp>
#include <collab/yaml/node.hpp>

namespace collab::yaml {

namespace {

// The line of an unresolved git conflict ("<<<<<<< ", "=======", ">>>>>>> "), if any.
std::optional<int> first_conflict_marker(std::string_view text) {
    int line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto content = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (content.rfind("<<<<<<< ", 0) == 0 || content == "<<<<<<<" ||
            content.rfind(">>>>>>> ", 0) == 0 || content == "=======") {
            return line;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
        ++line;
    }
    return std::nullopt;
}

} // namespace

namespace reader {

bool readable_text(std::string_view text, const std::string& path, Diagnostics& out,
                   const Limits& limits) {
    if (text.size() > limits.max_bytes) {
        out.error(SourceLocation{path, 1, 1},
                  i18n::msg("yaml.too_large", text.size(), limits.max_bytes));
        return false;
    }
    // Records are text, and JSON output must stay valid: malformed UTF-8 and NUL
    // bytes are refused before anything else looks at the bytes.
    if (auto bad = util::first_text_problem(text)) {
        out.error(
            SourceLocation{path, bad->line, bad->column},
            i18n::msg(bad->fault == util::TextFault::nul ? "yaml.nul_byte" : "yaml.bad_utf8"));
        return false;
    }
    if (auto marker = first_conflict_marker(text)) {
        out.error(SourceLocation{path, *marker, 1}, i18n::msg("yaml.conflict_marker"));
        return false;
    }
    return true;
}

} // namespace reader

std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& out,
                          const Limits& limits) {
    if (!reader::readable_text(text, path, out, limits)) {
        return std::nullopt;
    }
    return reader::read_reference(text, path, out, limits.max_depth);
}

} // namespace collab::yaml
