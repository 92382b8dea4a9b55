#include "yaml/tree_builder.hpp"

namespace collab::yaml::reader {

namespace {

constexpr std::string_view k_core_tag_prefix = "tag:yaml.org,2002:";

} // namespace

Slot TreeBuilder::slot() const {
    if (m_stack.empty()) {
        return Slot::root;
    }
    const Frame& top = m_stack.back();
    if (top.node.is_sequence()) {
        return Slot::item;
    }
    return top.has_key ? Slot::value : Slot::key;
}

void TreeBuilder::error(Mark at, i18n::Message message) {
    m_out.error(SourceLocation{m_path, at.line, at.column}, std::move(message));
}

void TreeBuilder::second_document(Mark at, bool explicit_start) {
    error(at, i18n::msg(explicit_start ? "yaml.second_document" : "yaml.multiple_documents"));
    throw Stop{};
}

void TreeBuilder::tag(Mark at, std::string_view tag) {
    // Show the tag the way it was probably written: !!str, not the long form.
    std::string shown(tag);
    if (tag.starts_with(k_core_tag_prefix)) {
        shown = fmt::format("!!{}", tag.substr(k_core_tag_prefix.size()));
    }
    error(at, i18n::msg("yaml.tag", shown));
}

void TreeBuilder::open(Node collection) {
    if (static_cast<long long>(m_stack.size()) >= m_max_depth) {
        error(collection.mark(), i18n::msg("yaml.too_deep", m_max_depth));
        throw Stop{};
    }
    m_stack.push_back(Frame{std::move(collection), false, false, Node{}, {}});
    if (m_items.size() < m_stack.size()) {
        m_items.resize(m_stack.size());
        m_entries.resize(m_stack.size());
    }
}

void TreeBuilder::close() {
    const std::size_t depth = m_stack.size() - 1;
    Node done = std::move(m_stack.back().node);
    m_stack.pop_back();
    if (done.is_sequence()) {
        NodeAccess::take_items(done, m_items[depth]);
        m_items[depth].clear();
    } else {
        NodeAccess::take_entries(done, m_entries[depth]);
        m_entries[depth].clear();
    }
    add(std::move(done));
}

void TreeBuilder::add(Node node) {
    if (m_stack.empty()) {
        m_root = std::move(node);
        return;
    }
    Frame& top = m_stack.back();
    if (top.node.is_sequence()) {
        m_items[m_stack.size() - 1].push_back(std::move(node));
        return;
    }
    add_to_map(top, std::move(node));
}

void TreeBuilder::add_to_map(Frame& top, Node node) {
    if (!top.has_key) {
        top.has_key = true;
        top.key_ok = node.is_scalar();
        if (node.is_null()) {
            error(node.mark(), i18n::msg("yaml.empty_key"));
        } else if (!node.is_scalar()) {
            error(node.mark(), i18n::msg("yaml.non_scalar_key"));
        }
        top.key = std::move(node);
        return;
    }
    top.has_key = false;
    if (!top.key_ok) {
        return;
    }
    auto& entries = m_entries[m_stack.size() - 1];
    if (const Node* first = earlier_key(top, entries, top.key.scalar())) {
        error(top.key.mark(),
              i18n::msg("yaml.duplicate_key", top.key.scalar(), first->mark().line));
        return;
    }
    entries.emplace_back(std::move(top.key), std::move(node));
}

const Node* TreeBuilder::earlier_key(Frame& top, const Entries& entries, const std::string& key) {
    constexpr std::size_t k_linear_keys = 16;
    if (entries.size() > k_linear_keys) {
        if (top.key_index.empty()) {
            for (const auto& entry : entries) {
                top.key_index.insert(entry.first.scalar());
            }
        }
        if (top.key_index.insert(key).second) {
            return nullptr;
        }
    }
    for (const auto& entry : entries) {
        if (entry.first.scalar() == key) {
            return &entry.first;
        }
    }
    return nullptr;
}

} // namespace collab::yaml::reader
