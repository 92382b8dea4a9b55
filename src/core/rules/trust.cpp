#include <algorithm>
#include <collab/rules/trust.hpp>
#include <collab/yaml/writer.hpp>
#include <functional>
#include <map>
#include <set>

namespace collab::rules {

using i18n::msg;

namespace {

struct Entry {
    int line = 0;
    std::size_t offset = 0;
};

// "- ..." or a lone "-" at column 0; "---" is a document marker, not an entry.
bool starts_entry(std::string_view line) {
    return !line.empty() && line.front() == '-' &&
           (line.size() == 1 || line[1] == ' ' || line[1] == '\t' || line[1] == '\r');
}

bool is_blank_or_comment(std::string_view line) {
    const auto first = line.find_first_not_of(" \t\r");
    return first == std::string_view::npos || line[first] == '#';
}

// Calls `visit(line_number, offset, line)` for every line of `text`.
template <typename Visit>
void each_line(std::string_view text, Visit visit) {
    std::size_t at = 0;
    int number = 1;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        if (!visit(number, at, text.substr(at, end - at))) {
            return;
        }
        at = end + 1;
        ++number;
    }
}

std::vector<Entry> entries_of(std::string_view text) {
    std::vector<Entry> entries;
    each_line(text, [&](int number, std::size_t offset, std::string_view line) {
        if (starts_entry(line)) {
            entries.push_back({number, offset});
        }
        return true;
    });
    return entries;
}

int line_at(std::string_view text, std::size_t offset) {
    return 1 +
           static_cast<int>(std::count(
               text.begin(),
               text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// The line of the entry of `text` holding `offset`, else the line of `offset` itself.
int entry_line_at(std::string_view text, std::size_t offset) {
    int line = 0;
    for (const auto& entry : entries_of(text)) {
        if (entry.offset > offset) {
            break;
        }
        line = entry.line;
    }
    return line != 0 ? line : line_at(text, offset);
}

// Canonical text of a value: comments, layout and quoting style do not count.
std::string canonical(const yaml::Node& node) {
    return yaml::emit(node);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : ", ") + part;
    }
    return out;
}

// The items of a sequence of maps by their `id`, in order.
std::vector<std::pair<std::string, const yaml::Node*>> by_id(const yaml::Node* list) {
    std::vector<std::pair<std::string, const yaml::Node*>> items;
    if (list == nullptr) {
        return items;
    }
    for (const auto& item : list->items()) {
        const auto* id = item.find("id");
        if (item.is_map() && id != nullptr && id->is_scalar()) {
            items.emplace_back(id->scalar(), &item);
        }
    }
    return items;
}

const yaml::Node* find_id(const std::vector<std::pair<std::string, const yaml::Node*>>& items,
                          const std::string& id) {
    for (const auto& [key, node] : items) {
        if (key == id) {
            return node;
        }
    }
    return nullptr;
}

std::string scalar_at(const yaml::Node* map, std::string_view key) {
    const auto* value = map == nullptr ? nullptr : map->find(key);
    return value != nullptr && value->is_scalar() ? value->scalar() : std::string();
}

// The keys of two maps whose values differ, in the order of `now`, then those only in
// `base`.
std::vector<std::string> changed_keys(const yaml::Node& base, const yaml::Node& now) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : now.entries()) {
        const auto* old = base.find(key.scalar());
        if (old == nullptr || canonical(*old) != canonical(value)) {
            keys.push_back(key.scalar());
        }
    }
    for (const auto& entry : base.entries()) {
        if (now.find(entry.first.scalar()) == nullptr) {
            keys.push_back(entry.first.scalar());
        }
    }
    return keys;
}

void flatten(const yaml::Node& node, const std::string& path,
             std::vector<std::pair<std::string, std::string>>& out) {
    if (node.is_map() && !node.entries().empty()) {
        for (const auto& [key, value] : node.entries()) {
            flatten(value, path.empty() ? key.scalar() : path + "." + key.scalar(), out);
        }
        return;
    }
    out.emplace_back(path, canonical(node));
}

