#include "cli/terminal.hpp"

#include <cstdlib>
#include <unistd.h>

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

} // namespace collab::cli
