#include <algorithm>
#include <collab/model/request_form.hpp>
#include <collab/util/sha256.hpp>
#include <collab/util/text.hpp>
#include <collab/yaml/map_reader.hpp>
#include <fmt/format.h>

namespace collab::model {

using i18n::msg;
using util::trim;

namespace {

void remember(RequestForm& form, const std::string& path, const std::string& field,
              const yaml::Node* node) {
    if (node != nullptr) {
        form.where[field] = yaml::location(path, *node);
    }
}

void read_items(yaml::MapReader& reader, RequestForm& form) {
    const auto* node = reader.optional("items");
    remember(form, reader.path(), "items", node);
    if (node == nullptr || node->is_null()) {
        return;
    }
    if (!node->is_sequence()) {
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("form.field_list", "items"));
        return;
    }
    for (std::size_t i = 0; i < node->items().size(); ++i) {
        const auto& item_node = node->items()[i];
        const auto prefix = fmt::format("items.{}", i + 1);
        ActionItem item;
        if (item_node.is_scalar()) {
            // "action :: criterion" written as one line is accepted as well.
            auto [action, acceptance] = split_pair(item_node.scalar());
            item = {action, acceptance};
            remember(form, reader.path(), prefix + ".action", &item_node);
            remember(form, reader.path(), prefix + ".acceptance", &item_node);
        } else {
            yaml::MapReader item_reader(item_node, reader.path(), reader.diagnostics());
            if (!item_reader.is_map()) {
                continue;
            }
            item.action = item_reader.optional_string("action").value_or("");
            item.acceptance = item_reader.optional_string("acceptance").value_or("");
            remember(form, reader.path(), prefix + ".action", item_reader.optional("action"));
            remember(form, reader.path(), prefix + ".acceptance",
                     item_reader.optional("acceptance"));
            item_reader.finish();
        }
        remember(form, reader.path(), prefix, &item_node);
        form.items.push_back(std::move(item));
    }
}

void read_resources(yaml::MapReader& reader, RequestForm& form) {
    const auto* node = reader.optional("resources");
    remember(form, reader.path(), "resources", node);
    if (node == nullptr || node->is_null()) {
        return;
    }
    if (!node->is_sequence()) {
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("form.field_list", "resources"));
        return;
    }
    for (std::size_t i = 0; i < node->items().size(); ++i) {
        const auto& line_node = node->items()[i];
        const auto prefix = fmt::format("resources.{}", i + 1);
        ResourceLine line;
        if (line_node.is_scalar()) {
            auto [what, amount] = split_pair(line_node.scalar());
            line = {what, amount};
            remember(form, reader.path(), prefix + ".amount", &line_node);
        } else {
            yaml::MapReader line_reader(line_node, reader.path(), reader.diagnostics());
            if (!line_reader.is_map()) {
                continue;
            }
            line.what = line_reader.optional_string("what").value_or("");
            line.amount = line_reader.optional_string("amount").value_or("");
            remember(form, reader.path(), prefix + ".amount", line_reader.optional("amount"));
            line_reader.finish();
        }
        remember(form, reader.path(), prefix, &line_node);
        form.resources.push_back(std::move(line));
    }
}

std::string read_text(yaml::MapReader& reader, RequestForm& form, const std::string& key) {
    remember(form, reader.path(), key, reader.optional(key));
    return trim(reader.optional_string(key).value_or(""));
}

std::vector<std::string> read_list(yaml::MapReader& reader, RequestForm& form,
                                   const std::string& key) {
    const auto* node = reader.optional(key);
    remember(form, reader.path(), key, node);
    if (node != nullptr && node->is_sequence()) {
        for (std::size_t i = 0; i < node->items().size(); ++i) {
            remember(form, reader.path(), fmt::format("{}.{}", key, i + 1), &node->items()[i]);
        }
    }
    auto values = reader.string_list(key);
    for (auto& value : values) {
        value = trim(value);
    }
    return values;
}

} // namespace

SourceLocation RequestForm::location_of(const std::string& field) const {
    // Fall back from "items.2.acceptance" to "items.2" to "items" to the file.
    std::string key = field;
    while (true) {
        if (auto found = where.find(key); found != where.end()) {
            return found->second;
        }
        const auto dot = key.rfind('.');
        if (dot == std::string::npos) {
            break;
        }
        key.resize(dot);
    }
    if (auto found = where.find(""); found != where.end()) {
        return found->second;
    }
    return {};
}

const std::vector<std::string>& request_form_keys() {
    static const std::vector<std::string> keys = {
        "title",       "source",       "customer",   "initiator", "lead",  "created",  "due",
        "departments", "participants", "background", "goal",      "items", "resources"};
    return keys;
}

std::pair<std::string, std::string> split_pair(std::string_view text) {
    const auto separator = text.find("::");
    if (separator == std::string_view::npos) {
        return {trim(text), std::string()};
    }
    return {trim(text.substr(0, separator)), trim(text.substr(separator + 2))};
}

