// The subset reader: a hand-written reader of the YAML collab writes (src/core/yaml/
// writer.cpp) and people typically edit by hand, building Nodes directly from the text,
// without an event layer. Records are read several times faster than through libyaml.
// It declines (nullopt) anything outside that subset and anything the reference reader
// would refuse or read in its own way; parse() then hands the text to the libyaml
// reader, so declining is always safe and accepting must give the reference's very tree
// (the differential test holds it to that, marks and quoted flags included).
//
// The subset, one construct per line: block maps and sequences indented by spaces,
// `- key: value` items, plain scalars, single- and double-quoted scalars (the usual
// escapes), `[a, "b"]` lists of scalars, `[]`, `{}`, literal blocks `|` and `|-`,
// comments and blank lines.
#include "yaml/readers.hpp"
#include "yaml/tree_builder.hpp"

#include <algorithm>
#include <unordered_set>

namespace collab::yaml::reader {

namespace {

// Thrown where the text leaves the subset; caught in read_subset.
struct Decline {};

// Above this many keys, duplicates are found with a set instead of a linear search.
constexpr std::size_t k_subset_linear_keys = 16;
// libyaml refuses simple keys over 1024 characters and yaml-cpp reads them: left to them.
constexpr std::size_t k_subset_max_key_bytes = 1000;
// The reader recurses once per open collection: whatever the limit asked for, deeper
// texts are left to the others (libyaml's reader keeps its own stack).
constexpr int k_subset_max_depth = 200;

class SubsetReader {
public:
    SubsetReader(std::string_view text, int max_depth)
        : m_text(text), m_max_depth(std::min(max_depth, k_subset_max_depth)) {}

    Node read() {
        if (!plain_bytes()) {
            throw Decline{};
        }
        next_line();
        if (m_eof) {
            throw Decline{};
        }
        Node root = item_start(m_pos) ? sequence(m_indent, false) : map(m_indent);
        if (!m_eof) {
            throw Decline{};
        }
        return root;
    }

private:
    // Tabs, CRs, other control characters, a BOM and the characters libyaml reads as
    // line breaks: all rare, and read differently by the readers or hard to mark.
    bool plain_bytes() const {
        const std::size_t size = m_text.size();
        for (std::size_t i = 0; i < size; ++i) {
            const auto c = static_cast<unsigned char>(m_text[i]);
            if ((c < 0x20 && c != '\n') || c == 0x7F) {
                return false;
            }
            if (c == 0xC2 && i + 1 < size && m_text[i + 1] == '\x85') {
                return false;
            }
            if ((c == 0xE2 || c == 0xEF) && i + 2 < size) {
                const std::string_view three = m_text.substr(i, 3);
                if (three == "\xE2\x80\xA8" || three == "\xE2\x80\xA9" || three == "\xEF\xBB\xBF") {
                    return false;
                }
            }
        }
        return true;
    }

    // --- Lines -------------------------------------------------------------------

    char at(std::size_t pos) const { return pos < m_end ? m_text[pos] : '\n'; }

    // Moves to the next line holding content (not blank, not only a comment).
    void next_line() {
        std::size_t start = m_end == std::string_view::npos ? 0 : m_end + 1;
        for (;;) {
            if (start >= m_text.size()) {
                m_eof = true;
                m_pos = m_end = m_line_start = m_text.size();
                return;
            }
            ++m_line;
            const std::size_t newline = m_text.find('\n', start);
            const std::size_t end = newline == std::string_view::npos ? m_text.size() : newline;
            std::size_t pos = start;
            while (pos < end && m_text[pos] == ' ') {
                ++pos;
            }
            if (pos < end && m_text[pos] != '#') {
                m_line_start = start;
                m_pos = pos;
                m_end = end;
                m_indent = static_cast<int>(pos - start);
                // Document markers and directives at a line's start: not for this reader.
                if (m_indent == 0) {
                    const std::string_view head = m_text.substr(pos, 3);
                    if (head == "---" || head == "..." || head[0] == '%') {
                        throw Decline{};
                    }
                }
                return;
            }
            start = end + 1;
        }
    }

