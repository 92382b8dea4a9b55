#pragma once

#include <string>

namespace collab::cli {

// Whether standard output was a terminal when collab started, before a pager took it
// over: what `--color auto` and the pager decide on. main() calls it first.
bool stdout_is_terminal();

// NO_COLOR counts only when it is set and not empty (no-color.org).
bool no_color_requested();

// The global --color option: "always", "never", or "auto" (colour when standard
// output is a terminal and NO_COLOR is unset or empty).
bool colour_wanted(const std::string& mode);

} // namespace collab::cli
