#pragma once

#include <fmt/format.h>
#include <optional>
#include <string_view>

namespace collab::i18n {

namespace detail {
inline std::string to_arg(const std::string& s) {
    return s;
}
inline std::string to_arg(std::string_view s) {
    return std::string(s);
}
inline std::string to_arg(const char* s) {
    return s;
}
template <typename T>
std::string to_arg(const T& value) {
    return fmt::format("{}", value);
}
} // namespace detail

template <typename... Args>
Message msg(std::string id, const Args&... args) {
    return Message{std::move(id), {detail::to_arg(args)...}};
}

} // namespace collab::i18n
