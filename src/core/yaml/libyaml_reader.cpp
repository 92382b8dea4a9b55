// The libyaml reader: libyaml's event parser (C, about eight times yaml-cpp's speed on
// record files) feeding the shared TreeBuilder. Where libyaml reports something
// differently from yaml-cpp, the reference, this file makes up for it, so that both
// build the same Nodes with the same marks; where it cannot (a syntax error, line
// breaks yaml-cpp does not know), it hands the text to the reference reader.
#include "yaml/readers.hpp"
#include "yaml/tree_builder.hpp"

#include <set>
#include <yaml.h>

namespace collab::yaml::reader {

namespace {

// Above this nesting, yaml-cpp's own recursion guard (2000 nodes deep) may answer
// before our limit does: such texts are left to it, to keep its answer.
constexpr std::size_t k_reference_guard_depth = 1000;

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// libyaml breaks lines at a lone CR, NEL, LS and PS and skips a BOM at the start of
// any line; yaml-cpp breaks only at LF (CRLF) and keeps those characters in the text.
// Such texts are rare and read by the reference alone.
bool breaks_lines_differently(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (text[i]) {
        case '\r':
            if (i + 1 == text.size() || text[i + 1] != '\n') {
                return true;
            }
            break;
        case '\xC2':
            if (text.substr(i, 2) == "\xC2\x85") {
                return true;
            }
            break;
        case '\xE2':
            if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") {
                return true;
            }
            break;
        case '\xEF':
            if (i > 0 && text.substr(i, 3) == "\xEF\xBB\xBF") {
                return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

// libyaml's marks count characters (not bytes) from after a leading BOM; this finds
// the byte of a mark. Events come nearly in file order, so it walks from the last
// answer instead of from the start.
class Offsets {
public:
    explicit Offsets(std::string_view text)
        : m_text(text), m_start(text.starts_with("\xEF\xBB\xBF") ? 3 : 0), m_byte(m_start) {}

    bool has_bom() const { return m_start > 0; }

    std::size_t byte_of(std::size_t index) {
        while (m_index < index && m_byte < m_text.size()) {
            ++m_byte;
            while (m_byte < m_text.size() && is_continuation(m_text[m_byte])) {
                ++m_byte;
            }
            ++m_index;
        }
        while (m_index > index && m_byte > m_start) {
            --m_byte;
            while (m_byte > m_start && is_continuation(m_text[m_byte])) {
                --m_byte;
            }
            --m_index;
        }
        return m_byte;
    }

private:
    std::string_view m_text;
    std::size_t m_start;
    std::size_t m_byte;
    std::size_t m_index = 0;
};

// Own a libyaml parser and an event for the length of a scope.
struct ParserHandle {
    yaml_parser_t parser{};
    ParserHandle() { yaml_parser_initialize(&parser); }
    ~ParserHandle() { yaml_parser_delete(&parser); }
    ParserHandle(const ParserHandle&) = delete;
    ParserHandle& operator=(const ParserHandle&) = delete;
};

struct EventHandle {
    yaml_event_t event{};
    EventHandle() = default;
    ~EventHandle() { yaml_event_delete(&event); }
    EventHandle(const EventHandle&) = delete;
    EventHandle& operator=(const EventHandle&) = delete;
};

std::string_view as_text(const yaml_char_t* chars) {
    return chars == nullptr ? std::string_view{}
                            : std::string_view(reinterpret_cast<const char*>(chars));
}

class LibyamlEvents {
public:
    LibyamlEvents(std::string_view text, TreeBuilder& builder)
        : m_text(text), m_offsets(text), m_builder(builder) {}

    // Handles one event; false when the reference reader must answer instead.
    bool handle(const yaml_event_t& event) {
        const Mark at = mark(event.start_mark);
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++m_documents > 1) {
                second_document(event.start_mark, at);
            }
            return true;
        case YAML_ALIAS_EVENT:
            return alias(as_text(event.data.alias.anchor), at);
        case YAML_SCALAR_EVENT:
            return scalar(event, at);
        case YAML_SEQUENCE_START_EVENT:
            return open(as_text(event.data.sequence_start.anchor),
                        as_text(event.data.sequence_start.tag), Node::make_sequence(at),
                        event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
        case YAML_MAPPING_START_EVENT:
            if (in_flow() && explicit_key_near(event.start_mark)) {
                return false;
            }
            return open(as_text(event.data.mapping_start.anchor),
                        as_text(event.data.mapping_start.tag), Node::make_map(at),
                        event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            m_open.pop_back();
            m_builder.close();
            return true;
        default:
            return true;
        }
    }

private:
    // libyaml's 0-based line and character column as yaml-cpp's reader gives them: it
    // counts a leading BOM as a character of the first line.
    Mark mark(const yaml_mark_t& mark) const {
        const int bom = m_offsets.has_bom() && mark.line == 0 ? 1 : 0;
        return {static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1 + bom};
    }

    void second_document(const yaml_mark_t& start, Mark at) {
        // An explicit '---' starts a second document; anything else is content that
        // the indentation left outside the first one.
        const std::size_t line_start = m_offsets.byte_of(start.index - start.column);
        m_builder.second_document(at, m_text.substr(line_start, 3) == "---");
    }

    bool alias(std::string_view name, Mark at) {
        // yaml-cpp stops at an alias of an anchor it has not seen, with its own message.
        if (!m_anchors.contains(name)) {
            return false;
        }
        m_builder.anchor(at);
        m_builder.add(NodeAccess::null_at(at));
        return true;
    }

    void properties(std::string_view anchor, std::string_view tag, Mark at) {
        if (!anchor.empty()) {
            m_builder.anchor(at);
            m_anchors.emplace(anchor);
        }
        if (!tag.empty() && tag != "!") {
            m_builder.tag(at, tag);
        }
    }

    bool open(std::string_view anchor, std::string_view tag, Node collection, bool flow) {
        if (m_builder.depth() >= k_reference_guard_depth) {
            return false;
        }
        const int column = collection.mark().column;
        properties(anchor, tag, collection.mark());
        m_builder.open(std::move(collection));
        m_open.push_back({flow, column});
        return true;
    }

    bool scalar(const yaml_event_t& event, Mark at) {
        const auto& data = event.data.scalar;
        const std::string_view anchor = as_text(data.anchor);
        const std::string_view tag = as_text(data.tag);
        const bool plain = data.style == YAML_PLAIN_SCALAR_STYLE && tag.empty();
        const std::string_view value(reinterpret_cast<const char*>(data.value), data.length);
        if (!reads_alike(event, value)) {
            return false;
        }
        properties(anchor, tag, at);
        if (plain && value == "~") {
            m_builder.add(NodeAccess::null_at(at));
        } else if (plain && value.empty()) {
            const auto mark = empty_mark(event.start_mark, at);
            if (!mark) {
                return false;
            }
            m_builder.add(NodeAccess::null_at(*mark));
        } else {
            // A tag '!' makes even a plain scalar non-plain (a string), as in yaml-cpp.
            m_builder.add(Node::make_scalar(std::string(value), at, !plain));
        }
        return true;
    }

    // False for the scalars yaml-cpp reads otherwise than libyaml, found by the
    // differential test: they are left to the reference reader.
    bool reads_alike(const yaml_event_t& event, std::string_view value) {
        const auto& data = event.data.scalar;
        // An empty key is refused either way, but yaml-cpp reads `? ` with no key as
        // a map and says more about it.
        const bool empty_plain = value.empty() && data.style == YAML_PLAIN_SCALAR_STYLE;
        if (empty_plain && m_builder.slot() == Slot::key) {
            return false;
        }
        const bool in_flow = this->in_flow();
        // A flow map's key without a value: yaml-cpp refuses some (one over two lines).
        if (empty_plain && in_flow && m_builder.slot() == Slot::value) {
            return false;
        }
        // Quoted text over several lines: yaml-cpp folds leading blank lines otherwise.
        if ((data.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
             data.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
            event.start_mark.line != event.end_mark.line) {
            return false;
        }
        // An empty node with an anchor: at the end of the text yaml-cpp drops it and
        // makes it null. A tagged scalar, even '!': yaml-cpp refuses some that libyaml
        // reads as a plain scalar over two lines ("! null\nnull").
        if ((value.empty() && data.anchor != nullptr) || data.tag != nullptr) {
            return false;
        }
        // yaml-cpp ends a plain scalar in a flow collection at any '?', and reads an
        // explicit key there ('?') otherwise than libyaml.
        if (in_flow &&
            ((data.style == YAML_PLAIN_SCALAR_STYLE && value.find('?') != std::string_view::npos) ||
             explicit_key_near(event.start_mark))) {
            return false;
        }
        if (data.style == YAML_LITERAL_SCALAR_STYLE || data.style == YAML_FOLDED_SCALAR_STYLE) {
            // yaml-cpp refuses a block scalar no deeper than its block collection
            // ("-\n|"), and keeps fewer trailing line breaks of `|+` at the end.
            const bool outdented =
                !m_open.empty() &&
                static_cast<int>(event.start_mark.column) + 1 <= m_open.back().column;
            return !outdented && !keeps_line_breaks(event.start_mark);
        }
        return true;
    }

    bool in_flow() const { return !m_open.empty() && m_open.back().flow; }

    // Whether a node at `start` is an explicit key: a '?' at it or just before it.
    bool explicit_key_near(const yaml_mark_t& start) {
        std::size_t byte = m_offsets.byte_of(start.index);
        if (byte < m_text.size() && m_text[byte] == '?') {
            return true;
        }
        while (byte > 0 && (m_text[byte - 1] == ' ' || m_text[byte - 1] == '\t')) {
            --byte;
        }
        return byte > 0 && m_text[byte - 1] == '?';
    }

    // Whether the header of the block scalar at `start` asks to keep line breaks ('+').
    bool keeps_line_breaks(const yaml_mark_t& start) {
        const std::size_t byte = m_offsets.byte_of(start.index);
        const std::size_t indicator = m_text.find_first_of("|>", byte);
        if (indicator == std::string_view::npos) {
            return false;
        }
        const std::size_t end = m_text.find_first_not_of("0123456789+-", indicator + 1);
        return m_text.substr(indicator, end - indicator).find('+') != std::string_view::npos;
    }

    // Where the reference puts an empty value: a value at its key (unless the next
    // token is a '~' key, which yaml-cpp looks at), anything else at the next token,
    // past blanks, line breaks and comments. None when that is the end of the text,
    // where yaml-cpp's mark depends on what it skipped, and when the next token starts
    // with a null word: the reference's recovery of `null` text may take it for the
    // empty value's own (a key `null x:` after `a:` makes `a` the text "null").
    std::optional<Mark> empty_mark(const yaml_mark_t& start, Mark at) {
        Mark next = at;
        std::size_t byte = m_offsets.byte_of(start.index);
        bool in_comment = false;
        for (; byte < m_text.size(); ++byte) {
            const char c = m_text[byte];
            if (c == '\n') {
                in_comment = false;
                ++next.line;
                next.column = 1;
                continue;
            }
            if (c == '#') {
                in_comment = true;
            } else if (!in_comment && c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            if (!is_continuation(c)) {
                ++next.column;
            }
        }
        const std::string_view token = m_text.substr(std::min(byte, m_text.size()), 4);
        if (token == "null" || token == "Null" || token == "NULL") {
            return std::nullopt;
        }
        if (m_builder.slot() == Slot::value && (byte >= m_text.size() || m_text[byte] != '~')) {
            return m_builder.key_mark();
        }
        if (byte >= m_text.size()) {
            return std::nullopt;
        }
        return next;
    }

    std::string_view m_text;
    Offsets m_offsets;
    TreeBuilder& m_builder;
    std::set<std::string, std::less<>> m_anchors;
    // The open collections: flow or block, and the column where each starts.
    struct Open {
        bool flow = false;
        int column = 0;
    };
    std::vector<Open> m_open;
    int m_documents = 0;
};

} // namespace

LibyamlRead read_libyaml(std::string_view text, const std::string& path, Diagnostics& out,
                         int max_depth) {
    if (breaks_lines_differently(text)) {
        return {};
    }
    Diagnostics found;
    TreeBuilder builder(path, found, max_depth);
    LibyamlEvents events(text, builder);
    ParserHandle handle;
    yaml_parser_set_input_string(&handle.parser,
                                 reinterpret_cast<const unsigned char*>(text.data()), text.size());
    try {
        for (;;) {
            EventHandle event;
            if (yaml_parser_parse(&handle.parser, &event.event) == 0) {
                return {Outcome::syntax_error, Node{}};
            }
            if (!events.handle(event.event)) {
                return {};
            }
            if (event.event.type == YAML_STREAM_END_EVENT) {
                break;
            }
        }
    } catch (const Stop&) {
    }
    out.append(found);
    if (found.has_errors()) {
        return {Outcome::refused, Node{}};
    }
    return {Outcome::accepted, builder.take_root()};
}

} // namespace collab::yaml::reader
