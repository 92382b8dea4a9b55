#include "cli/process.hpp"

#include <cerrno>
#include <collab/store/ssh_signatures.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace collab::cli {

namespace {

int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<char*> to_argv(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    return argv;
}

} // namespace

std::string run_capture(const std::vector<std::string>& args, int& status) {
    auto result = store::run_program(args);
    status = result.status;
    return std::move(result.output);
}

int run_editor(const std::filesystem::path& file) {
    std::string editor;
    for (const char* name : {"VISUAL", "EDITOR"}) {
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
            editor = value;
            break;
        }
    }
    if (editor.empty()) {
        editor = "vi";
    }
    const std::vector<std::string> args = {"sh", "-c", editor + " \"$@\"", editor, file.string()};
    auto argv = to_argv(args);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "sh", nullptr, nullptr, argv.data(), environ) != 0) {
        return -1;
    }
    return wait_for(pid);
}

bool interactive() {
    return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0;
}

} // namespace collab::cli
