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

// The pager for long output, as git runs one: COLLAB_PAGER, else PAGER, else less
// (with LESS=FRX and LV=-c unless they are set), run through `sh -c` so that it may
// carry arguments; none when that is empty or "cat", or when standard output is not a
// terminal. Standard output then goes to the pager. Returns whether one started.
bool start_pager();
bool pager_running();
// Flushes standard output, closes it and waits for the pager to quit.
void finish_pager();

} // namespace collab::cli
