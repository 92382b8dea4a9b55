#!/usr/bin/env bash
# The layering of docs/ARCHITECTURE.md, held by the includes: the rules and the record
# model do no I/O, the zone database stays out of public headers, and CLI11 is compiled
# in one file. Each violation is printed with its file and line.
set -u
root=${COLLAB_SOURCE_DIR:?}
cd "$root" || exit 1
failed=0

# forbid PATTERN WHY PATH...: no file under PATH... includes a header matching PATTERN.
forbid() {
    local pattern=$1 why=$2
    shift 2
    local hits
    hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@" || true)
    if [[ -n $hits ]]; then
        printf '%s\n  -> %s\n' "$hits" "$why"
        failed=1
    fi
}

io='fstream|filesystem|iostream|cstdio|stdio\.h|unistd\.h|fcntl\.h|sys/|curl/|collab/store/|collab/net/'
forbid "$io" "the rules are pure functions: records in, a status, a refusal or findings out" \
    include/collab/rules src/core/rules
forbid "$io" "the record model does no I/O: the store reads and writes it" \
    include/collab/model src/core/model
forbid 'date/tz\.h' "the zone database stays in src/core/time (it is large)" include

cli11=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"]CLI/' src include | grep -vx 'src/cli/command_line.cpp' || true)
if [[ -n $cli11 ]]; then
    printf '%s\n  -> CLI11 is included by src/cli/command_line.cpp alone (command_line.hpp is its facade)\n' "$cli11"
    failed=1
fi
exit $failed
