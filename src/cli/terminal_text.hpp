#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace collab::cli {

// The one place text reaches the terminal safely: a stream buffer in front of
// stdout or stderr that passes everything on through util::escape_controls, a line
// at a time. A title or comment holding an escape sequence, a carriage return or
// another control character (read from a record, or from a file name) is shown as
// "\x1b", "\r", ... and never acts on the terminal. Newlines and tabs pass. JSON
// output is unchanged by it: the JSON writer already escapes every control
// character. Session::out() and err() write through one; what collab itself sends
// to the terminal on purpose (colours, the progress line) goes to raw_out()/raw_err().
class EscapingBuffer : public std::streambuf {
public:
    explicit EscapingBuffer(std::ostream& target) : m_target(target) {}
    ~EscapingBuffer() override;
    EscapingBuffer(const EscapingBuffer&) = delete;
    EscapingBuffer& operator=(const EscapingBuffer&) = delete;

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int sync() override;

private:
    // Passes on every complete line, or everything with `all`.
    void pass_on(bool all);

    std::ostream& m_target;
    std::string m_pending;
};

} // namespace collab::cli
