#pragma once
// The tree building and the refusals shared by the two YAML readers (libyaml's, used by
// parse, and yaml-cpp's, kept as the reference): each turns its parser's events into
// calls here, with positions already in editor terms, so that both build the same
// Nodes and refuse the same things with the same messages.
#include <collab/i18n/message.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace collab::yaml {

// The only code that reaches into Node's private state: the readers need marks
// on keys and null values, which the public makers do not take.
struct NodeAccess {
    static Node null_at(Mark mark) {
        Node node;
        node.m_mark = mark;
        return node;
    }
    // Moves the items or entries gathered for a collection into it, at their exact size.
    static void take_items(Node& sequence, std::vector<Node>& items) {
        sequence.m_items.assign(std::make_move_iterator(items.begin()),
                                std::make_move_iterator(items.end()));
    }
    static void take_entries(Node& map, std::vector<std::pair<Node, Node>>& entries) {
        map.m_entries.assign(std::make_move_iterator(entries.begin()),
                             std::make_move_iterator(entries.end()));
    }
};

namespace reader {

// Thrown by the builder to abandon the parse after a refusal (too deep, a second
// document): what follows would only add noise or cost.
struct Stop {};

// Where the node being built goes in its parent.
enum class Slot { root, key, value, item };

class TreeBuilder {
public:
    TreeBuilder(const std::string& path, Diagnostics& out, int max_depth)
        : m_path(path), m_out(out), m_max_depth(max_depth) {}

    Node take_root() { return std::move(m_root); }
    Slot slot() const;
    // The open collections.
    std::size_t depth() const { return m_stack.size(); }
    // The mark of the key waiting for its value (Slot::value only).
    Mark key_mark() const { return m_stack.back().key.mark(); }

    void error(Mark at, i18n::Message message);
    // A second document, started by '---' or by content left outside the first; stops.
    [[noreturn]] void second_document(Mark at, bool explicit_start);
    void anchor(Mark at) { error(at, i18n::msg("yaml.anchor")); }
    // A tag other than none or '!', in its long form as the readers resolve it.
    void tag(Mark at, std::string_view tag);

    // Adds a finished node (a scalar or null) where the next one goes.
    void add(Node node);
    // Opens a map or a sequence (stops when too deep); close() adds it to its parent.
    void open(Node collection);
    void close();

private:
    using Entries = std::vector<std::pair<Node, Node>>;

    struct Frame {
        Node node;
        // Maps: the key read and waiting for its value, and whether it was accepted.
        bool has_key = false;
        bool key_ok = false;
        Node key;
        // Maps with many keys: the keys, to find duplicates without a linear search.
        // Most maps have a dozen keys and look through their entries instead.
        std::unordered_set<std::string> key_index;
    };

    void add_to_map(Frame& top, Node node);
    // The earlier entry of a map with this key, if any.
    static const Node* earlier_key(Frame& top, const Entries& entries, const std::string& key);

    const std::string& m_path;
    Diagnostics& m_out;
    int m_max_depth;
    std::vector<Frame> m_stack;
    // The items or entries of the open collection at each depth, gathered here and moved
    // into it when it closes: these vectors keep their room from one collection to the
    // next, so a collection costs one allocation of its final size instead of one per
    // doubling (and moving its nodes at each).
    std::vector<std::vector<Node>> m_items;
    std::vector<Entries> m_entries;
    Node m_root;
};

} // namespace reader
} // namespace collab::yaml