Finding roster_finding(const model::Roster& trusted, std::vector<std::string> departments,
                       const std::string& person, int line, const std::string& path,
                       const std::function<i18n::Message(const std::string&)>& message) {
    departments.erase(std::remove(departments.begin(), departments.end(), std::string()),
                      departments.end());
    const auto reviewers = reviewers_of(trusted, departments, person);
    return {"trust.roster-changed",
            Severity::warning,
            {path, std::max(line, 1), 1},
            "",
            reviewers.empty() ? std::string() : reviewers.front(),
            0,
            message(trusted.display_list(reviewers))};
}

} // namespace

std::vector<int> entry_lines(std::string_view log_text) {
    std::vector<int> lines;
    for (const auto& entry : entries_of(log_text)) {
        lines.push_back(entry.line);
    }
    return lines;
}

std::optional<int> first_rewritten_line(std::string_view base, std::string_view now) {
    const auto differ = std::mismatch(base.begin(), base.end(), now.begin(), now.end());
    const auto common = static_cast<std::size_t>(differ.first - base.begin());
    if (common < base.size()) {
        return entry_line_at(base, common);
    }
    auto rest = now.substr(common);
    if (rest.empty()) {
        return std::nullopt;
    }
    bool extended = false;
    if (!base.empty() && base.back() != '\n') {
        // collab ends an unterminated last line before it appends.
        extended = rest.front() != '\n';
        rest.remove_prefix(1);
    }
    if (!extended) {
        each_line(rest, [&](int, std::size_t, std::string_view line) {
            if (is_blank_or_comment(line)) {
                return true;
            }
            extended = !starts_entry(line);
            return false;
        });
    }
    if (!extended) {
        return std::nullopt;
    }
    // Text was added inside the last entry of the base, not after it.
    const auto entries = entries_of(base);
    return entries.empty() ? line_at(now, common) : entries.back().line;
}

std::vector<EntryCommit> entry_commits(std::string_view base,
                                       const std::vector<LogVersion>& versions) {
    std::vector<EntryCommit> out;
    if (versions.empty() || !versions.back().text) {
        return out;
    }
    const std::string_view last = *versions.back().text;
    const auto entries = entries_of(last);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].offset < base.size()) {
            continue;
        }
        const auto end = i + 1 < entries.size() ? entries[i + 1].offset : last.size();
        const auto upto = last.substr(0, end);
        for (const auto& version : versions) {
            if (version.text && std::string_view(*version.text).substr(0, upto.size()) == upto) {
                out.push_back({entries[i].line, version.commit, version.committed});
                break;
            }
        }
    }
    return out;
}

std::vector<Finding> entries_after_commit(const std::vector<model::Event>& events,
                                          const std::vector<EntryCommit>& commits,
                                          const std::string& request, const time::Zone& zone) {
    std::vector<Finding> out;
    for (const auto& event : events) {
        const auto found = std::find_if(commits.begin(), commits.end(), [&](const auto& commit) {
            return commit.line == event.where.line;
        });
        if (found == commits.end() || event.at <= found->committed + k_commit_clock_skew) {
            continue;
        }
        out.push_back({"event.after-commit", Severity::error, event.where, request, event.by, 0,
                       msg("finding.event_after_commit", event.action, event.at_text,
                           found->commit.substr(0, 10), zone.format(found->committed),
                           k_commit_clock_skew.count())});
    }
    return out;
}

std::vector<std::string> reviewers_of(const model::Roster& trusted,
                                      const std::vector<std::string>& departments,
                                      const std::string& changed_person) {
    std::vector<std::string> out;
    const auto add = [&](const model::Person* head) {
        if (head != nullptr && head->id != changed_person &&
            std::find(out.begin(), out.end(), head->id) == out.end()) {
            out.push_back(head->id);
        }
    };
    for (const auto& department : departments) {
        add(trusted.head_of(department));
    }
    if (out.empty()) {
        for (const auto& department : trusted.departments()) {
            add(trusted.head_of(department.id));
        }
    }
    return out;
}

