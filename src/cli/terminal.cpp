#include "cli/terminal.hpp"

#include <array>
#include <collab/store/program.hpp>
#include <collab/util/text.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <spawn.h>
#include <string>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace collab::cli {

bool stdout_is_terminal() {
    static const bool terminal = isatty(STDOUT_FILENO) != 0;
    return terminal;
}

bool no_color_requested() {
    const char* value = std::getenv("NO_COLOR");
    return value != nullptr && *value != '\0';
}

bool colour_wanted(const std::string& mode) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    return stdout_is_terminal() && !no_color_requested();
}

namespace {

pid_t g_pager = -1;

// COLLAB_PAGER, else PAGER, else less; empty or "cat" means none (as git reads
// GIT_PAGER and PAGER).
std::string pager_command() {
    for (const char* name : {"COLLAB_PAGER", "PAGER"}) {
        if (const char* value = std::getenv(name); value != nullptr) {
            return value;
        }
    }
    return "less";
}

} // namespace

bool start_pager() {
    if (g_pager > 0 || !stdout_is_terminal()) {
        return false;
    }
    const auto command = util::trim(pager_command());
    if (command.empty() || command == "cat") {
        return false;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        return false;
    }
    // less shows colours, quits when the text fits on one screen, and leaves it there.
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        environment.emplace_back(*entry);
    }
    if (std::getenv("LESS") == nullptr) {
        environment.emplace_back("LESS=FRX");
    }
    if (std::getenv("LV") == nullptr) {
        environment.emplace_back("LV=-c");
    }
    std::vector<char*> envp;
    for (auto& entry : environment) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::string sh = "sh", dash_c = "-c", text = command;
    std::array<char*, 4> argv = {sh.data(), dash_c.data(), text.data(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    pid_t pid = 0;
    const int failed = posix_spawnp(&pid, "sh", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[0]);
    if (failed != 0) {
        close(fds[1]);
        return false;
    }
    std::cout.flush();
    dup2(fds[1], STDOUT_FILENO);
    close(fds[1]);
    // A pager quit early closes the pipe: what is left is dropped, not a crash.
    signal(SIGPIPE, SIG_IGN);
    g_pager = pid;
    return true;
}

bool pager_running() {
    return g_pager > 0;
}

void finish_pager() {
    if (g_pager <= 0) {
        return;
    }
    std::cout.flush();
    close(STDOUT_FILENO);
    store::wait_for(g_pager);
    g_pager = -1;
}

} // namespace collab::cli
