#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace collab::store {

// What a program run without a shell left: its exit status (-1 when it could not
// run or did not exit) and its standard output.
struct ProgramResult {
    int status = -1;
    std::string output;
    int spawn_error = 0; // errno when the program could not be started
};

// Runs a program with an argument vector (posix_spawnp, no shell): git, ssh-keygen,
// ssh-add. Standard input is `stdin_path` (else /dev/null); standard error is dropped
// unless `show_errors`.
ProgramResult run_program(const std::vector<std::string>& argv, const std::string& stdin_path = {},
                          bool show_errors = false);

// Waits for a child, through EINTR: its exit status, or -1 when it did not exit.
int wait_for(pid_t pid);

} // namespace collab::store
