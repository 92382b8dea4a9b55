#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace collab::util {

// A path a record names (a calendar file in collab.yaml) made normal: '/'-separated,
// no empty or "." parts, each ".." resolved against the part before it. nullopt when
// it is not a path inside the folder it is relative to: empty, absolute ("/etc",
// "C:\x", "\\server"), holding a NUL or a backslash, or climbing above it with "..".
// Pure text: links are the store's business (store/contained never follows one).
std::optional<std::string> normal_relative_path(std::string_view path);

} // namespace collab::util
