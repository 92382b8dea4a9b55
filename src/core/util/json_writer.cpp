#include <cmath>
#include <collab/util/json_writer.hpp>
#include <cstdint>
#include <fmt/format.h>
#include <stdexcept>

namespace collab::util {

namespace {

constexpr std::string_view k_indent = "  ";

void append_indent(std::string& out, std::size_t depth) {
    for (std::size_t i = 0; i < depth; ++i) {
        out += k_indent;
    }
}

// A document ends with a newline once its top-level value is complete, so that
// output written to a file or terminal is a proper text line.
void end_line_if_top(std::string& out, const std::vector<bool>& open_containers) {
    if (open_containers.empty()) {
        out += '\n';
    }
}

} // namespace

void JsonWriter::before_value() {
    if (m_after_key) {
        // The key already wrote the separator and indentation; the value follows it.
        m_after_key = false;
        return;
    }
    if (m_first.empty()) {
        return; // the top-level value
    }
    if (m_is_object.back()) {
        // Misuse would silently produce invalid JSON; fail loudly in development.
        throw std::logic_error("JsonWriter: a value inside an object needs a key first");
    }
    if (!m_first.back()) {
        m_out += ',';
    }
    m_first.back() = false;
    m_out += '\n';
    append_indent(m_out, m_first.size());
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_first.push_back(true);
    m_is_object.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_first.push_back(true);
    m_is_object.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    if (m_is_object.empty() || !m_is_object.back() || m_after_key) {
        throw std::logic_error("JsonWriter: end_object without a matching open object");
    }
    const bool empty = m_first.back();
    m_first.pop_back();
    m_is_object.pop_back();
    if (!empty) {
        m_out += '\n';
        append_indent(m_out, m_first.size());
    }
    m_out += '}';
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    if (m_is_object.empty() || m_is_object.back()) {
        throw std::logic_error("JsonWriter: end_array without a matching open array");
    }
    const bool empty = m_first.back();
    m_first.pop_back();
    m_is_object.pop_back();
    if (!empty) {
        m_out += '\n';
        append_indent(m_out, m_first.size());
    }
    m_out += ']';
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    if (m_is_object.empty() || !m_is_object.back() || m_after_key) {
        throw std::logic_error("JsonWriter: key outside an object or after another key");
    }
    if (!m_first.back()) {
        m_out += ',';
    }
    m_first.back() = false;
    m_out += '\n';
    append_indent(m_out, m_first.size());
    m_out += json_quote(name);
    m_out += ": ";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    m_out += json_quote(text);
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::value(long long number) {
    before_value();
    m_out += fmt::format("{}", number);
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    // JSON has no NaN or infinity; null is what JSON.stringify writes for them.
    if (std::isfinite(number)) {
        // "{}" gives the shortest text that reads back to the same double.
        m_out += fmt::format("{}", number);
    } else {
        m_out += "null";
    }
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
    end_line_if_top(m_out, m_first);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    end_line_if_top(m_out, m_first);
    return *this;
}

std::string JsonWriter::str() const& {
    return m_out;
}

std::string JsonWriter::str() && {
    return std::move(m_out);
}

std::string json_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    std::size_t run = 0; // start of the characters that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<std::uint8_t>(text[i]);
        // Everything but quotes, backslashes and control characters, UTF-8 included,
        // is valid inside a JSON string as is, and is copied in runs. DEL is escaped
        // too, so that the output passes a terminal's escaping (cli/terminal_text)
        // unchanged.
        if (c >= 0x20 && c != 0x7F && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.substr(run, i - run));
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        }
    }
    out.append(text.substr(run));
    out += '"';
    return out;
}

} // namespace collab::util
