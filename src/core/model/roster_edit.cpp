#include "model/yaml_lines.hpp"

#include <collab/model/roster.hpp>
#include <collab/model/roster_edit.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/node.hpp>
#include <collab/yaml/writer.hpp>

namespace collab::model {

using i18n::msg;
using namespace yaml_lines;

namespace {

// The mention platforms people.yaml knows, in the order a new person gets them.
constexpr const char* k_platforms[] = {"feishu", "dingtalk", "wecom", "email"};

// A map written in block style: one key a line, all at `key_indent`.
struct BlockMap {
    const yaml::Node* node = nullptr;
    std::size_t key_indent = 0;
    std::size_t last_line = 0; // its last line that is not blank nor a comment
};

std::size_t line_of(const yaml::Node& node) {
    return static_cast<std::size_t>(node.mark().line - 1);
}

std::size_t column_of(const yaml::Node& node) {
    return static_cast<std::size_t>(node.mark().column - 1);
}

// The last content line from `first` on that is indented at least `indent`.
std::size_t last_line_under(const std::vector<std::string>& lines, std::size_t first,
                            std::size_t indent) {
    std::size_t last = first;
    for (std::size_t i = first + 1; i < lines.size(); ++i) {
        if (is_blank_or_comment(lines[i])) {
            continue;
        }
        if (indent_of(lines[i]) < indent) {
            break;
        }
        last = i;
    }
    return last;
}

// `node` as a block map, or nullopt for a flow map (`{id: li, ...}`) or an empty one.
std::optional<BlockMap> block_map(const std::vector<std::string>& lines, const yaml::Node& node) {
    if (!node.is_map() || node.entries().empty()) {
        return std::nullopt;
    }
    const auto& first = node.entries().front().first;
    BlockMap map{&node, column_of(first), line_of(first)};
    std::size_t previous = map.last_line;
    for (std::size_t i = 0; i < node.entries().size(); ++i) {
        const auto& key = node.entries()[i].first;
        const auto line = line_of(key);
        if (line >= lines.size() || column_of(key) != map.key_indent ||
            (i > 0 && line <= previous)) {
            return std::nullopt;
        }
        // Before the key: spaces, or the "- " of a list item.
        const auto before = lines[line].substr(0, map.key_indent);
        const bool item = i == 0 && before.size() >= 2 &&
                          before.compare(before.size() - 2, 2, "- ") == 0 &&
                          before.find_first_not_of(' ') == before.size() - 2;
        if (!item && before.find_first_not_of(' ') != std::string::npos) {
            return std::nullopt;
        }
        previous = line;
    }
    map.last_line = last_line_under(lines, line_of(first), map.key_indent);
    return map;
}

// Lines [first, last] of an entry: from its key to its last content line before the
// next key.
struct Extent {
    std::size_t first = 0;
    std::size_t last = 0;
};

Extent extent_of(const std::vector<std::string>& lines, const BlockMap& map, std::size_t entry) {
    const auto& entries = map.node->entries();
    const auto first = line_of(entries[entry].first);
    const auto end =
        entry + 1 < entries.size() ? line_of(entries[entry + 1].first) : map.last_line + 1;
    Extent extent{first, first};
    for (std::size_t i = first + 1; i < end && i < lines.size(); ++i) {
        if (!is_blank_or_comment(lines[i])) {
            extent.last = i;
        }
    }
    return extent;
}

// Sets `key: value` in a block map (`value` is YAML text on one line), or removes
// the key when `value` is nullopt. Comments in the lines it replaces are kept as
// comment lines. False when the key's line cannot be split safely.
bool set_in_map(std::vector<std::string>& lines, const BlockMap& map, const std::string& key,
                const std::optional<std::string>& value) {
    const std::string pad(map.key_indent, ' ');
    const auto& entries = map.node->entries();
    std::size_t entry = 0;
    while (entry < entries.size() && entries[entry].first.scalar() != key) {
        ++entry;
    }
    if (entry == entries.size()) {
        if (value) {
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(map.last_line + 1),
                         pad + key + ": " + *value);
        }
        return true;
    }
    const auto extent = extent_of(lines, map, entry);
    const auto& key_line = lines[extent.first];
    if (!value_part(key_line)) {
        return false; // a quoted value holding '#' or brackets: not split by a scan
    }
    std::vector<std::string> kept;
    auto comment = trailing_comment(key_line);
    if (value) {
        kept.push_back(key_line.substr(0, map.key_indent) + key + ": " + *value + comment);
    } else if (!comment.empty()) {
        kept.push_back(pad + comment.substr(comment.find('#')));
    }
    for (std::size_t i = extent.first + 1; i <= extent.last; ++i) {
        if (is_blank_or_comment(lines[i])) {
            if (indent_of(lines[i]) < lines[i].size()) {
                kept.push_back(pad + lines[i].substr(indent_of(lines[i])));
            }
            continue;
        }
        if (!value_part(lines[i])) {
            return false;
        }
        comment = trailing_comment(lines[i]);
        if (!comment.empty()) {
            kept.push_back(pad + comment.substr(comment.find('#')));
        }
    }
    if (!value && extent.first == line_of(entries.front().first) &&
        key_line.compare(0, map.key_indent, pad) != 0) {
        return false; // the first key of a list item carries the "- "
    }
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(extent.first),
                lines.begin() + static_cast<std::ptrdiff_t>(extent.last + 1));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(extent.first), kept.begin(),
                 kept.end());
    return true;
}

