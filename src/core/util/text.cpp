#include <collab/util/text.hpp>
#include <fmt/format.h>

namespace collab::util {

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

void append_canonical(std::string& out, std::string_view key, std::string_view value) {
    out += fmt::format("{}={}:{}\n", key, value.size(), value);
}

} // namespace collab::util
