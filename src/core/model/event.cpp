#include <algorithm>
#include <collab/model/event.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/writer.hpp>
#include <fmt/format.h>
#include <tuple>

namespace collab::model {

using i18n::msg;

const std::vector<std::string>& event_common_keys() {
    static const std::vector<std::string> keys = {"seq",          "at",     "by",
                                                  "on_behalf_of", "action", "content"};
    return keys;
}

const std::vector<std::string>& event_action_keys() {
    static const std::vector<std::string> keys = {"to",          "previous",    "changes",
                                                  "comment",     "decision",    "checks",
                                                  "notes",       "held_at",     "duration_minutes",
                                                  "attendees",   "minutes",     "decisions",
                                                  "tasks",       "task",        "note",
                                                  "deadlines",   "percent",     "blocker",
                                                  "risk",        "target",      "text",
                                                  "owner",       "due",         "status",
                                                  "reports",     "actions",     "item",
                                                  "change",      "reason",      "ops",
                                                  "impact",      "affected",    "name",
                                                  "version",     "description", "link",
                                                  "late",        "self_check",  "verdict",
                                                  "reaccept_by", "answers"};
    return keys;
}

std::string Event::field(std::string_view key) const {
    const auto* node = data.find(key);
    return node != nullptr && node->is_scalar() ? node->scalar() : std::string();
}

namespace {

std::optional<Event> read_event(const yaml::Node& node, const std::string& path,
                                const std::string& owner, const time::Zone& zone,
                                const std::vector<std::string>& action_keys, Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Event event;
    event.where = yaml::location(path, node);
    event.data = node;
    bool ok = true;
    if (auto seq = reader.optional_int("seq")) {
        event.seq = *seq;
    } else {
        ok = false;
        if (reader.optional("seq") == nullptr) {
            out.error(event.where, msg("event.missing_field", "seq"));
        }
    }
    if (auto at = reader.required_string("at")) {
        event.at_text = *at;
        if (auto parsed = time::parse_timestamp(*at, zone)) {
            event.at = *parsed;
        } else {
            ok = false;
            out.error(yaml::location(path, *reader.optional("at")), msg("event.bad_time", *at));
        }
    } else {
        ok = false;
    }
    event.by = reader.required_string("by").value_or("");
    event.action = reader.required_string("action").value_or("");
    event.on_behalf_of = reader.optional_string("on_behalf_of").value_or("");
    event.content = reader.optional_string("content").value_or("");
    for (const auto& key : action_keys) {
        reader.optional(key);
    }
    reader.finish();
    if (event.by.empty() || event.action.empty()) {
        return std::nullopt;
    }
    if (event.by != owner) {
        out.error(yaml::location(path, *reader.optional("by")),
                  msg("event.foreign_author", event.by, owner));
        return std::nullopt;
    }
    if (!ok) {
        return std::nullopt;
    }
    return event;
}

} // namespace

std::vector<Event> read_log(const yaml::Node& root, const std::string& path,
                            const std::string& owner, const time::Zone& zone,
                            const std::vector<std::string>& action_keys, Diagnostics& out) {
    std::vector<Event> events;
    if (root.is_null()) {
        return events;
    }
    if (!root.is_sequence()) {
        out.error(yaml::location(path, root), msg("event.log_not_list"));
        return events;
    }
    for (const auto& item : root.items()) {
        if (auto event = read_event(item, path, owner, zone, action_keys, out)) {
            events.push_back(std::move(*event));
        }
    }
    return events;
}

std::string format_event(const Event& event, const yaml::Node& extra) {
    auto entry = yaml::Node::make_map();
    entry.set("seq", yaml::Node::make_scalar(std::to_string(event.seq)));
    entry.set("at", yaml::Node::make_scalar(event.at_text));
    entry.set("by", yaml::Node::make_scalar(event.by));
    if (!event.on_behalf_of.empty()) {
        entry.set("on_behalf_of", yaml::Node::make_scalar(event.on_behalf_of));
    }
    entry.set("action", yaml::Node::make_scalar(event.action));
    if (!event.content.empty()) {
        entry.set("content", yaml::Node::make_scalar(event.content));
    }
    for (const auto& [key, value] : extra.entries()) {
        entry.set(key.scalar(), value);
    }
    auto list = yaml::Node::make_sequence();
    list.push_back(std::move(entry));
    return yaml::emit(list);
}

std::string log_header(const std::string& person, const std::string& request_id) {
    return fmt::format("# collab log of {} for request {}.\n"
                       "# Append-only: each entry is one action, written by collab. Do not edit\n"
                       "# or reorder entries; `collab check` verifies them.\n",
                       person, request_id);
}

void sort_events(std::vector<Event>& events) {
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.seq, a.at, a.by) < std::tie(b.seq, b.at, b.by);
    });
}

} // namespace collab::model