std::vector<Finding> roster_changes(const yaml::Node& base, const yaml::Node& now,
                                    const model::Roster& trusted, const std::string& ref,
                                    const std::string& path) {
    std::vector<Finding> out;
    const auto old_people = by_id(base.find("people"));
    const auto new_people = by_id(now.find("people"));
    for (const auto& item : new_people) {
        const auto& id = item.first;
        const auto* person = item.second;
        const auto* old = find_id(old_people, id);
        const auto line = person->mark().line;
        const std::vector<std::string> departments = {scalar_at(old, "department"),
                                                      scalar_at(person, "department")};
        if (old == nullptr) {
            out.push_back(roster_finding(trusted, departments, id, line, path, [&](auto who) {
                return msg("finding.roster_person_added", id, ref, who);
            }));
        } else if (const auto fields = changed_keys(*old, *person); !fields.empty()) {
            out.push_back(roster_finding(trusted, departments, id, line, path, [&](auto who) {
                return msg("finding.roster_person_changed", id, join(fields), ref, who);
            }));
        }
    }
    for (const auto& item : old_people) {
        const auto& id = item.first;
        if (find_id(new_people, id) == nullptr) {
            out.push_back(roster_finding(
                trusted, {scalar_at(item.second, "department")}, id, 1, path,
                [&](auto who) { return msg("finding.roster_person_removed", id, ref, who); }));
        }
    }
    // Departments, and any other key: reviewed by every department head concerned.
    std::vector<std::string> departments;
    const auto old_departments = by_id(base.find("departments"));
    const auto new_departments = by_id(now.find("departments"));
    for (const auto& [id, department] : new_departments) {
        const auto* old = find_id(old_departments, id);
        if (old == nullptr || canonical(*old) != canonical(*department)) {
            departments.push_back(id);
        }
    }
    for (const auto& item : old_departments) {
        if (find_id(new_departments, item.first) == nullptr) {
            departments.push_back(item.first);
        }
    }
    if (!departments.empty()) {
        out.push_back(roster_finding(trusted, departments, "", 1, path, [&](auto who) {
            return msg("finding.roster_departments_changed", join(departments), ref, who);
        }));
    }
    auto others = changed_keys(base, now);
    others.erase(
        std::remove_if(others.begin(), others.end(),
                       [](const auto& key) { return key == "people" || key == "departments"; }),
        others.end());
    if (!others.empty()) {
        out.push_back(roster_finding(trusted, {}, "", 1, path, [&](auto who) {
            return msg("finding.roster_other_changed", join(others), ref, who);
        }));
    }
    return out;
}

std::vector<std::string> changed_settings(const yaml::Node& base, const yaml::Node& now) {
    std::vector<std::pair<std::string, std::string>> old_values;
    std::vector<std::pair<std::string, std::string>> new_values;
    flatten(base, "", old_values);
    flatten(now, "", new_values);
    const std::map<std::string, std::string> old_map(old_values.begin(), old_values.end());
    const std::map<std::string, std::string> new_map(new_values.begin(), new_values.end());
    std::vector<std::string> changed;
    for (const auto& [key, value] : new_values) {
        const auto found = old_map.find(key);
        if (found == old_map.end() || found->second != value) {
            changed.push_back(key);
        }
    }
    for (const auto& entry : old_values) {
        if (new_map.count(entry.first) == 0) {
            changed.push_back(entry.first);
        }
    }
    return changed;
}

std::vector<Finding> config_changes(const yaml::Node& base, const yaml::Node& now,
                                    const model::Roster& trusted, const std::string& ref,
                                    const std::string& path) {
    const auto changed = changed_settings(base, now);
    if (changed.empty()) {
        return {};
    }
    int line = 1;
    const yaml::Node* node = &now;
    // Point at the first changed key where it is written now, as deep as it goes.
    std::string_view rest = changed.front();
    while (node != nullptr && !rest.empty()) {
        const auto dot = std::min(rest.find('.'), rest.size());
        node = node->find(rest.substr(0, dot));
        rest.remove_prefix(std::min(dot + 1, rest.size()));
        if (node != nullptr) {
            line = std::max(line, node->mark().line);
        }
    }
    const auto reviewers = reviewers_of(trusted, {}, "");
    return {{"trust.config-changed",
             Severity::warning,
             {path, line, 1},
             "",
             reviewers.empty() ? std::string() : reviewers.front(),
             0,
             msg("finding.config_changed", join(changed), ref, trusted.display_list(reviewers))}};
}

} // namespace collab::rules
