#include <algorithm>
#include <collab/model/event.hpp>
#include <collab/model/request_form.hpp>
#include <collab/util/edit_distance.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/writer.hpp>
#include <fmt/format.h>
#include <numeric>
#include <tuple>

namespace collab::model {

using i18n::msg;

const std::vector<std::string>& event_common_keys() {
    static const std::vector<std::string> keys = {"seq",    "at",      "by",   "on_behalf_of",
                                                  "action", "content", "prev", "sig"};
    return keys;
}

const std::vector<std::string>& event_action_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> all;
        for (const auto& action : all_actions()) {
            for (const auto& key : action.keys) {
                if (std::find(all.begin(), all.end(), key.name) == all.end()) {
                    all.emplace_back(key.name);
                }
            }
        }
        return all;
    }();
    return keys;
}

void Event::set_action(ActionKind action_kind) {
    kind = action_kind;
    action = std::string(action_name(action_kind));
}

bool Event::lacks_content() const {
    return kind != ActionKind::unknown && content.empty();
}

std::string Event::field(std::string_view key) const {
    const auto* node = data.find(key);
    return node != nullptr && node->is_scalar() ? node->scalar() : std::string();
}

namespace {

// The keys an entry of this action may carry: the common ones and those of its row in
// the action table (any action's keys when the action is unknown).
std::vector<std::string> known_keys(ActionKind kind,
                                    const std::vector<std::string>& unknown_action_keys) {
    std::vector<std::string> known = event_common_keys();
    if (kind == ActionKind::unknown) {
        known.insert(known.end(), unknown_action_keys.begin(), unknown_action_keys.end());
        return known;
    }
    for (const auto& key : action_info(kind).keys) {
        known.emplace_back(key.name);
    }
    return known;
}

// Whether `key` is one of known_keys(kind, ...), without building the list: read for
// every key of every entry of every log.
bool is_known_key(std::string_view key, ActionKind kind,
                  const std::vector<std::string>& unknown_action_keys) {
    const auto& common = event_common_keys();
    if (std::find(common.begin(), common.end(), key) != common.end()) {
        return true;
    }
    if (kind == ActionKind::unknown) {
        return std::find(unknown_action_keys.begin(), unknown_action_keys.end(), key) !=
               unknown_action_keys.end();
    }
    const auto& keys = action_info(kind).keys;
    return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.name == key; });
}

// Warns about each key the entry's action does not carry; the key is kept.
void warn_unknown_keys(const Event& event, const yaml::Node& node, const std::string& path,
                       const std::vector<std::string>& unknown_action_keys, Diagnostics& out) {
    for (const auto& [key, value] : node.entries()) {
        if (is_known_key(key.scalar(), event.kind, unknown_action_keys)) {
            continue;
        }
        const auto known = known_keys(event.kind, unknown_action_keys);
        const auto where = yaml::location(path, key);
        const auto hint = util::closest_match(key.scalar(), known);
        if (event.kind == ActionKind::unknown) {
            out.warning(where, hint ? msg("yaml.unknown_key_hint", key.scalar(), *hint)
                                    : msg("yaml.unknown_key", key.scalar()));
        } else if (hint) {
            out.warning(where, msg("event.unknown_key_hint", key.scalar(), event.action, *hint));
        } else {
            out.warning(where, msg("event.unknown_key", key.scalar(), event.action));
        }
    }
}

// Reports each key the action always carries but the entry lacks, at the entry.
void check_required_keys(const Event& event, const yaml::Node& node, Diagnostics& out) {
    for (const auto& key : action_info(event.kind).keys) {
        if (key.required && node.find(key.name) == nullptr) {
            out.error(event.where, msg("event.missing_key", event.action, key.name));
        }
    }
}

// A hash, when not empty, must be 64 (or, from earlier releases, 16) lower-case hex
// digits: the entry's `content` and `previous`, and each task's hash of a split.
bool check_hash(const yaml::Node* node, std::string_view key, const std::string& path,
                Diagnostics& out) {
    if (node == nullptr || !node->is_scalar() || node->scalar().empty() ||
        is_hash_text(node->scalar())) {
        return true;
    }
    out.error(yaml::location(path, *node),
              msg("event.bad_hash", key, node->scalar().substr(0, 80)));
    return false;
}

bool check_hashes(const yaml::Node& entry, ActionKind kind, const std::string& path,
                  Diagnostics& out) {
    bool ok = check_hash(entry.find("content"), "content", path, out);
    ok = check_hash(entry.find("previous"), "previous", path, out) && ok;
    const auto* tasks = kind == ActionKind::split ? entry.find("tasks") : nullptr;
    if (tasks != nullptr && tasks->is_map()) {
        for (const auto& [id, hash] : tasks->entries()) {
            ok = check_hash(&hash, id.scalar(), path, out) && ok;
        }
    }
    return ok;
}