    // The 1-based line and character column of a byte of the current line.
    Mark mark(std::size_t pos) const {
        int column = 1;
        for (std::size_t i = m_line_start; i < pos; ++i) {
            column += (static_cast<unsigned char>(m_text[i]) & 0xC0) == 0x80 ? 0 : 1;
        }
        return {m_line, column};
    }

    std::size_t skip_spaces(std::size_t pos) const {
        while (pos < m_end && m_text[pos] == ' ') {
            ++pos;
        }
        return pos;
    }

    // Checks that nothing but blanks and a comment follow `pos` on the line.
    void expect_line_end(std::size_t pos) const {
        const std::size_t after = skip_spaces(pos);
        if (after < m_end && (m_text[after] != '#' || after == pos)) {
            throw Decline{};
        }
    }

    bool item_start(std::size_t pos) const {
        return at(pos) == '-' && (at(pos + 1) == ' ' || at(pos + 1) == '\n');
    }

    // --- Collections -------------------------------------------------------------

    void open() {
        if (++m_depth >= m_max_depth) {
            throw Decline{};
        }
        if (m_items.size() < static_cast<std::size_t>(m_depth)) {
            m_items.resize(static_cast<std::size_t>(m_depth));
            m_entries.resize(static_cast<std::size_t>(m_depth));
        }
    }

    // A block map whose keys start at column `indent` (0-based), from the current position.
    Node map(int indent) {
        open();
        const auto depth = static_cast<std::size_t>(m_depth) - 1;
        Node node = Node::make_map(mark(m_pos));
        std::unordered_set<std::string> keys;
        for (;;) {
            Node key = this->key();
            if (is_duplicate(m_entries[depth], keys, key.scalar())) {
                throw Decline{};
            }
            const Mark key_mark = key.mark();
            // Not a reference held across this call: nested collections may grow m_entries.
            Node value = this->value(indent, &key_mark);
            m_entries[depth].emplace_back(std::move(key), std::move(value));
            if (m_eof || m_indent < indent) {
                break;
            }
            if (m_indent > indent || item_start(m_pos)) {
                throw Decline{};
            }
        }
        NodeAccess::take_entries(node, m_entries[depth]);
        m_entries[depth].clear();
        --m_depth;
        return node;
    }

    // Whether a map's entries already hold `key`; past a few keys, with a set of them.
    static bool is_duplicate(const std::vector<std::pair<Node, Node>>& entries,
                             std::unordered_set<std::string>& keys, const std::string& key) {
        if (entries.size() < k_subset_linear_keys) {
            for (const auto& entry : entries) {
                if (entry.first.scalar() == key) {
                    return true;
                }
            }
            return false;
        }
        if (keys.empty()) {
            for (const auto& entry : entries) {
                keys.insert(entry.first.scalar());
            }
        }
        return !keys.insert(key).second;
    }

    // A block sequence whose dashes are at column `indent`. `in_map`: it is the value of
    // a key at the same column (`key:` then `- item`), and ends at the next key.
    Node sequence(int indent, bool in_map) {
        open();
        const auto depth = static_cast<std::size_t>(m_depth) - 1;
        Node node = Node::make_sequence(mark(m_pos));
        for (;;) {
            m_pos += 1;
            Node item = value(indent, nullptr);
            m_items[depth].push_back(std::move(item));
            if (m_eof || m_indent < indent) {
                break;
            }
            if (m_indent > indent) {
                throw Decline{};
            }
            if (!item_start(m_pos)) {
                if (in_map) {
                    break;
                }
                throw Decline{};
            }
        }
        NodeAccess::take_items(node, m_items[depth]);
        m_items[depth].clear();
        --m_depth;
        return node;
    }

    // --- Keys and values ---------------------------------------------------------

    // The key at the current position, with the position moved past its ':'.
    Node key() {
        const std::size_t start = m_pos;
        const char first = at(start);
        Node key;
        std::size_t after = 0;
        if (first == '"' || first == '\'') {
            std::string text;
            after = skip_spaces(quoted(start, text));
            key = Node::make_scalar(std::move(text), mark(start), true);
        } else {
            after = plain_key_end(start);
            if (after == std::string_view::npos) {
                throw Decline{};
            }
            std::size_t end = after;
            while (end > start && m_text[end - 1] == ' ') {
                --end;
            }
            const std::string_view text = m_text.substr(start, end - start);
            if (text == "~") {
                throw Decline{};
            }
            key = Node::make_scalar(std::string(text), mark(start), false);
        }
        if (at(after) != ':' || (at(after + 1) != ' ' && at(after + 1) != '\n') ||
            key.scalar().size() > k_subset_max_key_bytes) {
            throw Decline{};
        }
        m_pos = after + 1;
        return key;
    }

