#include <collab/yaml/node.hpp>

namespace collab::yaml {

Node Node::make_scalar(std::string value, Mark mark, bool quoted) {
    Node node;
    node.m_kind = Kind::scalar;
    node.m_mark = mark;
    node.m_scalar = std::move(value);
    node.m_quoted = quoted;
    return node;
}

Node Node::make_sequence(Mark mark) {
    Node node;
    node.m_kind = Kind::sequence;
    node.m_mark = mark;
    return node;
}

Node Node::make_map(Mark mark) {
    Node node;
    node.m_kind = Kind::map;
    node.m_mark = mark;
    return node;
}

void Node::push_back(Node item) {
    // Building by hand should not silently turn a scalar into a list, but a
    // default-constructed (null) node is the natural start of one.
    if (m_kind == Kind::null) {
        m_kind = Kind::sequence;
    }
    if (m_kind == Kind::sequence) {
        m_items.push_back(std::move(item));
    }
}

void Node::set(std::string key, Node value) {
    if (m_kind == Kind::null) {
        m_kind = Kind::map;
    }
    if (m_kind != Kind::map) {
        return;
    }
    for (auto& entry : m_entries) {
        if (entry.first.m_scalar == key) {
            entry.second = std::move(value);
            return;
        }
    }
    m_entries.emplace_back(make_scalar(std::move(key)), std::move(value));
}

const Node* Node::find(std::string_view key) const {
    for (const auto& entry : m_entries) {
        if (entry.first.m_scalar == key) {
            return &entry.second;
        }
    }
    return nullptr;
}

std::vector<std::string> scalar_list(const Node* node) {
    std::vector<std::string> out;
    if (node == nullptr) {
        return out;
    }
    if (node->is_scalar()) {
        out.push_back(node->scalar());
    }
    for (const auto& item : node->items()) {
        out.push_back(item.scalar());
    }
    return out;
}

} // namespace collab::yaml
