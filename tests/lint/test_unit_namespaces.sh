#!/usr/bin/env bash
# The unity build (CMakeLists.txt) compiles eight unit test files as one translation
# unit, where one file's helpers, anonymous namespaces and using-directives would meet
# the next file's. So each tests/unit/test_NAME.cpp keeps everything after its includes
# in `namespace test_NAME { ... }`. This fails for a file that does not.
set -u
status=0
for file in "$COLLAB_SOURCE_DIR"/tests/unit/test_*.cpp; do
    name=$(basename "$file" .cpp)
    if ! grep -qx "namespace $name {" "$file" || ! grep -qx "} // namespace $name" "$file"; then
        echo "$file: wrap the file after its includes in 'namespace $name {' ... '} // namespace $name'"
        status=1
    fi
    # Nothing but includes, comments and blank lines before the namespace opens.
    if awk -v open="namespace $name {" '$0 == open {exit 0} /^(#include|\/\/|$)/ {next} {bad=1; exit} END {exit bad}' "$file"; then
        :
    else
        echo "$file: only includes may come before 'namespace $name {'"
        status=1
    fi
done
exit $status
