#include <collab/model/config_edit.hpp>
#include <string_view>
#include <vector>

namespace collab::model {

namespace {

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

// The line without its trailing comment and spaces; nullopt when a quoted path holds
// a character that could be read as list syntax or a comment (# , [ ] { }), where a
// plain scan could split the line wrongly.
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

} // namespace

std::optional<std::string> add_calendar_to_config(std::string_view text, const std::string& path) {
    auto lines = split_lines(text);
    static constexpr std::string_view k_key = "calendars:";
    std::optional<std::size_t> key_line;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].compare(0, k_key.size(), k_key) == 0) {
            if (key_line) {
                return std::nullopt; // twice: the reader refuses it anyway
            }
            key_line = i;
        }
    }
    const bool final_newline = !text.empty() && text.back() == '\n';
    const auto join = [&] {
        std::string out;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out += lines[i];
            if (i + 1 < lines.size() || final_newline) {
                out += '\n';
            }
        }
        return out;
    };
    if (!key_line) {
        std::string out(text);
        if (!out.empty() && out.back() != '\n') {
            out += '\n';
        }
        return out + "calendars: [" + path + "]\n";
    }
    auto& line = lines[*key_line];
    const auto value = value_part(line);
    if (!value) {
        return std::nullopt;
    }
    auto rest = value->substr(k_key.size());
    const auto first = rest.find_first_not_of(" \t");
    rest = first == std::string::npos ? "" : rest.substr(first);
    const std::size_t value_end = value->size();
    if (!rest.empty()) {
        // A flow list closed on the same line, with no nested brackets.
        if (rest.front() != '[' || rest.back() != ']' ||
            rest.find_first_of("[]{}", 1) != rest.size() - 1) {
            return std::nullopt;
        }
        const auto inside = rest.substr(1, rest.size() - 2);
        const bool empty = inside.find_first_not_of(" \t") == std::string::npos;
        const auto close = value_end - 1; // the ']'
        line.insert(close, empty ? path : ", " + path);
        if (empty) {
            line.erase(line.find('[') + 1, close - line.find('[') - 1);
        }
        return join();
    }
    // A block list: the item lines that follow, each "<indent>- item".
    std::optional<std::size_t> last_item;
    std::size_t item_indent = 0;
    for (std::size_t i = *key_line + 1; i < lines.size(); ++i) {
        if (is_blank_or_comment(lines[i])) {
            continue;
        }
        const auto n = indent_of(lines[i]);
        const bool item = lines[i].compare(n, 2, "- ") == 0 || lines[i].substr(n) == "-";
        if (!item || (last_item && n != item_indent)) {
            if (n > 0 && last_item) {
                return std::nullopt; // an item over several lines: not ours to edit
            }
            break;
        }
        const auto item_value = value_part(lines[i]);
        if (!item_value || (n == 0 && lines[i].find(':') != std::string::npos)) {
            return std::nullopt;
        }
        item_indent = n;
        last_item = i;
    }
    if (!last_item) {
        line.insert(value_end, " [" + path + "]");
        return join();
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*last_item + 1),
                 std::string(item_indent, ' ') + "- " + path);
    return join();
}

} // namespace collab::model
