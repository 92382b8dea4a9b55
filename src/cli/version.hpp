#pragma once

namespace collab::cli {

// The git commit the binary was built from (12 hex digits), "unknown" when the
// sources were not a git checkout. Defined in a one-line source cmake/GitCommit.cmake
// writes at every build, and rewrites only when the commit changed.
extern const char* const k_git_commit;

} // namespace collab::cli