std::string flow_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        out += (out.size() > 1 ? ", " : "") + yaml::quote_scalar(item);
    }
    return out + "]";
}

std::optional<std::string> scalar_or_removed(const std::string& value) {
    if (value.empty()) {
        return std::nullopt;
    }
    return yaml::quote_scalar(value);
}

// The person's fields as (key, YAML value) in the order people.yaml lists them;
// nullopt values remove the key.
std::vector<std::pair<std::string, std::optional<std::string>>>
field_values(const PersonChanges& changes) {
    std::vector<std::pair<std::string, std::optional<std::string>>> out;
    const auto add = [&](const char* key, const std::optional<std::string>& value) {
        if (value) {
            out.emplace_back(key, scalar_or_removed(*value));
        }
    };
    add("name", changes.name);
    add("email", changes.email);
    add("department", changes.department);
    add("manager", changes.manager);
    if (changes.roles) {
        out.emplace_back("roles", flow_list(*changes.roles));
    }
    add("delegate", changes.delegate);
    return out;
}

const yaml::Node* find_person(const yaml::Node& root, const std::string& id) {
    const auto* people = root.is_map() ? root.find("people") : nullptr;
    if (people == nullptr || !people->is_sequence()) {
        return nullptr;
    }
    for (const auto& person : people->items()) {
        const auto* found = person.is_map() ? person.find("id") : nullptr;
        if (found != nullptr && found->is_scalar() && found->scalar() == id) {
            return &person;
        }
    }
    return nullptr;
}

SourceLocation file_location(const std::string& path) {
    return SourceLocation{path, 0, 0};
}

// The edited text if it reads back as a roster; else nullopt and why.
std::optional<std::string> checked(std::string text, const std::string& path, Diagnostics& out) {
    Diagnostics check;
    const auto root = yaml::parse(text, path, check);
    const bool ok = root && read_roster(*root, path, check);
    out.append(check);
    if (!ok) {
        return std::nullopt;
    }
    return text;
}

// The option of `collab people add/edit` that sets a required field.
std::string flag_of(std::string_view field) {
    return field == "department" ? "--dept" : "--name";
}

bool refuse_empty_required(const PersonChanges& changes, const std::string& path,
                           Diagnostics& out) {
    for (const auto& [field, value] :
         {std::pair{"name", &changes.name}, std::pair{"department", &changes.department}}) {
        if (*value && (*value)->empty()) {
            out.error(file_location(path), msg("people.required_field", field, flag_of(field)));
            return true;
        }
    }
    return false;
}

// A mention id as YAML: a mobile number or numeric user id in quotes, so that no YAML
// reader (an editor's, a script's) takes it for a number and drops a leading zero.
std::string mention_scalar(const std::string& id) {
    const bool digits = !id.empty() && id.find_first_not_of("+0123456789") == std::string::npos;
    return digits ? "\"" + id + "\"" : yaml::quote_scalar(id);
}

// Sets or removes (an empty id) one platform's id under the person's `mention:`.
bool set_mention(std::vector<std::string>& lines, const yaml::Node& person, const BlockMap& map,
                 const std::string& platform, const std::string& id) {
    const auto* mention = person.find("mention");
    if (mention == nullptr) {
        if (!id.empty()) {
            const std::string pad(map.key_indent, ' ');
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(map.last_line + 1),
                         {pad + "mention:", pad + "  " + platform + ": " + mention_scalar(id)});
        }
        return true;
    }
    if (mention->is_null()) {
        // `mention:` left empty (its last id removed): the id goes on the next line.
        if (!id.empty()) {
            for (const auto& [key, value] : person.entries()) {
                if (key.scalar() == "mention") {
                    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(line_of(key) + 1),
                                 std::string(map.key_indent + 2, ' ') + platform + ": " +
                                     mention_scalar(id));
                }
            }
        }
        return true;
    }
    const auto inner = block_map(lines, *mention);
    return inner && set_in_map(lines, *inner, platform,
                               id.empty() ? std::nullopt : std::optional(mention_scalar(id)));
}

// Applies `change` to the person `id` of `text`: parses, finds, edits one field.
template <class Change>
std::optional<std::string> apply(const std::string& text, const std::string& path,
                                 const std::string& id, Change change) {
    Diagnostics ignored;
    const auto root = yaml::parse(text, path, ignored);
    const auto* person = root ? find_person(*root, id) : nullptr;
    auto lines = split_lines(text);
    const auto map = person != nullptr ? block_map(lines, *person) : std::nullopt;
    if (!map || !change(lines, *person, *map)) {
        return std::nullopt;
    }
    return join_lines(lines, !text.empty() && text.back() == '\n');
}