std::optional<Event> read_event(yaml::Node node, const std::string& path, const std::string& owner,
                                const time::Zone& zone, const std::vector<std::string>& action_keys,
                                Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Event event;
    event.where = yaml::location(path, node);
    bool ok = true;
    if (auto seq = reader.optional_int("seq")) {
        event.seq = *seq;
        if (*seq < 1 || *seq > k_max_seq) {
            ok = false;
            out.error(yaml::location(path, *reader.optional("seq")),
                      msg("event.seq_range", *seq, k_max_seq));
        }
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
    event.kind = action_by_name(event.action);
    event.on_behalf_of = reader.optional_string("on_behalf_of").value_or("");
    event.content = reader.optional_string("content").value_or("");
    ok = check_hashes(node, event.kind, path, out) && ok;
    if (!event.action.empty()) {
        warn_unknown_keys(event, node, path, action_keys, out);
    } else {
        for (const auto& key : action_keys) {
            reader.optional(key);
        }
        reader.finish();
    }
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
    check_required_keys(event, node, out);
    // Last, once nothing reads the node any more: moved, not copied.
    event.data = std::move(node);
    return event;
}

} // namespace

std::vector<Event> read_log(yaml::Node root, const std::string& path, const std::string& request_id,
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
    const auto breaks = chain_breaks(request_id, owner, root.items());
    auto entries = root.take_items();
    events.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (auto event = read_event(std::move(entries[i]), path, owner, zone, action_keys, out)) {
            event->chain_ok = std::find(breaks.begin(), breaks.end(), i) == breaks.end();
            events.push_back(std::move(*event));
        }
    }
    return events;
}

yaml::Node event_entry(const Event& event, const yaml::Node& extra) {
    auto entry = yaml::Node::make_map();
    entry.set("seq", yaml::Node::make_scalar(std::to_string(event.seq)));
    entry.set("at", yaml::Node::make_scalar(event.at_text));
    entry.set("by", yaml::Node::make_scalar(event.by));
    if (!event.on_behalf_of.empty()) {
        entry.set("on_behalf_of", yaml::Node::make_scalar(event.on_behalf_of));
    }
    entry.set("action", yaml::Node::make_scalar(event.action));
    for (const auto& [key, value] : extra.entries()) {
        entry.set(key.scalar(), value);
    }
    // Last: an entry cut short at any line has lost its content hash, and so does
    // not apply (record.content-missing) instead of applying with fewer fields.
    if (!event.content.empty()) {
        entry.set("content", yaml::Node::make_scalar(event.content));
    }
    return entry;
}

std::string format_event(const Event& event, const yaml::Node& extra) {
    auto list = yaml::Node::make_sequence();
    list.push_back(event_entry(event, extra));
    return yaml::emit(list);
}

std::string log_header(const std::string& person, const std::string& request_id) {
    return fmt::format("# collab log of {} for request {}.\n"
                       "# Append-only: each entry is one action, written by collab. Do not edit\n"
                       "# or reorder entries; `collab check` verifies them.\n",
                       person, request_id);
}

std::optional<LogHeader> read_log_header(std::string_view text) {
    constexpr std::string_view prefix = "# collab log of ";
    constexpr std::string_view middle = " for request ";
    const auto line = text.substr(0, text.find('\n'));
    if (!line.starts_with(prefix) || !line.ends_with(".")) {
        return std::nullopt;
    }
    const auto names = line.substr(prefix.size(), line.size() - prefix.size() - 1);
    const auto split = names.find(middle);
    if (split == std::string_view::npos) {
        return std::nullopt;
    }
    return LogHeader{std::string(names.substr(0, split)),
                     std::string(names.substr(split + middle.size()))};
}

void sort_events(std::vector<Event>& events) {
    // The order sorted, then each event moved once: an Event is large, and sorting the
    // events themselves moves each of them many times. Ties keep the order they came
    // in, as a stable sort would.
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Event& x = events[a];
        const Event& y = events[b];
        return std::tie(x.seq, x.at, x.by, a) < std::tie(y.seq, y.at, y.by, b);
    });
    std::vector<Event> sorted;
    sorted.reserve(events.size());
    for (const std::size_t i : order) {
        sorted.push_back(std::move(events[i]));
    }
    events = std::move(sorted);
}

} // namespace collab::model
