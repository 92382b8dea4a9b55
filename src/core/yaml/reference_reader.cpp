// The reference reader: yaml-cpp's event parser feeding the shared TreeBuilder. It was
// the only reader until libyaml's took over for speed; it stays to give the syntax
// messages (mapped from yaml-cpp's) and as the behaviour the libyaml reader is tested
// against. The event API is used instead of YAML::Load because it reports anchors,
// tags, quoting and positions as they occur, and lets the builder stop early.
#include "yaml/readers.hpp"
#include "yaml/tree_builder.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <sstream>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace collab::yaml::reader {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Turns yaml-cpp marks (0-based, byte columns, offsets that skip a BOM) into the
// 1-based line and character column an editor shows.
class Positions {
public:
    explicit Positions(std::string_view text)
        : m_text(text),
          m_offset(text.substr(0, k_utf8_bom.size()) == k_utf8_bom ? k_utf8_bom.size() : 0) {}

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
            } else if (!is_utf8_continuation(m_text[m_byte])) {
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

// Feeds yaml-cpp's events to the TreeBuilder, making up for what yaml-cpp reports
// differently from what collab wants (null words, empty values' marks, open quotes).
class ReferenceHandler : public YAML::EventHandler {
public:
    ReferenceHandler(std::string_view text, TreeBuilder& builder)
        : m_text(text), m_positions(text), m_builder(builder) {}

    Positions& positions() { return m_positions; }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_documents > 1) {
            // An explicit '---' starts a second document; anything else is content that
            // the indentation left outside the first one.
            const auto start = m_positions.line_start(m_positions.byte_of(mark));
            m_builder.second_document(m_positions.at(mark), m_text.substr(start, 3) == "---");
        }
    }

    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        const Slot where = m_builder.slot();
        if (auto text = plain_null_text(mark, where)) {
            m_builder.add(Node::make_scalar(std::move(*text), m_positions.at(mark), false));
            return;
        }
        // An empty value's mark is that of the next token, often on the next line;
        // the key it belongs to is the better place to point at.
        const std::size_t byte = m_positions.byte_of(mark);
        const bool tilde = byte < m_text.size() && m_text[byte] == '~';
        if (where == Slot::value && !tilde) {
            m_builder.add(NodeAccess::null_at(m_builder.key_mark()));
        } else {
            m_builder.add(NodeAccess::null_at(m_positions.at(mark)));
        }
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
        const Mark at = m_positions.at(mark);
        m_builder.anchor(at);
        m_builder.add(NodeAccess::null_at(at));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        if (!quote_closed(m_positions.byte_of(mark))) {
            m_builder.error(m_positions.at(mark), i18n::msg("yaml.syntax.unclosed_quote"));
        }
        // yaml-cpp gives "?" to plain scalars and "!" to quoted and block ones.
        m_builder.add(Node::make_scalar(value, m_positions.at(mark), tag != "?"));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        open(mark, tag, anchor, Node::make_sequence(m_positions.at(mark)));
    }

    void OnSequenceEnd() override { m_builder.close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(mark, tag, anchor, Node::make_map(m_positions.at(mark)));
    }

    void OnMapEnd() override { m_builder.close(); }

    void OnAnchor(const YAML::Mark& mark, const std::string& /*anchor_name*/) override {
        m_builder.anchor(m_positions.at(mark));
        m_anchor_reported = mark.pos;
    }

private:
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
            m_builder.anchor(m_positions.at(mark));
            m_anchor_reported = mark.pos;
        }
    }

    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag != "?" && tag != "!") {
            m_builder.tag(m_positions.at(mark), tag);
        }
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Node node) {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        m_builder.open(std::move(node));
    }

    std::string_view m_text;
    Positions m_positions;
    TreeBuilder& m_builder;
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

// A syntax error as a diagnostic at the place yaml-cpp blames.
void report_syntax_error(std::string_view text, const std::string& path,
                         const YAML::ParserException& e, Positions& positions, Diagnostics& out) {
    Mark at = positions.at(e.mark);
    auto message = syntax_message(e.msg);
    // yaml-cpp rarely blames the tab itself ("illegal map value" is typical),
    // yet a tab in the indentation of the failing line is nearly always why.
    if (e.mark.pos >= 0) {
        const std::size_t byte = positions.byte_of(e.mark);
        std::size_t i = positions.line_start(byte);
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        if (i < text.size() && text[i] == '\t') {
            message = i18n::msg("yaml.syntax.tab");
            at.column = static_cast<int>(i - positions.line_start(byte)) + 1;
        }
    }
    out.error(SourceLocation{path, at.line, at.column}, std::move(message));
}

} // namespace

std::optional<Node> read_reference(std::string_view text, const std::string& path, Diagnostics& out,
                                   int max_depth) {
    Diagnostics found;
    TreeBuilder builder(path, found, max_depth);
    ReferenceHandler handler(text, builder);
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(handler)) {
        }
    } catch (const Stop&) {
    } catch (const YAML::DeepRecursion& e) {
        const Mark at = handler.positions().at(e.mark);
        found.error(SourceLocation{path, at.line, at.column}, i18n::msg("yaml.too_deep_reader"));
    } catch (const YAML::ParserException& e) {
        report_syntax_error(text, path, e, handler.positions(), found);
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

} // namespace collab::yaml::reader
