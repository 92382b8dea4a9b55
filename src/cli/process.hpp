#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace collab::cli {

// Runs the user's editor on a file like git does: $VISUAL, else $EDITOR, else vi,
// through `sh -c '<editor> "$@"'`, so that editors given with arguments work.
// Returns the editor's exit status.
int run_editor(const std::filesystem::path& file);

// True when standard input and output are terminals.
bool interactive();

} // namespace collab::cli