// The lines of a new person, in the layout people.yaml's template uses.
std::vector<std::string> person_lines(const std::string& id, const PersonChanges& fields,
                                      std::size_t dash_indent) {
    const std::string pad(dash_indent + 2, ' ');
    std::vector<std::string> out{std::string(dash_indent, ' ') + "- id: " + yaml::quote_scalar(id)};
    for (const auto& [key, value] : field_values(fields)) {
        if (value) {
            out.push_back(pad + key + ": " + *value);
        }
    }
    bool any_mention = false;
    for (const auto* platform : k_platforms) {
        const auto found = fields.mentions.find(platform);
        if (found == fields.mentions.end() || found->second.empty()) {
            continue;
        }
        if (!any_mention) {
            out.push_back(pad + "mention:");
            any_mention = true;
        }
        out.push_back(pad + "  " + platform + ": " + mention_scalar(found->second));
    }
    return out;
}

} // namespace

bool PersonChanges::empty() const {
    return !name && !email && !department && !manager && !delegate && !roles && mentions.empty();
}

std::optional<std::string> add_person(std::string_view text, const std::string& path,
                                      const std::string& id, const PersonChanges& fields,
                                      Diagnostics& out) {
    const auto root = yaml::parse(text, path, out);
    if (!root) {
        return std::nullopt;
    }
    if (const auto* existing = find_person(*root, id)) {
        out.error(yaml::location(path, *existing), msg("people.exists", id));
        return std::nullopt;
    }
    if (!fields.name || !fields.department || refuse_empty_required(fields, path, out)) {
        if (!out.has_errors()) {
            const std::string field = !fields.name ? "name" : "department";
            out.error(file_location(path), msg("people.required_field", field, flag_of(field)));
        }
        return std::nullopt;
    }
    auto lines = split_lines(text);
    const yaml::Node* people_key = nullptr;
    for (const auto& [key, value] : root->entries()) {
        people_key = key.scalar() == "people" ? &key : people_key;
    }
    const auto* people = root->is_map() ? root->find("people") : nullptr;
    std::size_t insert_at = 0;
    std::size_t dash_indent = 2;
    if (people != nullptr && people->is_sequence() && !people->items().empty()) {
        const auto map = block_map(lines, people->items().back());
        if (!map || map->key_indent < 2) {
            out.error(yaml::location(path, *people), msg("people.list_not_editable"));
            return std::nullopt;
        }
        dash_indent = map->key_indent - 2;
        insert_at = map->last_line + 1;
    } else if (people_key != nullptr && (people->is_null() || people->is_sequence()) &&
               line_of(*people_key) < lines.size() && column_of(*people_key) == 0) {
        // `people:` or `people: []`: the list starts on the next line.
        auto& line = lines[line_of(*people_key)];
        const auto value = value_part(line);
        if (!value || (*value != "people:" && *value != "people: []")) {
            out.error(yaml::location(path, *people), msg("people.list_not_editable"));
            return std::nullopt;
        }
        line = "people:" + trailing_comment(line);
        insert_at = line_of(*people_key) + 1;
    } else if (people_key == nullptr && root->is_map() && !lines.empty()) {
        lines.push_back("people:");
        insert_at = lines.size();
    } else {
        out.error(file_location(path), msg("people.list_not_editable"));
        return std::nullopt;
    }
    const auto added = person_lines(id, fields, dash_indent);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(insert_at), added.begin(),
                 added.end());
    return checked(join_lines(lines, true), path, out);
}

std::optional<std::string> edit_person(std::string_view text, const std::string& path,
                                       const std::string& id, const PersonChanges& changes,
                                       Diagnostics& out) {
    const auto root = yaml::parse(text, path, out);
    if (!root) {
        return std::nullopt;
    }
    if (find_person(*root, id) == nullptr) {
        out.error(file_location(path), msg("people.unknown", id));
        return std::nullopt;
    }
    if (changes.empty()) {
        out.error(file_location(path), msg("people.nothing_to_change"));
        return std::nullopt;
    }
    if (refuse_empty_required(changes, path, out)) {
        return std::nullopt;
    }
    std::optional<std::string> edited{std::string(text)};
    for (const auto& [key, value] : field_values(changes)) {
        edited = apply(*edited, path, id,
                       [&key = key, &value = value](auto& lines, const auto&, const auto& map) {
                           return set_in_map(lines, map, key, value);
                       });
        if (!edited) {
            break;
        }
    }
    for (const auto& [platform, mention_id] : changes.mentions) {
        if (!edited) {
            break;
        }
        edited = apply(*edited, path, id,
                       [&platform = platform, &mention_id = mention_id](
                           auto& lines, const auto& person, const auto& map) {
                           return set_mention(lines, person, map, platform, mention_id);
                       });
    }
    if (!edited) {
        const auto* person = find_person(*root, id);
        out.error(yaml::location(path, *person), msg("people.not_editable", id));
        return std::nullopt;
    }
    return checked(std::move(*edited), path, out);
}

} // namespace collab::model
