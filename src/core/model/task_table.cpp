#include <collab/model/request_form.hpp>
#include <collab/model/task_table.hpp>
#include <collab/util/sha256.hpp>
#include <collab/util/text.hpp>
#include <collab/yaml/map_reader.hpp>
#include <fmt/format.h>

namespace collab::model {

using i18n::msg;
using util::trim;

namespace {

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto part =
            trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (!part.empty()) {
            out.push_back(part);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

std::optional<Task> read_task(const yaml::Node& node, const std::string& path, TaskIds ids,
                              Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Task task;
    const auto remember = [&](const std::string& key) {
        if (const auto* value = reader.optional(key)) {
            task.where[key] = yaml::location(path, *value);
        }
    };
    task.where[""] = yaml::location(path, node);
    for (const auto* key : {"id", "name", "owner", "collaborators", "deadline", "deliverable",
                            "depends_on", "covers"}) {
        remember(key);
    }
    task.id = trim(
        (ids == TaskIds::required ? reader.required_string("id") : reader.optional_string("id"))
            .value_or(""));
    task.name = trim(reader.optional_string("name").value_or(""));
    task.owner = trim(reader.optional_string("owner").value_or(""));
    task.collaborators = reader.string_list("collaborators");
    task.deadline = trim(reader.optional_string("deadline").value_or(""));
    task.deliverable = trim(reader.optional_string("deliverable").value_or(""));
    task.depends_on = reader.string_list("depends_on");
    for (const auto& item : reader.string_list("covers")) {
        try {
            std::size_t used = 0;
            const int number = std::stoi(item, &used);
            if (used != item.size() || number < 1) {
                throw std::invalid_argument(item);
            }
            task.covers.push_back(number);
        } catch (const std::exception&) {
            out.error(task.location_of("covers"), msg("task.bad_cover", item));
        }
    }
    reader.finish();
    if (task.id.empty() && ids == TaskIds::required) {
        return std::nullopt;
    }
    return task;
}

} // namespace

SourceLocation Task::location_of(const std::string& field) const {
    if (auto found = where.find(field); found != where.end()) {
        return found->second;
    }
    if (auto found = where.find(""); found != where.end()) {
        return found->second;
    }
    return {};
}

const Task* TaskTable::find(std::string_view id) const {
    for (const auto& task : tasks) {
        if (task.id == id) {
            return &task;
        }
    }
    return nullptr;
}

std::optional<TaskTable> read_task_table(const yaml::Node& root, const std::string& path,
                                         Diagnostics& out, TaskIds ids) {
    yaml::MapReader reader(root, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    TaskTable table;
    table.path = path;
    if (const auto* tasks = reader.required("tasks")) {
        if (!tasks->is_sequence()) {
            out.error(yaml::location(path, *tasks), msg("form.field_list", "tasks"));
        } else {
            for (const auto& item : tasks->items()) {
                if (auto task = read_task(item, path, ids, out)) {
                    table.tasks.push_back(std::move(*task));
                }
            }
        }
    }
    reader.finish();
    return table;
}

yaml::Node to_node(const TaskTable& table) {
    const auto text = [](const std::string& value) {
        return yaml::Node::make_scalar(value);
    };
    const auto list = [](const std::vector<std::string>& values) {
        auto seq = yaml::Node::make_sequence();
        for (const auto& value : values) {
            seq.push_back(yaml::Node::make_scalar(value));
        }
        return seq;
    };
    auto tasks = yaml::Node::make_sequence();
    for (const auto& task : table.tasks) {
        auto entry = yaml::Node::make_map();
        entry.set("id", text(task.id));
        entry.set("name", text(task.name));
        entry.set("owner", text(task.owner));
        entry.set("collaborators", list(task.collaborators));
        entry.set("deadline", text(task.deadline));
        entry.set("deliverable", text(task.deliverable));
        entry.set("depends_on", list(task.depends_on));
        std::vector<std::string> covers;
        for (int item : task.covers) {
            covers.push_back(std::to_string(item));
        }
        entry.set("covers", list(covers));
        tasks.push_back(std::move(entry));
    }
    auto root = yaml::Node::make_map();
    root.set("tasks", std::move(tasks));
    return root;
}

std::string task_hash(const Task& task) {
    std::string canonical = "collab-task-v1\n";
    util::append_canonical(canonical, "id", task.id);
    util::append_canonical(canonical, "name", task.name);
    util::append_canonical(canonical, "owner", task.owner);
    util::append_canonical(canonical, "deadline", task.deadline);
    util::append_canonical(canonical, "deliverable", task.deliverable);
    util::append_canonical(canonical, "collaborators", std::to_string(task.collaborators.size()));
    for (const auto& person : task.collaborators) {
        util::append_canonical(canonical, "collaborator", person);
    }
    util::append_canonical(canonical, "depends_on", std::to_string(task.depends_on.size()));
    for (const auto& id : task.depends_on) {
        util::append_canonical(canonical, "depends", id);
    }
    util::append_canonical(canonical, "covers", std::to_string(task.covers.size()));
    for (int item : task.covers) {
        util::append_canonical(canonical, "cover", std::to_string(item));
    }
    return util::sha256_hex(canonical);
}

std::string table_hash(const TaskTable& table) {
    std::string canonical = "collab-task-table-v1\n";
    for (const auto& task : table.tasks) {
        // The 64-bit task hash of earlier releases, so that their tables hash the same.
        util::append_canonical(canonical, "task", task_hash(task).substr(0, k_short_hash_hex));
    }
    return util::sha256_hex(canonical);
}

std::optional<Task> parse_task_flag(std::string_view text, std::string& error) {
    Task task;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto semicolon = text.find(';', start);
        const auto part = trim(text.substr(
            start, semicolon == std::string_view::npos ? semicolon : semicolon - start));
        start = semicolon == std::string_view::npos ? text.size() + 1 : semicolon + 1;
        if (part.empty()) {
            continue;
        }
        const auto equals = part.find('=');
        if (equals == std::string::npos) {
            error = part;
            return std::nullopt;
        }
        const auto key = trim(part.substr(0, equals));
        const auto value = trim(part.substr(equals + 1));
        if (key == "id") {
            task.id = value;
        } else if (key == "name") {
            task.name = value;
        } else if (key == "owner") {
            task.owner = value;
        } else if (key == "collaborators") {
            task.collaborators = split_list(value);
        } else if (key == "deadline") {
            task.deadline = value;
        } else if (key == "deliverable") {
            task.deliverable = value;
        } else if (key == "depends" || key == "depends_on") {
            task.depends_on = split_list(value);
        } else if (key == "covers") {
            for (const auto& item : split_list(value)) {
                try {
                    task.covers.push_back(std::stoi(item));
                } catch (const std::exception&) {
                    error = part;
                    return std::nullopt;
                }
            }
        } else {
            error = key;
            return std::nullopt;
        }
    }
    return task;
}

} // namespace collab::model
