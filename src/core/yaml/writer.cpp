// The writer produces the YAML a person would write by hand, and only YAML that
// `parse` reads back to the same tree: anything doubtful is double-quoted.
#include <array>
#include <cctype>
#include <collab/yaml/writer.hpp>

namespace collab::yaml {

namespace {

// Lists written in flow style (`[a, b]`) must fit this many columns, like a line
// a person would not wrap.
constexpr std::size_t k_flow_width = 80;

// Characters that give a scalar another meaning when they start it.
constexpr std::string_view k_leading_indicators = "-?:,[]{}#&*!|>'\"%@`";
// Inside `[...]` these end a plain scalar (yaml-cpp stops at '?' too).
constexpr std::string_view k_flow_indicators = ",[]{}?:";

// Words that YAML 1.1 or 1.2 reads as booleans, nulls or special numbers, or
// that have a meaning of their own (`<<` merges, `=` is a value key).
constexpr std::array<std::string_view, 16> k_special_words = {
    "true", "false", "yes", "no", "on",   "off",   "y",     "n",
    "null", "~",     "<<",  "=",  ".inf", "-.inf", "+.inf", ".nan"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// Unicode characters YAML treats as line breaks or a byte order mark; written
// raw they would not come back as the same text.
std::string_view special_unicode_escape(std::string_view text, std::size_t i, std::size_t& length) {
    const auto rest = text.substr(i);
    if (rest.substr(0, 2) == "\xC2\x85") {
        length = 2;
        return "\\u0085";
    }
    if (rest.substr(0, 3) == "\xE2\x80\xA8") {
        length = 3;
        return "\\u2028";
    }
    if (rest.substr(0, 3) == "\xE2\x80\xA9") {
        length = 3;
        return "\\u2029";
    }
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") {
        length = 3;
        return "\\uFEFF";
    }
    length = 0;
    return {};
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
}

bool has_special_unicode(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t length = 0;
        if (!special_unicode_escape(text, i, length).empty()) {
            return true;
        }
    }
    return false;
}

// YYYY-MM-DD: numeric-looking, but collab reads every scalar as text and a date
// reads better unquoted.
bool is_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && !is_digit(text[i])) {
            return false;
        }
    }
    return true;
}

// Anything a YAML reader might take for a number in some schema: 12, -1.5, 1e3,
// 0x1F, 0o17, 1_000, 12:30 (base 60 in YAML 1.1). Over-quoting costs nothing.
bool looks_numeric(std::string_view text) {
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        text.remove_prefix(1);
    }
    if (text.empty()) {
        return false;
    }
    const bool starts_number =
        is_digit(text.front()) || (text.front() == '.' && text.size() > 1 && is_digit(text[1]));
    if (!starts_number) {
        return false;
    }
    return text.find_first_not_of("0123456789abcdefABCDEFxXoO_.:+-") == std::string_view::npos;
}

// A plain decimal count (0, 25, 123): collab reads every scalar as text, so counts
// such as `seq: 3` stay readable without changing what is read back. Leading zeros
// stay quoted, since YAML 1.1 readers take them for octal.
bool is_count(std::string_view text) {
    return text == "0" || (!text.empty() && text.front() >= '1' && text.front() <= '9' &&
                           text.find_first_not_of("0123456789") == std::string_view::npos);
}

bool plain_is_safe(std::string_view text, bool flow) {
    if (text.empty()) {
        return false;
    }
    const char first = text.front();
    const char last = text.back();
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
        return false;
    }
    if (k_leading_indicators.find(first) != std::string_view::npos || text.substr(0, 3) == "...") {
        return false;
    }
    for (const char c : text) {
        if (is_control(c)) {
            return false;
        }
    }
    if (has_special_unicode(text)) {
        return false;
    }
    if (last == ':' || text.find(": ") != std::string_view::npos ||
        text.find(" #") != std::string_view::npos) {
        return false;
    }
    if (flow && text.find_first_of(k_flow_indicators) != std::string_view::npos) {
        return false;
    }
    const std::string lower = ascii_lower(text);
    for (const auto word : k_special_words) {
        if (lower == word) {
            return false;
        }
    }
    return !looks_numeric(text) || is_date(text) || is_count(text);
}