std::optional<RequestForm> read_request_form(const yaml::Node& root, const std::string& path,
                                             Diagnostics& out) {
    yaml::MapReader reader(root, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    RequestForm form;
    form.where[""] = SourceLocation{path, 1, 1};
    form.title = read_text(reader, form, "title");
    form.source = read_text(reader, form, "source");
    if (form.source.empty()) {
        form.source = "internal";
    }
    form.customer = read_text(reader, form, "customer");
    form.initiator = read_text(reader, form, "initiator");
    form.lead = read_text(reader, form, "lead");
    form.created = read_text(reader, form, "created");
    form.due = read_text(reader, form, "due");
    form.departments = read_list(reader, form, "departments");
    form.participants = read_list(reader, form, "participants");
    form.background = read_text(reader, form, "background");
    form.goal = read_text(reader, form, "goal");
    read_items(reader, form);
    read_resources(reader, form);
    reader.finish();
    return form;
}

yaml::Node to_node(const RequestForm& form) {
    auto root = yaml::Node::make_map();
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
    root.set("title", text(form.title));
    root.set("source", text(form.source));
    if (!form.customer.empty()) {
        root.set("customer", text(form.customer));
    }
    if (!form.initiator.empty()) {
        root.set("initiator", text(form.initiator));
    }
    if (!form.lead.empty()) {
        root.set("lead", text(form.lead));
    }
    if (!form.created.empty()) {
        root.set("created", text(form.created));
    }
    root.set("due", text(form.due));
    root.set("departments", list(form.departments));
    root.set("participants", list(form.participants));
    root.set("background", text(form.background));
    root.set("goal", text(form.goal));
    auto items = yaml::Node::make_sequence();
    for (const auto& item : form.items) {
        auto entry = yaml::Node::make_map();
        entry.set("action", text(item.action));
        entry.set("acceptance", text(item.acceptance));
        items.push_back(std::move(entry));
    }
    root.set("items", std::move(items));
    auto resources = yaml::Node::make_sequence();
    for (const auto& line : form.resources) {
        auto entry = yaml::Node::make_map();
        entry.set("what", text(line.what));
        if (!line.amount.empty()) {
            entry.set("amount", text(line.amount));
        }
        resources.push_back(std::move(entry));
    }
    root.set("resources", std::move(resources));
    return root;
}

std::string content_hash(const RequestForm& form) {
    std::string canonical = "collab-request-form-v1\n";
    util::append_canonical(canonical, "title", trim(form.title));
    util::append_canonical(canonical, "source", trim(form.source));
    util::append_canonical(canonical, "customer", trim(form.customer));
    util::append_canonical(canonical, "lead", trim(form.lead));
    util::append_canonical(canonical, "due", trim(form.due));
    util::append_canonical(canonical, "background", trim(form.background));
    util::append_canonical(canonical, "goal", trim(form.goal));
    util::append_canonical(canonical, "departments", std::to_string(form.departments.size()));
    for (const auto& dept : form.departments) {
        util::append_canonical(canonical, "department", trim(dept));
    }
    util::append_canonical(canonical, "participants", std::to_string(form.participants.size()));
    for (const auto& person : form.participants) {
        util::append_canonical(canonical, "participant", trim(person));
    }
    util::append_canonical(canonical, "items", std::to_string(form.items.size()));
    for (const auto& item : form.items) {
        util::append_canonical(canonical, "action", trim(item.action));
        util::append_canonical(canonical, "acceptance", trim(item.acceptance));
    }
    util::append_canonical(canonical, "resources", std::to_string(form.resources.size()));
    for (const auto& line : form.resources) {
        util::append_canonical(canonical, "what", trim(line.what));
        util::append_canonical(canonical, "amount", trim(line.amount));
    }
    return util::sha256_hex(canonical);
}

bool is_hash_text(std::string_view text) {
    return (text.size() == k_hash_hex || text.size() == k_short_hash_hex) &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool same_content(std::string_view a, std::string_view b) {
    if (a == b) {
        return true;
    }
    if (!is_hash_text(a) || !is_hash_text(b)) {
        return false;
    }
    const auto shorter = std::min(a.size(), b.size());
    return a.substr(0, shorter) == b.substr(0, shorter);
}

namespace {

std::string lines(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) {
        out += (out.empty() ? "" : "\n") + value;
    }
    return out;
}

std::string items_text(const std::vector<ActionItem>& items) {
    std::vector<std::string> out;
    for (const auto& item : items) {
        out.push_back(item.action + " :: " + item.acceptance);
    }
    return lines(out);
}

std::string resources_text(const std::vector<ResourceLine>& resources) {
    std::vector<std::string> out;
    for (const auto& line : resources) {
        out.push_back(line.amount.empty() ? line.what : line.what + " :: " + line.amount);
    }
    return lines(out);
}

} // namespace

std::vector<FieldChange> form_changes(const RequestForm& before, const RequestForm& after) {
    const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> fields = {
        {"title", {trim(before.title), trim(after.title)}},
        {"source", {trim(before.source), trim(after.source)}},
        {"customer", {trim(before.customer), trim(after.customer)}},
        {"lead", {trim(before.lead), trim(after.lead)}},
        {"due", {trim(before.due), trim(after.due)}},
        {"departments", {lines(before.departments), lines(after.departments)}},
        {"participants", {lines(before.participants), lines(after.participants)}},
        {"background", {trim(before.background), trim(after.background)}},
        {"goal", {trim(before.goal), trim(after.goal)}},
        {"items", {items_text(before.items), items_text(after.items)}},
        {"resources", {resources_text(before.resources), resources_text(after.resources)}},
    };
    std::vector<FieldChange> changes;
    for (const auto& [field, values] : fields) {
        if (values.first != values.second) {
            changes.push_back({field, values.first, values.second});
        }
    }
    return changes;
}

yaml::Node form_changes_node(const RequestForm& before, const RequestForm& after) {
    auto changes = yaml::Node::make_sequence();
    for (const auto& change : form_changes(before, after)) {
        auto item = yaml::Node::make_map();
        item.set("field", yaml::Node::make_scalar(change.field));
        item.set("from", yaml::Node::make_scalar(change.before));
        item.set("to", yaml::Node::make_scalar(change.after));
        changes.push_back(std::move(item));
    }
    return changes;
}

} // namespace collab::model
