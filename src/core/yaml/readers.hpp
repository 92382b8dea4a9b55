#pragma once
// The YAML reader behind parse(), yaml-cpp's. It expects a text that passed parse()'s
// checks of size, UTF-8 and conflict markers.
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace collab::yaml {

namespace reader {

// Refuses, before any YAML reader sees it, a text that is too large, not UTF-8, holds
// a NUL byte or a git conflict.
bool readable_text(std::string_view text, const std::string& path, Diagnostics& out,
                   const Limits& limits);

// Reads with yaml-cpp's event parser; refusals and syntax errors go to `out`.
std::optional<Node> read_reference(std::string_view text, const std::string& path, Diagnostics& out,
                                   int max_depth);

} // namespace reader
} // namespace collab::yaml