    // Where the ':' ending a plain key starting at `start` is, or npos when the line
    // holds no such key.
    std::size_t plain_key_end(std::size_t start) const {
        if (!plain_start(start)) {
            return std::string_view::npos;
        }
        for (std::size_t i = start + 1; i < m_end; ++i) {
            const char c = m_text[i];
            if (c == ':' && (i + 1 == m_end || m_text[i + 1] == ' ')) {
                return i;
            }
            if (c == '#' && m_text[i - 1] == ' ') {
                return std::string_view::npos;
            }
        }
        return std::string_view::npos;
    }

    // Whether a plain scalar may start at `pos`: not at an indicator, except a '-' that
    // does not start an item (`-1`).
    bool plain_start(std::size_t pos) const {
        const char c = at(pos);
        if (c == '-') {
            return at(pos + 1) != ' ' && at(pos + 1) != '\n';
        }
        return c != '\n' &&
               std::string_view("?:,[]{}#&*!|>'\"%@`").find(c) == std::string_view::npos;
    }

    // Whether a key starts at `pos` (a quoted or plain scalar, then ':' and a blank).
    bool key_start(std::size_t pos) const {
        const char c = at(pos);
        if (c == '"' || c == '\'') {
            std::string ignored;
            std::size_t after = 0;
            try {
                after = skip_spaces(quoted(pos, ignored));
            } catch (const Decline&) {
                return false;
            }
            return at(after) == ':' && (at(after + 1) == ' ' || at(after + 1) == '\n');
        }
        return plain_key_end(pos) != std::string_view::npos;
    }

    // The value after a key's ':' (`key` is its mark) or an item's '-' (`key` null), at
    // m_pos; `indent` is the column of the collection holding it. Leaves the position at
    // the next line with content.
    Node value(int indent, const Mark* key) {
        const std::size_t pos = skip_spaces(m_pos);
        const char c = at(pos);
        if (c == '\n' || (c == '#' && pos > m_pos)) {
            return value_below(indent, key);
        }
        if (pos == m_pos) {
            throw Decline{};
        }
        if (key == nullptr && (item_start(pos) || key_start(pos))) {
            // `- key: v` or `- - v`: a collection starting on the item's line, at the column
            // of its first key or dash.
            m_indent = static_cast<int>(pos - m_line_start);
            m_pos = pos;
            return item_start(pos) ? sequence(m_indent, false) : map(m_indent);
        }
        Node node = inline_value(pos, indent);
        next_line();
        if (!m_eof && m_indent > indent) {
            throw Decline{};
        }
        return node;
    }

    // The value of a line ending after its key or dash: a block below, or empty.
    Node value_below(int indent, const Mark* key) {
        next_line();
        if (!m_eof && m_indent > indent) {
            if (item_start(m_pos)) {
                return sequence(m_indent, false);
            }
            return map(m_indent);
        }
        if (key == nullptr) {
            // An empty item: its mark is the next token's, as each reader finds it.
            throw Decline{};
        }
        if (!m_eof && m_indent == indent && item_start(m_pos)) {
            return sequence(indent, true);
        }
        // The reference reads an empty value otherwise when the next token is `~` or
        // starts with a null word.
        if (!m_eof) {
            const std::string_view next = m_text.substr(m_pos, 4);
            if (next[0] == '~' || next == "null" || next == "Null" || next == "NULL") {
                throw Decline{};
            }
        }
        return NodeAccess::null_at(*key);
    }

