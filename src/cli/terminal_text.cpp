#include "cli/terminal_text.hpp"

#include <collab/util/utf8.hpp>

namespace collab::cli {

EscapingBuffer::~EscapingBuffer() {
    pass_on(true);
    m_target.flush();
}

EscapingBuffer::int_type EscapingBuffer::overflow(int_type ch) {
    if (traits_type::eq_int_type(ch, traits_type::eof())) {
        return traits_type::not_eof(ch);
    }
    m_pending += traits_type::to_char_type(ch);
    if (traits_type::to_char_type(ch) == '\n') {
        pass_on(false);
    }
    return ch;
}

std::streamsize EscapingBuffer::xsputn(const char* text, std::streamsize count) {
    m_pending.append(text, static_cast<std::size_t>(count));
    pass_on(false);
    return count;
}

int EscapingBuffer::sync() {
    pass_on(true);
    m_target.flush();
    return m_target ? 0 : -1;
}

void EscapingBuffer::pass_on(bool all) {
    // Whole lines only (a newline never splits a UTF-8 sequence), unless flushed.
    const auto end = all ? m_pending.size() : m_pending.rfind('\n') + 1;
    if (end == 0 || m_pending.empty()) {
        return;
    }
    m_target << util::escape_controls(std::string_view(m_pending).substr(0, end));
    m_pending.erase(0, end);
}

} // namespace collab::cli
