#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::store {

// What git prints with -z, read without running it (store/git_history runs it). Every
// path is as git names it: from the repository's top folder, '/'-separated, unquoted.

// The NUL-terminated fields of `out`, in order, empty ones left out: the paths of
// `git diff --name-only -z` and `git ls-files -z`.
std::vector<std::string> z_fields(std::string_view out);

// The paths of `git status --porcelain=v1 -z`: every path that is staged, changed,
// deleted or new (untracked, not ignored). Each entry is "XY PATH\0"; a rename or copy
// ('R' or 'C' in X or Y) is "XY NEW\0OLD\0", and both paths are given (a file left one
// place and came to another). An entry that does not read as one ends the list.
std::vector<std::string> status_z_paths(std::string_view out);

} // namespace collab::store