std::string double_quoted(std::string_view text) {
    static constexpr std::string_view k_hex = "0123456789ABCDEF";
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        std::size_t length = 0;
        const auto special = special_unicode_escape(text, i, length);
        if (!special.empty()) {
            out += special;
            i += length - 1;
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (is_control(c)) {
            const auto byte = static_cast<unsigned char>(c);
            out += "\\x";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0F];
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

std::string quote_in_flow(std::string_view text) {
    return plain_is_safe(text, true) ? std::string(text) : double_quoted(text);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            return lines;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

// A literal block keeps text verbatim, but not every text: the first line sets the
// indentation, so it cannot start with a space; trailing blanks are invisible
// and editors strip them; tabs at a line start confuse yaml-cpp; control
// characters cannot be written raw. Those texts are double-quoted instead.
bool literal_is_safe(std::string_view text) {
    if (text.find('\n') == std::string_view::npos || has_special_unicode(text)) {
        return false;
    }
    for (const char c : text) {
        if (c != '\n' && c != '\t' && is_control(c)) {
            return false;
        }
    }
    const auto body = text.substr(0, text.find_last_not_of('\n') + 1);
    if (body.empty() || body.find_first_not_of('\n') == std::string_view::npos) {
        return false;
    }
    bool first_content = true;
    for (const auto line : split_lines(body)) {
        if (line.empty()) {
            continue;
        }
        if (line.front() == '\t' || line.back() == ' ' || line.back() == '\t') {
            return false;
        }
        if (first_content && line.front() == ' ') {
            return false;
        }
        first_content = false;
    }
    return true;
}

// `|` plus its chomping indicator and the indented lines, each ending in '\n'.
void write_literal(std::string& out, std::string_view text, const std::string& indent) {
    const auto body_end = text.find_last_not_of('\n') + 1;
    const auto trailing = text.size() - body_end;
    out += trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
    for (const auto line : split_lines(text.substr(0, body_end))) {
        if (!line.empty()) {
            out += indent;
            out += line;
        }
        out += '\n';
    }
    // The first trailing newline ended the last line; keep (`|+`) needs the rest.
    for (std::size_t i = 1; i < trailing; ++i) {
        out += '\n';
    }
}

bool is_multiline_literal(const Node& node) {
    return node.is_scalar() && literal_is_safe(node.scalar());
}

// The `[a, b]` form of a list, or empty when the list should be a block.
std::string flow_form(const Node& node, std::size_t prefix_width) {
    if (!node.is_sequence() || node.items().empty()) {
        return {};
    }
    std::string out = "[";
    for (const auto& item : node.items()) {
        if (!item.is_scalar() || item.scalar().find('\n') != std::string::npos) {
            return {};
        }
        if (out.size() > 1) {
            out += ", ";
        }
        out += quote_in_flow(item.scalar());
        if (prefix_width + out.size() + 1 > k_flow_width) {
            return {};
        }
    }
    out += ']';
    return out;
}

void write_block(std::string& out, const Node& node, const std::string& indent);

// Writes what follows `key:` or `-` on a line: a value on the same line, a
// literal block, or a nested block on the following lines. `prefix_width` is the
// width of the line so far, for the flow-style limit.
void write_after_indicator(std::string& out, const Node& node, const std::string& indent,
                           std::size_t prefix_width) {
    switch (node.kind()) {
    case Node::Kind::null:
        // `key:` with nothing after it reads back as null, and reads best.
        out += '\n';
        return;
    case Node::Kind::scalar:
        if (is_multiline_literal(node)) {
            out += ' ';
            write_literal(out, node.scalar(), indent + "  ");
        } else {
            out += ' ';
            out += quote_scalar(node.scalar());
            out += '\n';
        }
        return;
    case Node::Kind::sequence:
        if (node.items().empty()) {
            out += " []\n";
        } else if (auto flow = flow_form(node, prefix_width + 1); !flow.empty()) {
            out += ' ';
            out += flow;
            out += '\n';
        } else {
            out += '\n';
            write_block(out, node, indent + "  ");
        }
        return;
    case Node::Kind::map:
        if (node.entries().empty()) {
            out += " {}\n";
        } else {
            out += '\n';
            write_block(out, node, indent + "  ");
        }
        return;
    }
}

// True when a sequence item is written as a nested block starting on the `- `
// line (`- key: v` or `- - a`), rather than after the dash.
bool is_compact_block(const Node& item, std::size_t prefix_width) {
    if (item.is_map()) {
        return !item.entries().empty();
    }
    if (item.is_sequence()) {
        return !item.items().empty() && flow_form(item, prefix_width + 1).empty();
    }
    return false;
}

// Writes a non-empty map or sequence as block lines at `indent`.
void write_block(std::string& out, const Node& node, const std::string& indent) {
    if (node.is_map()) {
        for (const auto& [key, value] : node.entries()) {
            const std::string key_text = quote_scalar(key.scalar());
            out += indent;
            out += key_text;
            out += ':';
            write_after_indicator(out, value, indent, indent.size() + key_text.size() + 1);
        }
        return;
    }
    for (const auto& item : node.items()) {
        if (is_compact_block(item, indent.size() + 1)) {
            // The nested block is written one level deeper, then its first
            // indentation is replaced by the dash: `- key: v` / `  key2: v2`.
            const std::string inner_indent = indent + "  ";
            std::string inner;
            write_block(inner, item, inner_indent);
            out += indent;
            out += "- ";
            out += std::string_view(inner).substr(inner_indent.size());
        } else {
            out += indent;
            out += '-';
            write_after_indicator(out, item, indent, indent.size() + 1);
        }
    }
}

} // namespace

std::string quote_scalar(std::string_view text) {
    return plain_is_safe(text, false) ? std::string(text) : double_quoted(text);
}

std::string emit(const Node& node) {
    std::string out;
    switch (node.kind()) {
    case Node::Kind::null:
        out = "~\n";
        break;
    case Node::Kind::scalar:
        if (is_multiline_literal(node)) {
            write_literal(out, node.scalar(), "  ");
        } else {
            out = quote_scalar(node.scalar()) + "\n";
        }
        break;
    case Node::Kind::sequence:
        if (node.items().empty()) {
            out = "[]\n";
        } else if (auto flow = flow_form(node, 0); !flow.empty()) {
            out = flow + "\n";
        } else {
            write_block(out, node, "");
        }
        break;
    case Node::Kind::map:
        if (node.entries().empty()) {
            out = "{}\n";
        } else {
            write_block(out, node, "");
        }
        break;
    }
    return out;
}

} // namespace collab::yaml
