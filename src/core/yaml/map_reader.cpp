#include <algorithm>
#include <charconv>
#include <collab/util/edit_distance.hpp>
#include <collab/yaml/map_reader.hpp>

namespace collab::yaml {

SourceLocation location(const std::string& path, const Node& node) {
    // A node built for an empty document has no position: point at the file's start.
    if (node.mark().line == 0) {
        return SourceLocation{path, 1, 1};
    }
    return SourceLocation{path, node.mark().line, node.mark().column};
}

MapReader::MapReader(const Node& node, const std::string& path, Diagnostics& out)
    : m_node(node), m_path(path), m_out(out) {
    // Room for the keys most readers ask about, so that asking costs one allocation.
    constexpr std::size_t k_usual_keys = 8;
    m_known.reserve(k_usual_keys);
    if (!m_node.is_map()) {
        m_out.error(location(m_path, m_node), i18n::msg("yaml.expected_map"));
    }
}

const Node* MapReader::optional(std::string_view key) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) {
        m_known.emplace_back(key);
    }
    return m_node.is_map() ? m_node.find(key) : nullptr;
}

const Node* MapReader::required(std::string_view key) {
    const Node* value = optional(key);
    // A reader over a non-map has already said so; one error is enough.
    if (value == nullptr && m_node.is_map()) {
        m_out.error(location(m_path, m_node), i18n::msg("yaml.missing_field", key));
    }
    return value;
}

std::optional<std::string> MapReader::optional_string(std::string_view key) {
    const Node* value = optional(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_scalar()) {
        m_out.error(location(m_path, *value), i18n::msg("yaml.must_be_text", key));
        return std::nullopt;
    }
    return value->scalar();
}

std::optional<std::string> MapReader::required_string(std::string_view key) {
    const Node* value = required(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    // `title:` with nothing after it is present but unusable; say so at the key.
    if (value->is_null()) {
        m_out.error(location(m_path, *value), i18n::msg("yaml.empty_field", key));
        return std::nullopt;
    }
    return optional_string(key);
}

std::vector<std::string> MapReader::string_list(std::string_view key, bool required_field) {
    const Node* value = required_field ? required(key) : optional(key);
    std::vector<std::string> out;
    if (value == nullptr || value->is_null()) {
        return out;
    }
    if (value->is_scalar()) {
        out.push_back(value->scalar());
        return out;
    }
    if (!value->is_sequence()) {
        m_out.error(location(m_path, *value), i18n::msg("yaml.must_be_list", key));
        return out;
    }
    for (const auto& item : value->items()) {
        if (!item.is_scalar()) {
            m_out.error(location(m_path, item), i18n::msg("yaml.list_item_text", key));
            continue;
        }
        out.push_back(item.scalar());
    }
    return out;
}

std::optional<long long> MapReader::optional_int(std::string_view key) {
    const Node* value = optional(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (value->is_scalar()) {
        std::string_view text = value->scalar();
        // from_chars takes '-' but not '+'; YAML allows both.
        if (text.size() > 1 && text.front() == '+' && text[1] != '-') {
            text.remove_prefix(1);
        }
        long long number = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, error] = std::from_chars(text.data(), end, number);
        if (!text.empty() && error == std::errc{} && ptr == end) {
            return number;
        }
    }
    m_out.error(location(m_path, *value), i18n::msg("yaml.must_be_int", key));
    return std::nullopt;
}

std::optional<bool> MapReader::optional_bool(std::string_view key) {
    const Node* value = optional(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (value->is_scalar() && value->scalar() == "true") {
        return true;
    }
    if (value->is_scalar() && value->scalar() == "false") {
        return false;
    }
    m_out.error(location(m_path, *value), i18n::msg("yaml.must_be_bool", key));
    return std::nullopt;
}

std::vector<std::string> MapReader::finish() {
    std::vector<std::string> unknown;
    if (!m_node.is_map()) {
        return unknown;
    }
    // Sorted, so that of two equally close keys the hint is the same whichever the
    // reader asked about first.
    auto known = m_known;
    std::sort(known.begin(), known.end());
    for (const auto& [key, value] : m_node.entries()) {
        if (std::find(m_known.begin(), m_known.end(), key.scalar()) != m_known.end()) {
            continue;
        }
        unknown.push_back(key.scalar());
        if (auto hint = util::closest_match(key.scalar(), known)) {
            m_out.warning(location(m_path, key),
                          i18n::msg("yaml.unknown_key_hint", key.scalar(), *hint));
        } else {
            m_out.warning(location(m_path, key), i18n::msg("yaml.unknown_key", key.scalar()));
        }
    }
    return unknown;
}

} // namespace collab::yaml
