#include "model/yaml_lines.hpp"

#include <algorithm>
#include <collab/model/config_edit.hpp>
#include <string_view>
#include <vector>

namespace collab::model {

using yaml_lines::indent_of;
using yaml_lines::is_blank_or_comment;
using yaml_lines::join_lines;
using yaml_lines::split_lines;
using yaml_lines::value_part;

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
        return join_lines(lines, final_newline);
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

std::optional<std::string> add_key_to_roster(std::string_view text, const yaml::Node& root,
                                             const std::string& person_id,
                                             const std::string& item) {
    const auto* people = root.is_map() ? root.find("people") : nullptr;
    if (people == nullptr || !people->is_sequence()) {
        return std::nullopt;
    }
    const yaml::Node* person = nullptr;
    for (const auto& candidate : people->items()) {
        const auto* id = candidate.is_map() ? candidate.find("id") : nullptr;
        if (id != nullptr && id->scalar() == person_id) {
            person = &candidate;
        }
    }
    if (person == nullptr || person->entries().empty()) {
        return std::nullopt;
    }
    auto lines = split_lines(text);
    const bool final_newline = !text.empty() && text.back() == '\n';
    // The person's keys are block keys at one indent, the first on the "- " line.
    const auto& first_key = person->entries().front().first;
    const auto first_line = static_cast<std::size_t>(first_key.mark().line - 1);
    if (first_line >= lines.size()) {
        return std::nullopt;
    }
    const auto key_indent = static_cast<std::size_t>(first_key.mark().column - 1);
    const auto& start = lines[first_line];
    if (key_indent < 2 || start.compare(key_indent - 2, 2, "- ") != 0) {
        return std::nullopt; // a flow map or another layout
    }
    for (const auto& [key, value] : person->entries()) {
        if (static_cast<std::size_t>(key.mark().column - 1) != key_indent) {
            return std::nullopt;
        }
    }
    // The person's last content line: before the first line indented less than its keys.
    std::size_t last = first_line;
    for (std::size_t i = first_line + 1; i < lines.size(); ++i) {
        if (is_blank_or_comment(lines[i])) {
            continue;
        }
        if (indent_of(lines[i]) < key_indent) {
            break;
        }
        last = i;
    }
    const std::string pad(key_indent, ' ');
    const auto* keys = person->find("keys");
    std::size_t keys_line = 0;
    for (const auto& [key, value] : person->entries()) {
        if (key.scalar() == "keys") {
            keys_line = static_cast<std::size_t>(key.mark().line - 1);
        }
    }
    std::size_t insert_at = last + 1;
    std::vector<std::string> added;
    if (keys == nullptr) {
        added = {pad + "keys:", pad + "  - " + item};
    } else if (keys->is_sequence() && !keys->items().empty()) {
        const auto& first_item = keys->items().front();
        const auto item_line = static_cast<std::size_t>(first_item.mark().line - 1);
        const auto item_column = static_cast<std::size_t>(first_item.mark().column - 1);
        if (item_line >= lines.size() || item_column < 2 ||
            lines[item_line].compare(item_column - 2, 2, "- ") != 0) {
            return std::nullopt; // a flow list
        }
        // The list ends before the next line indented less than its items.
        insert_at = keys_line + 1;
        for (std::size_t i = keys_line + 1; i < lines.size(); ++i) {
            if (is_blank_or_comment(lines[i])) {
                continue;
            }
            if (indent_of(lines[i]) < item_column - 2 ||
                (indent_of(lines[i]) == key_indent && item_column - 2 > key_indent)) {
                break;
            }
            if (indent_of(lines[i]) == item_column - 2 &&
                lines[i].compare(indent_of(lines[i]), 2, "- ") != 0) {
                break;
            }
            insert_at = i + 1;
        }
        added = {std::string(item_column - 2, ' ') + "- " + item};
    } else if (keys->is_null() || (keys->is_sequence() && keys->items().empty())) {
        const auto value = keys_line < lines.size() ? value_part(lines[keys_line]) : std::nullopt;
        if (!value) {
            return std::nullopt;
        }
        auto rest = value->substr(std::min(value->size(), key_indent + 5)); // after "keys:"
        rest.erase(0, rest.find_first_not_of(" \t") == std::string::npos
                          ? rest.size()
                          : rest.find_first_not_of(" \t"));
        if (!rest.empty() && rest != "[]") {
            return std::nullopt;
        }
        lines[keys_line] = pad + "keys:";
        insert_at = keys_line + 1;
        added = {pad + "  - " + item};
    } else {
        return std::nullopt;
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(insert_at), added.begin(),
                 added.end());
    return join_lines(lines, final_newline);
}

} // namespace collab::model
