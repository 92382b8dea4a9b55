#pragma once

#include <collab/util/content_key.hpp>

namespace collab::util {

// A key that changes whenever the running code does: the GNU build ids of the
// program and of every shared library it loaded (yaml-cpp, fmt, the C++ runtime),
// which the linker derives from their contents. Anything cached from what the code
// computed is keyed by it, so that a new build or a library upgrade never reads the
// old results. Falls back to the program file's contents where there are no build ids.
const ContentKey& build_identity();

} // namespace collab::util