    // A value that starts and ends on the line, at `pos`; checks the rest of the line.
    Node inline_value(std::size_t pos, int indent) {
        const char c = at(pos);
        if (c == '"' || c == '\'') {
            std::string text;
            expect_line_end(quoted(pos, text));
            return Node::make_scalar(std::move(text), mark(pos), true);
        }
        if (c == '|') {
            return literal(pos, indent);
        }
        if (c == '[') {
            return flow_sequence(pos);
        }
        if (c == '{') {
            if (at(pos + 1) != '}') {
                throw Decline{};
            }
            expect_line_end(pos + 2);
            return Node::make_map(mark(pos));
        }
        if (!plain_start(pos)) {
            throw Decline{};
        }
        std::size_t end = pos + 1;
        while (end < m_end && !(m_text[end] == '#' && m_text[end - 1] == ' ')) {
            if (m_text[end] == ':' && (end + 1 == m_end || m_text[end + 1] == ' ')) {
                throw Decline{};
            }
            ++end;
        }
        while (m_text[end - 1] == ' ') {
            --end;
        }
        return plain(m_text.substr(pos, end - pos), mark(pos));
    }

    // A plain scalar: `~` is null, anything else text (null words included: collab
    // reads scalars as text, and the reference recovers them).
    static Node plain(std::string_view text, Mark at) {
        if (text == "~") {
            return NodeAccess::null_at(at);
        }
        return Node::make_scalar(std::string(text), at, false);
    }

