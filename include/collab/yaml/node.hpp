#pragma once

#include <collab/util/diagnostic.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collab::yaml {

// A position in a YAML text, 1-based like an editor shows it.
struct Mark {
    int line = 0;
    int column = 0;
};

// A parsed YAML value with the position it came from. Maps keep their keys in
// file order. Built by `parse` and by hand (for writing).
class Node {
public:
    enum class Kind { null, scalar, sequence, map };

    Node() = default;
    static Node make_scalar(std::string value, Mark mark = {}, bool quoted = false);
    static Node make_sequence(Mark mark = {});
    static Node make_map(Mark mark = {});

    Kind kind() const { return m_kind; }
    bool is_null() const { return m_kind == Kind::null; }
    bool is_scalar() const { return m_kind == Kind::scalar; }
    bool is_sequence() const { return m_kind == Kind::sequence; }
    bool is_map() const { return m_kind == Kind::map; }
    const Mark& mark() const { return m_mark; }

    // Scalar text (empty for non-scalars). `quoted` is true when the text was
    // written in quotes, so that `"no"` stays a string where `no` may not.
    const std::string& scalar() const { return m_scalar; }
    bool quoted() const { return m_quoted; }

    // Sequence items (empty for non-sequences).
    const std::vector<Node>& items() const { return m_items; }
    void push_back(Node item);
    // Moves the items out, leaving no item: for a reader that keeps each item whole.
    std::vector<Node> take_items() {
        auto items = std::move(m_items);
        m_items.clear();
        return items;
    }

    // Map entries in file order; keys are scalars (empty for non-maps).
    const std::vector<std::pair<Node, Node>>& entries() const { return m_entries; }
    void set(std::string key, Node value);
    const Node* find(std::string_view key) const;

private:
    // The parser sets marks on keys and null values, which the public makers cannot.
    friend struct NodeAccess;

    Kind m_kind = Kind::null;
    Mark m_mark;
    std::string m_scalar;
    bool m_quoted = false;
    std::vector<Node> m_items;
    std::vector<std::pair<Node, Node>> m_entries;
};

// What a record file may be. Files outside these are refused before they are
// trusted: they are either broken or hostile, and a person can always split them.
struct Limits {
    std::size_t max_bytes = 1024 * 1024;
    int max_depth = 64;
};

// Parses one YAML document. Refuses (with a diagnostic naming path:line:col)
// texts over the size limit, nesting deeper than the limit, anchors, aliases,
// duplicate map keys, non-scalar keys, tags other than the standard ones and more
// than one document. Syntax errors from the parser become diagnostics too; this
// function never throws. An empty text is a null node.
std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& out,
                          const Limits& limits = {});

// A field written as one scalar or as a list of scalars, as a list (empty for none).
std::vector<std::string> scalar_list(const Node* node);

} // namespace collab::yaml
