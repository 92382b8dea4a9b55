#pragma once

#include <collab/yaml/node.hpp>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace collab::store {

// A log continues in a new segment file once it has grown past this size, well
// below the 1 MiB a record file may have: log/<person>.yaml, then
// log/<person>+2.yaml, log/<person>+3.yaml, ..., read in that order as one log.
inline constexpr std::size_t k_log_segment_bytes = 256 * 1024;
// The most a free-text field (a note, comment, minutes, a form field, ...) may hold,
// in bytes: a few of them can never push a log past the read limit.
inline constexpr std::size_t k_max_text_bytes = 16 * 1024;

// A log file's owner and segment number (1 for log/<person>.yaml), from its name
// relative to the request folder ("log/zhang+2.yaml"); nullopt when the name is not
// a log name: a roster id, then "+N" with N from 2 (no leading zero), then ".yaml".
struct LogName {
    std::string owner;
    int segment = 1;
};
std::optional<LogName> parse_log_name(std::string_view name);
// The name of a log segment, relative to the request folder.
std::string log_segment_name(const std::string& owner, int segment);

// Text a command is about to record that is over k_max_text_bytes: a free-text
// field would make logs grow past what can be read. Nothing is written.
class TextTooLarge : public std::runtime_error {
public:
    TextTooLarge(std::string field, std::size_t size);
    const std::string& field() const { return m_field; }
    std::size_t size() const { return m_size; }

private:
    std::string m_field;
    std::size_t m_size;
};
// Throws TextTooLarge for the first scalar of `node` (a form, a task table, an
// entry's fields) over k_max_text_bytes, naming its key path ("note", "tasks.2.name").
void check_text_sizes(const yaml::Node& node);

} // namespace collab::store
