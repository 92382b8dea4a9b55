#pragma once

#include <string_view>

namespace collab::store {

// For tests only: COLLAB_TEST_CRASH_AT=NAME[:N] ends the process at once
// (_exit(137), as kill -9 would, with nothing flushed or cleaned up) the Nth time
// (1 unless given) this run reaches the write point NAME. The write points are
// "write.before-rename" (a temporary file written, the target not yet replaced) and
// "write.after-rename" (the target replaced), hit once per file written; so that
// tests/e2e/test_crash_points.sh can leave every state a killed command can leave.
// Not a setting: nothing else reads it.
void crash_point(std::string_view name);

} // namespace collab::store
