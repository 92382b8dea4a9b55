// parse(): the checks every record text passes first (size, UTF-8 and NUL, conflict
// markers), then the subset reader (the YAML collab writes, several times libyaml's
// speed), then libyaml's reader for what it declines; yaml-cpp's reader answers where
// libyaml's cannot give today's answer (syntax errors, with their catalog messages).
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
    if (auto root = reader::read_subset(text, limits.max_depth)) {
        return root;
    }
    return reader::read_with_libyaml(text, path, out, limits);
}

namespace reader {

std::optional<Node> read_with_libyaml(std::string_view text, const std::string& path,
                                      Diagnostics& out, const Limits& limits) {
    Diagnostics found;
    auto read = reader::read_libyaml(text, path, found, limits.max_depth);
    switch (read.outcome) {
    case reader::Outcome::accepted:
        return std::move(read.root);
    case reader::Outcome::refused: {
        // The refusal stands. Its messages are the reference's where it refuses too:
        // past a refused anchor or tag, yaml-cpp may also find a syntax error that
        // libyaml lets pass, and a user should see what they always saw.
        Diagnostics reference;
        out.append(reader::read_reference(text, path, reference, limits.max_depth) ? found
                                                                                   : reference);
        return std::nullopt;
    }
    case reader::Outcome::syntax_error:
    case reader::Outcome::reads_differently:
        break;
    }
    // Errors are rare and their messages matter more than speed: yaml-cpp reads the
    // text again and its answer stands, refusal or tree. Where libyaml refuses what
    // yaml-cpp accepts (a key over 1024 characters, say), the text is accepted as
    // it always was.
    return reader::read_reference(text, path, out, limits.max_depth);
}

} // namespace reader

std::optional<Node> parse_libyaml(std::string_view text, const std::string& path, Diagnostics& out,
                                  const Limits& limits) {
    if (!reader::readable_text(text, path, out, limits)) {
        return std::nullopt;
    }
    return reader::read_with_libyaml(text, path, out, limits);
}

std::optional<Node> parse_reference(std::string_view text, const std::string& path,
                                    Diagnostics& out, const Limits& limits) {
    if (!reader::readable_text(text, path, out, limits)) {
        return std::nullopt;
    }
    return reader::read_reference(text, path, out, limits.max_depth);
}

} // namespace collab::yaml
