#include "model/yaml_lines.hpp"

namespace collab::model::yaml_lines {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.emplace_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

std::string join_lines(const std::vector<std::string>& lines, bool final_newline) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() || final_newline) {
            out += '\n';
        }
    }
    return out;
}

std::optional<std::string> value_part(const std::string& line) {
    std::size_t end = line.size();
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            } else if (std::string_view("#,[]{}\\").find(c) != std::string_view::npos) {
                return std::nullopt;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            end = i;
            break;
        }
    }
    if (quote != 0) {
        return std::nullopt;
    }
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) {
        --end;
    }
    return line.substr(0, end);
}

std::string trailing_comment(const std::string& line) {
    const auto value = value_part(line);
    if (!value || value->size() == line.size()) {
        return {};
    }
    auto rest = line.substr(value->size());
    return rest.find('#') == std::string::npos ? std::string() : rest;
}

std::size_t indent_of(const std::string& line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') {
        ++n;
    }
    return n;
}

bool is_blank_or_comment(const std::string& line) {
    const auto n = indent_of(line);
    return n == line.size() || line[n] == '#' || line[n] == '\r';
}

} // namespace collab::model::yaml_lines
