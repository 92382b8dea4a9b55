// parse(): yaml-cpp's event parser feeding a small tree builder. The event API is
// used instead of YAML::Load because it reports anchors, tags, quoting and
// positions as they occur, and lets the builder stop early on hostile input.
#include <algorithm>
#include <array>
#include <collab/util/utf8.hpp>
#include <collab/yaml/node.hpp>
#include <exception>
#include <map>
#include <sstream>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace collab::yaml {

// The only code that reaches into Node's private state: the builder needs marks
// on keys and null values, which the public makers do not take.
struct NodeAccess {
    static Node null_at(Mark mark) {
        Node node;
        node.m_mark = mark;
        return node;
    }
    static void add_entry(Node& map, Node key, Node value) {
        map.m_entries.emplace_back(std::move(key), std::move(value));
    }
};

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_core_tag_prefix = "tag:yaml.org,2002:";

// Thrown by the builder to abandon the parse after a refusal (too deep, a second
// document): what follows would only add noise or cost.
struct Stop {};

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Turns yaml-cpp marks (0-based, byte columns, offsets that skip a BOM) into the
// 1-based line and character column an editor shows.
class Positions {
public:
    explicit Positions(std::string_view text)
        : m_text(text), m_offset(text.substr(0, k_bom.size()) == k_bom ? k_bom.size() : 0) {}

    // Byte offset in the text of a yaml-cpp mark, clamped to the text.
    std::size_t byte_of(const YAML::Mark& mark) const {
        if (mark.pos < 0) {
            return m_text.size();
        }
        return std::min(m_offset + static_cast<std::size_t>(mark.pos), m_text.size());
    }

    Mark at(const YAML::Mark& mark) {
        if (mark.line < 0 || mark.pos < 0) {
            return {};
        }
        const std::size_t byte = byte_of(mark);
        // Events arrive in file order, so counting on from the previous answer
        // keeps a long flow line linear instead of quadratic.
        if (byte < m_byte) {
            m_byte = line_start(byte);
            m_column = 1;
        }
        for (; m_byte < byte; ++m_byte) {
            if (m_text[m_byte] == '\n') {
                m_column = 1;
            } else if (!is_continuation_byte(m_text[m_byte])) {
                ++m_column;
            }
        }
        return {mark.line + 1, m_column};
    }

    // Start of the line holding `byte`.
    std::size_t line_start(std::size_t byte) const {
        const auto newline = byte == 0 ? std::string_view::npos : m_text.rfind('\n', byte - 1);
        return newline == std::string_view::npos ? 0 : newline + 1;
    }

private:
    std::string_view m_text;
    std::size_t m_offset;
    std::size_t m_byte = 0;
    int m_column = 1;
};

// Where the node being built goes in its parent.
enum class Slot { root, key, value, item };

// Builds Nodes from yaml-cpp events and refuses what collab files may not hold.
class Builder : public YAML::EventHandler {
public:
    Builder(std::string_view text, const std::string& path, Diagnostics& out, int max_depth)
        : m_text(text), m_positions(text), m_path(path), m_out(out), m_max_depth(max_depth) {}

    Node take_root() { return std::move(m_root); }
    Positions& positions() { return m_positions; }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_documents > 1) {
            // An explicit '---' starts a second document; anything else is content that
            // the indentation left outside the first one.
            const auto start = m_positions.line_start(m_positions.byte_of(mark));
            const bool explicit_start = m_text.substr(start, 3) == "---";
            error(m_positions.at(mark),
                  i18n::msg(explicit_start ? "yaml.second_document" : "yaml.multiple_documents"));
            throw Stop{};
        }
    }

    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        const Slot where = slot();
        if (auto text = plain_null_text(mark, where)) {
            add(Node::make_scalar(std::move(*text), m_positions.at(mark), false));
            return;
        }
        // An empty value's mark is that of the next token, often on the next line;
        // the key it belongs to is the better place to point at.
        const std::size_t byte = m_positions.byte_of(mark);
        const bool tilde = byte < m_text.size() && m_text[byte] == '~';
        if (where == Slot::value && !tilde) {
            add(NodeAccess::null_at(m_stack.back().key.mark()));
        } else {
            add(NodeAccess::null_at(m_positions.at(mark)));
        }
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
        const Mark at = m_positions.at(mark);
        error(at, i18n::msg("yaml.anchor"));
        add(NodeAccess::null_at(at));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        if (!quote_closed(m_positions.byte_of(mark))) {
            error(m_positions.at(mark), i18n::msg("yaml.syntax.unclosed_quote"));
        }
        // yaml-cpp gives "?" to plain scalars and "!" to quoted and block ones.
        add(Node::make_scalar(value, m_positions.at(mark), tag != "?"));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        open(mark, tag, anchor, Node::make_sequence(m_positions.at(mark)));
    }

    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(mark, tag, anchor, Node::make_map(m_positions.at(mark)));
    }

    void OnMapEnd() override { close(); }

    void OnAnchor(const YAML::Mark& mark, const std::string& /*anchor_name*/) override {
        error(m_positions.at(mark), i18n::msg("yaml.anchor"));
        m_anchor_reported = mark.pos;
    }