    // A quoted scalar at `pos` ending on its line: its text goes to `out`; returns the
    // position after the closing quote.
    std::size_t quoted(std::size_t pos, std::string& out) const {
        const char quote = m_text[pos];
        std::size_t run = pos + 1;
        for (std::size_t i = run; i < m_end; ++i) {
            const char c = m_text[i];
            if (c == quote) {
                out.append(m_text.substr(run, i - run));
                if (quote == '\'' && at(i + 1) == '\'') {
                    out += '\'';
                    run = ++i + 1;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote == '"') {
                out.append(m_text.substr(run, i - run));
                i = escape(i, out);
                run = i + 1;
            }
        }
        throw Decline{};
    }

    // The escape at `pos` (a backslash) appended to `out`; returns its last byte.
    std::size_t escape(std::size_t pos, std::string& out) const {
        switch (at(pos + 1)) {
        case '"':
        case '\\':
        case '/':
            out += m_text[pos + 1];
            return pos + 1;
        case 'n':
            out += '\n';
            return pos + 1;
        case 't':
            out += '\t';
            return pos + 1;
        case 'r':
            out += '\r';
            return pos + 1;
        case 'x':
            return code_point(pos + 2, 2, out);
        case 'u':
            return code_point(pos + 2, 4, out);
        default:
            throw Decline{};
        }
    }

    // `digits` hex digits at `pos` as a code point, UTF-8 encoded; returns the last digit.
    std::size_t code_point(std::size_t pos, std::size_t digits, std::string& out) const {
        unsigned value = 0;
        for (std::size_t i = pos; i < pos + digits; ++i) {
            const char c = at(i);
            const int digit = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0) {
                throw Decline{};
            }
            value = value * 16 + static_cast<unsigned>(digit);
        }
        // NUL and surrogates: each reader has its own idea of them.
        if (value == 0 || (value >= 0xD800 && value <= 0xDFFF)) {
            throw Decline{};
        }
        if (value < 0x80) {
            out += static_cast<char>(value);
        } else if (value < 0x800) {
            out += static_cast<char>(0xC0 | (value >> 6));
            out += static_cast<char>(0x80 | (value & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (value >> 12));
            out += static_cast<char>(0x80 | ((value >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (value & 0x3F));
        }
        return pos + digits - 1;
    }

    // `[a, "b"]` on one line: scalars only.
    Node flow_sequence(std::size_t pos) {
        open();
        Node node = Node::make_sequence(mark(pos));
        auto& items = m_items[static_cast<std::size_t>(m_depth) - 1];
        std::size_t i = skip_spaces(pos + 1);
        if (at(i) != ']') {
            for (;;) {
                i = flow_item(i, items);
                i = skip_spaces(i);
                if (at(i) == ']') {
                    break;
                }
                if (at(i) != ',') {
                    throw Decline{};
                }
                i = skip_spaces(i + 1);
            }
        }
        expect_line_end(i + 1);
        NodeAccess::take_items(node, items);
        items.clear();
        --m_depth;
        return node;
    }

    // One scalar of a flow sequence at `pos`, added to `items`; returns the position after it.
    std::size_t flow_item(std::size_t pos, std::vector<Node>& items) const {
        const char c = at(pos);
        if (c == '"' || c == '\'') {
            std::string text;
            const std::size_t after = quoted(pos, text);
            items.push_back(Node::make_scalar(std::move(text), mark(pos), true));
            return after;
        }
        std::size_t end = pos;
        while (end < m_end && m_text[end] != ',' && m_text[end] != ']') {
            if (std::string_view("[]{}#?:&*!|>'\"%@`").find(m_text[end]) !=
                std::string_view::npos) {
                throw Decline{};
            }
            ++end;
        }
        std::size_t last = end;
        while (last > pos && m_text[last - 1] == ' ') {
            --last;
        }
        if (last == pos || c == '-') {
            throw Decline{};
        }
        items.push_back(plain(m_text.substr(pos, last - pos), mark(pos)));
        return end;
    }

    // A literal block (`|` keeps the last line break, `|-` none) at `pos`, inside a
    // collection at column `indent`. Leaves the position at its last line.
    Node literal(std::size_t pos, int indent) {
        const Mark at_bar = mark(pos);
        const bool strip = at(pos + 1) == '-';
        const std::size_t header_end = pos + (strip ? 2 : 1);
        if (at(header_end) != ' ' && at(header_end) != '\n') {
            throw Decline{};
        }
        expect_line_end(header_end);
        std::string text;
        std::size_t block_indent = 0;
        std::size_t pending_breaks = 0;
        std::size_t start = m_end + 1;
        for (;;) {
            if (start >= m_text.size()) {
                break;
            }
            const std::size_t newline = m_text.find('\n', start);
            std::size_t spaces = 0;
            while (start + spaces < m_text.size() && m_text[start + spaces] == ' ') {
                ++spaces;
            }
            const std::size_t content = start + spaces;
            const bool blank = content >= m_text.size() || m_text[content] == '\n';
            if (blank) {
                // Blank lines with spaces beyond the block's indentation (or any, before
                // the first line sets it) are text to one reader and not to another.
                if (spaces > block_indent || (block_indent == 0 && spaces > 0)) {
                    throw Decline{};
                }
                ++pending_breaks;
            } else {
                if (block_indent == 0) {
                    if (static_cast<int>(spaces) <= indent) {
                        throw Decline{};
                    }
                    block_indent = spaces;
                } else if (spaces < block_indent) {
                    break;
                }
                // The last line must end in a line break too.
                if (newline == std::string_view::npos) {
                    throw Decline{};
                }
                text.append(pending_breaks, '\n');
                pending_breaks = 0;
                text.append(m_text.substr(start + block_indent, newline - start - block_indent));
                text += '\n';
            }
            ++m_line;
            if (newline == std::string_view::npos) {
                start = m_text.size();
                break;
            }
            start = newline + 1;
        }
        if (block_indent == 0) {
            throw Decline{};
        }
        if (strip) {
            text.pop_back();
        }
        // The lines were counted: the caller's next_line() resumes after the block.
        m_end = start - 1;
        return Node::make_scalar(std::move(text), at_bar, true);
    }

    std::string_view m_text;
    int m_max_depth;
    int m_depth = 0;
    // The current line with content: its number, where it starts, where its content
    // (or the collection being read) starts and its column, and where it ends.
    int m_line = 0;
    std::size_t m_line_start = 0;
    std::size_t m_pos = 0;
    int m_indent = 0;
    std::size_t m_end = std::string_view::npos;
    bool m_eof = false;
    // The items or entries of the open collections, by depth, moved into each when it
    // closes: one allocation of the final size per collection.
    std::vector<std::vector<Node>> m_items;
    std::vector<std::vector<std::pair<Node, Node>>> m_entries;
};

} // namespace

std::optional<Node> read_subset(std::string_view text, int max_depth) {
    try {
        SubsetReader reader(text, max_depth);
        return reader.read();
    } catch (const Decline&) {
        return std::nullopt;
    }
}

} // namespace collab::yaml::reader
