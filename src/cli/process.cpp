#include "cli/process.hpp"

#include <cerrno>
#include <collab/store/program.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace collab::cli {

namespace {

std::vector<char*> to_argv(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    return argv;
}

} // namespace

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
    return store::wait_for(pid);
}

bool interactive() {
    return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0;
}

} // namespace collab::cli