private:
    struct Frame {
        Node node;
        // Maps: the key read and waiting for its value, and whether it was accepted.
        bool has_key = false;
        bool key_ok = false;
        Node key;
        // Maps: the line where each key was first seen, for duplicate reports.
        std::map<std::string, int, std::less<>> first_lines;
    };

    void error(Mark at, i18n::Message message) {
        m_out.error(SourceLocation{m_path, at.line, at.column}, std::move(message));
    }

    Slot slot() const {
        if (m_stack.empty()) {
            return Slot::root;
        }
        const Frame& top = m_stack.back();
        if (top.node.is_sequence()) {
            return Slot::item;
        }
        return top.has_key ? Slot::value : Slot::key;
    }

    // yaml-cpp reports a plain `null`, `Null` or `NULL` exactly like `~` or an
    // empty value. Collab reads scalars as text, and a title may well be "null",
    // so the word is recovered from the source. An empty value's mark points at
    // the next token instead, which may itself be a key spelled `null:`; a key
    // is only possible where a key is expected, so elsewhere that is read as empty.
    std::optional<std::string> plain_null_text(const YAML::Mark& mark, Slot where) const {
        const std::size_t byte = m_positions.byte_of(mark);
        constexpr std::array<std::string_view, 3> k_words = {"null", "Null", "NULL"};
        for (const auto word : k_words) {
            if (m_text.substr(byte, word.size()) != word) {
                continue;
            }
            std::size_t after = byte + word.size();
            if (after < m_text.size() &&
                std::string_view(" \t\r\n,]}:#").find(m_text[after]) == std::string_view::npos) {
                return std::nullopt;
            }
            while (after < m_text.size() && (m_text[after] == ' ' || m_text[after] == '\t')) {
                ++after;
            }
            const bool looks_like_key = after < m_text.size() && m_text[after] == ':';
            if (looks_like_key && where != Slot::key) {
                return std::nullopt;
            }
            return std::string(word);
        }
        return std::nullopt;
    }

    // yaml-cpp accepts a quote left open at the end of the text when a line break
    // precedes it, swallowing the rest of the file into one value. Checks that a
    // quoted scalar starting at `byte` has its closing quote.
    bool quote_closed(std::size_t byte) const {
        if (byte >= m_text.size() || (m_text[byte] != '"' && m_text[byte] != '\'')) {
            return true;
        }
        const char quote = m_text[byte];
        for (std::size_t i = byte + 1; i < m_text.size(); ++i) {
            if (quote == '"' && m_text[i] == '\\') {
                ++i;
            } else if (m_text[i] == quote) {
                if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
                    ++i;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        // OnAnchor has already reported the anchor of a node at the same place.
        if (anchor != YAML::NullAnchor && mark.pos != m_anchor_reported) {
            error(m_positions.at(mark), i18n::msg("yaml.anchor"));
            m_anchor_reported = mark.pos;
        }
    }

    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag == "?" || tag == "!") {
            return;
        }
        // Show the tag the way it was probably written: !!str, not the long form.
        std::string shown = tag;
        if (std::string_view(tag).substr(0, k_core_tag_prefix.size()) == k_core_tag_prefix) {
            shown = "!!" + tag.substr(k_core_tag_prefix.size());
        }
        error(m_positions.at(mark), i18n::msg("yaml.tag", shown));
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Node node) {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        if (static_cast<long long>(m_stack.size()) >= m_max_depth) {
            error(m_positions.at(mark), i18n::msg("yaml.too_deep", m_max_depth));
            throw Stop{};
        }
        m_stack.push_back(Frame{std::move(node), false, false, Node{}, {}});
    }

    void close() {
        Node done = std::move(m_stack.back().node);
        m_stack.pop_back();
        add(std::move(done));
    }

    void add(Node node) {
        if (m_stack.empty()) {
            m_root = std::move(node);
            return;
        }
        Frame& top = m_stack.back();
        if (top.node.is_sequence()) {
            top.node.push_back(std::move(node));
            return;
        }
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
        const auto first = top.first_lines.find(top.key.scalar());
        if (first != top.first_lines.end()) {
            error(top.key.mark(), i18n::msg("yaml.duplicate_key", top.key.scalar(), first->second));
            return;
        }
        top.first_lines.emplace(top.key.scalar(), top.key.mark().line);
        NodeAccess::add_entry(top.node, std::move(top.key), std::move(node));
    }

    std::string_view m_text;
    Positions m_positions;
    const std::string& m_path;
    Diagnostics& m_out;
    int m_max_depth;
    std::vector<Frame> m_stack;
    Node m_root;
    int m_documents = 0;
    int m_anchor_reported = -1;
};

