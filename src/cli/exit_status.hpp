#pragma once

namespace collab::cli {

// The exit codes of every command, as documented in collab(1) and `collab --help`.
enum ExitStatus : int {
    k_exit_ok = 0,       // done
    k_exit_findings = 1, // `collab check` found problems
    k_exit_usage = 2,    // bad arguments or options (CLI11's own codes map here)
    k_exit_refused = 3,  // refused by a process rule; nothing was written
    k_exit_invalid = 4,  // the workspace's files are invalid
};

// Thrown by command code once it has printed why it stops; main() returns the code.
struct Exit {
    int code;
};

} // namespace collab::cli