// yaml-cpp's messages, in the user's terms where a better hint is known.
i18n::Message syntax_message(const std::string& what) {
    namespace msg = YAML::ErrorMsg;
    if (what == msg::TAB_IN_INDENTATION) {
        return i18n::msg("yaml.syntax.tab");
    }
    if (what == msg::END_OF_SEQ_FLOW) {
        return i18n::msg("yaml.syntax.unclosed_list");
    }
    if (what == msg::END_OF_MAP_FLOW) {
        return i18n::msg("yaml.syntax.unclosed_map");
    }
    if (what == msg::EOF_IN_SCALAR) {
        return i18n::msg("yaml.syntax.unclosed_quote");
    }
    if (what == msg::MAP_VALUE) {
        return i18n::msg("yaml.syntax.map_value");
    }
    if (what == msg::END_OF_MAP || what == msg::END_OF_SEQ || what == msg::BLOCK_ENTRY ||
        what == msg::MAP_KEY) {
        return i18n::msg("yaml.syntax.indentation");
    }
    if (what == msg::UNKNOWN_TOKEN) {
        return i18n::msg("yaml.syntax.reserved");
    }
    if (what == msg::UNKNOWN_ANCHOR || what == msg::ALIAS_NOT_FOUND ||
        what == msg::ANCHOR_NOT_FOUND) {
        return i18n::msg("yaml.anchor");
    }
    if (std::string_view(what).starts_with(msg::INVALID_ESCAPE)) {
        return i18n::msg("yaml.syntax.escape",
                         what.substr(std::string_view(msg::INVALID_ESCAPE).size()));
    }
    return i18n::msg("yaml.syntax", what);
}

} // namespace

namespace {

// The line of an unresolved git conflict ("<<<<<<< ", "=======", ">>>>>>> "), if any.
std::optional<int> first_conflict_marker(std::string_view text) {
    int line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto content = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (content.rfind("<<<<<<< ", 0) == 0 || content == "<<<<<<<" ||
            content.rfind(">>>>>>> ", 0) == 0 || content == "=======") {
            return line;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
        ++line;
    }
    return std::nullopt;
}

} // namespace

std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& out,
                          const Limits& limits) {
    if (text.size() > limits.max_bytes) {
        out.error(SourceLocation{path, 1, 1},
                  i18n::msg("yaml.too_large", text.size(), limits.max_bytes));
        return std::nullopt;
    }
    // Records are text, and JSON output must stay valid: malformed UTF-8 and NUL
    // bytes are refused before anything else looks at the bytes.
    if (auto bad = util::first_text_problem(text)) {
        out.error(
            SourceLocation{path, bad->line, bad->column},
            i18n::msg(bad->fault == util::TextFault::nul ? "yaml.nul_byte" : "yaml.bad_utf8"));
        return std::nullopt;
    }
    if (auto marker = first_conflict_marker(text)) {
        out.error(SourceLocation{path, *marker, 1}, i18n::msg("yaml.conflict_marker"));
        return std::nullopt;
    }
    Diagnostics found;
    Builder builder(text, path, found, limits.max_depth);
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const Stop&) {
    } catch (const YAML::DeepRecursion& e) {
        const Mark at = builder.positions().at(e.mark);
        found.error(SourceLocation{path, at.line, at.column}, i18n::msg("yaml.too_deep_reader"));
    } catch (const YAML::ParserException& e) {
        Mark at = builder.positions().at(e.mark);
        auto message = syntax_message(e.msg);
        // yaml-cpp rarely blames the tab itself ("illegal map value" is typical),
        // yet a tab in the indentation of the failing line is nearly always why.
        if (e.mark.pos >= 0) {
            const std::size_t byte = builder.positions().byte_of(e.mark);
            std::size_t i = builder.positions().line_start(byte);
            while (i < text.size() && text[i] == ' ') {
                ++i;
            }
            if (i < text.size() && text[i] == '\t') {
                message = i18n::msg("yaml.syntax.tab");
                at.column = static_cast<int>(i - builder.positions().line_start(byte)) + 1;
            }
        }
        found.error(SourceLocation{path, at.line, at.column}, std::move(message));
    } catch (const std::exception& e) {
        found.error(SourceLocation{path, 0, 0}, i18n::msg("yaml.read_failed", e.what()));
    } catch (...) {
        found.error(SourceLocation{path, 0, 0}, i18n::msg("yaml.read_failed_unknown"));
    }
    out.append(found);
    if (found.has_errors()) {
        return std::nullopt;
    }
    return builder.take_root();
}

} // namespace collab::yaml
