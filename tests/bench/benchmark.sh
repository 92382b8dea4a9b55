#!/usr/bin/env bash
# benchmark.sh: how fast collab reads big workspaces, beside Taskwarrior on as many tasks.
#
#   tests/bench/benchmark.sh [--build-dir DIR] [--out FILE] [N ...]
#
# Builds collab and collab-gen-workspace in Release (DIR, default build-release in the
# source tree), then for each N (default: 1000 10000) generates a workspace of N requests
# (seed 1) in a temporary git repository and measures with hyperfine:
#   check  collab -C WS check --now 2026-11-26T10:00 --format json -o /dev/null
#   inbox  collab -C WS --as <busiest task owner> --now 2026-11-26T10:00 inbox
# cold (the parse cache WS/.collab/cache removed before each run) and warm; "clone" is
# check once in a fresh `git clone` of WS with WS/.collab/cache copied in (CI restoring
# its cache). Peak memory comes from /usr/bin/time. Beside it, Taskwarrior 2.6 answers
# `task +OVERDUE count` on a database of as many tasks, with as large a share overdue.
# A second table times every other command warm (the cache the runs above left), each
# beside Taskwarrior's closest equivalent on the same database: the listings and counts
# (request list, --mine, task list --mine, stats, the record lists: `task list`, `task
# export`), one request (request show, task list ID, log, next: `task N info`), check
# --changed-since after one request's file changed (in the working tree, then committed, with
# --committed-only), and the writes (progress, request
# new + submit: `task add`), each run in a copy of the workspace made for the purpose.
# Prints Markdown tables (also written to --out FILE) with the machine it ran on.
#
# When one run takes longer than BENCH_SLOW seconds (default 20), that measurement is a
# single run (the first cold or warm run) so that 10,000 requests stay within minutes.
# Needs: cmake, ninja, git, hyperfine, /usr/bin/time, task (Taskwarrior), jq.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$SRC/build-release"
OUT_FILE=""
SIZES=()
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) BUILD=$2; shift 2 ;;
    --out) OUT_FILE=$2; shift 2 ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) SIZES+=("$1"); shift ;;
    *) echo "benchmark.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
NOW=2026-11-26T10:00
SLOW=${BENCH_SLOW:-20}

missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine (apt-get install hyperfine)")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
command -v task >/dev/null || missing+=("task (apt-get install taskwarrior)")
command -v jq >/dev/null || missing+=("jq (apt-get install jq)")
for tool in cmake ninja git; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "benchmark.sh: missing tools; install them first:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    echo "  e.g. sudo apt-get install -y hyperfine time taskwarrior jq" >&2
    exit 2
fi

echo "== building Release in $BUILD" >&2
if ! cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >"${TMPDIR:-/tmp}/collab-bench-build.log" 2>&1 ||
    ! cmake --build "$BUILD" --target collab collab-gen-workspace >>"${TMPDIR:-/tmp}/collab-bench-build.log" 2>&1; then
    tail -n 30 "${TMPDIR:-/tmp}/collab-bench-build.log" >&2
    echo "benchmark.sh: the build failed (log: ${TMPDIR:-/tmp}/collab-bench-build.log)" >&2
    exit 1
fi
COLLAB="$BUILD/collab"
GEN="$BUILD/collab-gen-workspace"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/collab-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LANG=C LC_ALL=C NO_COLOR=1
unset COLLAB_USER COLLAB_NOW

# fmt_s SECONDS: "1.234 s" or "56.7 ms".
fmt_s() { awk -v s="$1" 'BEGIN { if (s == "") print "-"; else if (s >= 1) printf "%.3f s", s; else printf "%.1f ms", s * 1000 }'; }
# mean_sd JSON: "mean ± σ" from a hyperfine export (σ "-" for a single run).
mean_sd() {
    local mean sd
    mean=$(jq -r '.results[0].mean' "$1")
    sd=$(jq -r '.results[0].stddev // empty' "$1")
    if [ -n "$sd" ] && [ "$sd" != "null" ]; then
        echo "$(fmt_s "$mean") ± $(fmt_s "$sd")"
    else
        echo "$(fmt_s "$mean")"
    fi
}
# peak_rss CMD...: peak resident memory of one run, in MiB.
peak_rss() {
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$WORK/rss" | awk '{ printf "%.1f", $1 / 1024 }'
}
# hyper JSON ARGS... CMD: hyperfine without a shell when it can, else with one.
hyper() {
    local json=$1
    shift
    hyperfine -N -i --style none --export-json "$json" "$@" >/dev/null 2>&1 ||
        hyperfine -i --style none --export-json "$json" "$@" >/dev/null
}
# measure NAME WS CMD: sets COLD, WARM (text), WARM_MEAN (seconds) and RSS ("cold / warm"
# MiB) for a command run in workspace WS; cold runs start without WS/.collab/cache. A
# first cold and a first warm run, under /usr/bin/time, give the peak memory; when one
# takes longer than $SLOW seconds it is the measurement itself.
measure() {
    local name=$1 ws=$2 cmd=$3 cold_probe warm_probe cold_rss warm_rss
    rm -rf "$ws/.collab/cache"
    /usr/bin/time -f '%e %M' -o "$WORK/probe" $cmd >/dev/null 2>&1 || true
    read -r cold_probe cold_rss < <(tail -n 1 "$WORK/probe")
    /usr/bin/time -f '%e %M' -o "$WORK/probe" $cmd >/dev/null 2>&1 || true
    read -r warm_probe warm_rss < <(tail -n 1 "$WORK/probe")
    RSS=$(awk -v c="$cold_rss" -v w="$warm_rss" 'BEGIN { printf "%.1f / %.1f", c / 1024, w / 1024 }')
    if awk -v p="$cold_probe" -v s="$SLOW" 'BEGIN { exit !(p > s) }'; then
        echo "   $name: a cold run took ${cold_probe}s (> ${SLOW}s): one cold run" >&2
        COLD="$(fmt_s "$cold_probe") (1 run)"
    else
        hyper "$WORK/$name-cold.json" --runs 3 --prepare "rm -rf $ws/.collab/cache" "$cmd"
        COLD=$(mean_sd "$WORK/$name-cold.json")
    fi
    if awk -v p="$warm_probe" -v s="$SLOW" 'BEGIN { exit !(p > s) }'; then
        echo "   $name: a warm run took ${warm_probe}s (> ${SLOW}s): one warm run" >&2
        WARM="$(fmt_s "$warm_probe") (1 run)"
        WARM_MEAN=$warm_probe
    else
        hyper "$WORK/$name-warm.json" --warmup 1 --runs 10 "$cmd"
        WARM=$(mean_sd "$WORK/$name-warm.json")
        WARM_MEAN=$(jq -r '.results[0].mean' "$WORK/$name-warm.json")
    fi
}

# warm NAME CMD: sets WARM and RSS (MiB) for a command already warm: 1 warm-up, 5 runs.
warm() {
    local name=$1 cmd=$2
    hyper "$WORK/$name.json" --warmup 1 --runs 5 "$cmd"
    WARM=$(mean_sd "$WORK/$name.json")
    RSS=$(peak_rss bash -c "$cmd")
}

TABLE="| N requests | tasks | files | bytes | command | cold mean ± σ | warm mean ± σ | peak RSS MiB (cold / warm) |
| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
RATIOS=""
EVERY="| N requests | collab command | warm mean ± σ | peak RSS MiB | Taskwarrior's closest | mean ± σ | peak RSS MiB |
| ---: | --- | ---: | ---: | --- | ---: | ---: |"

for N in "${SIZES[@]}"; do
    WS="$WORK/ws-$N"
    echo "== $N requests: generating" >&2
    gen_start=$(date +%s.%N)
    "$GEN" --requests "$N" --seed 1 --git "$WS" >"$WORK/gen-$N.txt"
    gen_end=$(date +%s.%N)
    TASKS=$(awk '$1 == "tasks" { print $2 }' "$WORK/gen-$N.txt")
    FILES=$(awk '$1 == "files" { print $2 }' "$WORK/gen-$N.txt")
    BYTES=$(awk '$1 == "bytes" { print $2 }' "$WORK/gen-$N.txt")
    GEN_S=$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "%.1f", b - a }')
    echo "   $TASKS tasks, $FILES files, $BYTES bytes in ${GEN_S}s (with git)" >&2
    BUSY=$(grep -h '^    owner: ' "$WS"/requests/*/tasks.yaml | sort | uniq -c | sort -rn |
        awk 'NR == 1 { print $3 }')

    echo "== $N: collab check" >&2
    CHECK="$COLLAB -C $WS check --now $NOW --format json -o /dev/null"
    measure "check-$N" "$WS" "$CHECK"
    CHECK_WARM=$WARM_MEAN
    TABLE+=$'\n'"| $N | $TASKS | $FILES | $BYTES | check | $COLD | $WARM | $RSS |"

    echo "== $N: collab inbox --as $BUSY" >&2
    INBOX="$COLLAB -C $WS --as $BUSY --now $NOW inbox"
    measure "inbox-$N" "$WS" "$INBOX"
    TABLE+=$'\n'"| $N | $TASKS | $FILES | $BYTES | inbox --as $BUSY | $COLD | $WARM | $RSS |"

    echo "== $N: check in a fresh clone with the cache restored" >&2
    CLONE="$WORK/clone-$N"
    git clone -q --no-local "$WS" "$CLONE"
    # Make sure the workspace's cache is the one a warm run leaves, then restore it.
    "$COLLAB" -C "$WS" check --now "$NOW" --format json -o /dev/null >/dev/null 2>&1 || true
    if [ -d "$WS/.collab/cache" ]; then
        mkdir -p "$CLONE/.collab"
        cp -r "$WS/.collab/cache" "$CLONE/.collab/cache"
        restored="cache restored"
    else
        restored="no cache to restore"
    fi
    CLONE_CHECK="$COLLAB -C $CLONE check --now $NOW --format json -o /dev/null"
    hyper "$WORK/clone-$N.json" --runs 1 "$CLONE_CHECK"
    CLONE_RSS=$(peak_rss bash -c "$CLONE_CHECK")
    TABLE+=$'\n'"| $N | $TASKS | $FILES | $BYTES | check, fresh clone ($restored) | - | $(mean_sd "$WORK/clone-$N.json") | $CLONE_RSS |"

    # Taskwarrior on as many tasks, with the share of overdue tasks collab found.
    echo "== $N: taskwarrior with $TASKS tasks" >&2
    "$COLLAB" -C "$WS" check --now "$NOW" --format json -o "$WORK/findings-$N.json" >/dev/null 2>&1 || true
    OVERDUE=$(jq '[.findings[] | select(.rule == "task.overdue")] | length' "$WORK/findings-$N.json")
    TW="$WORK/tw-$N"
    mkdir -p "$TW/data"
    cat >"$TW/taskrc" <<EOF
data.location=$TW/data
confirmation=off
gc=off
hooks=off
verbose=nothing
news.version=2.6.0
EOF
    awk -v n="$TASKS" -v overdue="$OVERDUE" -v now="$(date +%s)" 'BEGIN {
        srand(1)
        split("Survey the current process|Collect requirements|Design the new flow|Draft the specification|Build the prototype|Implement the changes|Test end to end|Run the pilot|Train the staff|Roll out", names, "|")
        split("after-sales|platform|key-accounts|roadmap|ops-reporting|expenses|onboarding|contracts", projects, "|")
        for (i = 1; i <= n; i++) {
            # Overdue tasks are due 1 to 60 days ago, the others in the next 90 days.
            if (i <= overdue) due = now - 86400 * (1 + (i * 7919) % 60)
            else due = now + 86400 * (1 + (i * 104729) % 90)
            entry = now - 86400 * (30 + i % 200)
            printf "[description:\"%s (%d)\" due:\"%d\" entry:\"%d\" modified:\"%d\" project:\"%s\" status:\"pending\" uuid:\"%08x-%04x-4%03x-8%03x-%012x\"]\n", \
                names[1 + i % 10], i, due, entry, entry, projects[1 + i % 8], i, i % 65536, i % 4096, (i * 7) % 4096, i * 2654435761 % 281474976710656
        }
    }' >"$TW/data/pending.data"
    : >"$TW/data/completed.data"
    export TASKRC="$TW/taskrc" TASKDATA="$TW/data"
    tw_count=$(task rc.gc=off count 2>/dev/null)
    if [ "$tw_count" != "$TASKS" ]; then
        echo "benchmark.sh: taskwarrior reads $tw_count tasks, wrote $TASKS" >&2
        exit 1
    fi
    tw_overdue=$(task +OVERDUE count 2>/dev/null)
    hyper "$WORK/tw-$N.json" --warmup 1 --runs 10 "task +OVERDUE count"
    TW_MEAN=$(jq -r '.results[0].mean' "$WORK/tw-$N.json")
    TW_RSS=$(peak_rss task +OVERDUE count)

    # Every other command, warm, beside Taskwarrior's closest equivalent.
    echo "== $N: every command, warm, beside taskwarrior" >&2
    "$COLLAB" -C "$WS" request list --now "$NOW" >/dev/null 2>&1 || true # the index, warm
    ONE=$(ls "$WS/requests" | sed -n 1p) # sed reads it all: no SIGPIPE under pipefail
    INITIATOR=$(grep -h '^initiator: ' "$WS"/requests/*/request.yaml | sort | uniq -c | sort -rn |
        awk 'NR == 1 { print $3 }')
    BUSY_TASK=$("$COLLAB" -C "$WS" --as "$BUSY" --now "$NOW" task list --mine --state active --format json 2>/dev/null |
        jq -r '.tasks[0] | "\(.request)/\(.id)"')
    every() { # every LABEL CMD TW_LABEL TW_CMD
        warm "every-$N-$1" "$2"
        local c_warm=$WARM c_rss=$RSS
        warm "every-tw-$N-$1" "$4"
        EVERY+=$'\n'"| $N | $1 | $c_warm | $c_rss | $3 | $WARM | $RSS |"
    }
    C="$COLLAB -C $WS --now $NOW"
    every "request list" "$C request list" "task list" "task list"
    every "request list --mine" "$C --as $INITIATOR request list --mine" "task list project:roadmap" "task list project:roadmap"
    every "task list --mine" "$C --as $BUSY task list --mine" "task list project:roadmap" "task list project:roadmap"
    every "stats" "$C stats" "task export" "task export"
    every "blocker list" "$C blocker list" "task list" "task list"
    every "request show" "$C request show $ONE" "task 1 info" "task 1 info"
    every "task list ID" "$C task list $ONE" "task 1 info" "task 1 info"
    every "log" "$C log $ONE" "task 1 info" "task 1 info"
    every "next" "$C next $ONE" "task 1 info" "task 1 info"
    # One request's file changed since HEAD: a pull request touching one request.
    printf '# reviewed\n' >>"$WS/requests/$ONE/request.yaml"
    every "check --changed-since HEAD" "$C check --changed-since HEAD --format json -o /dev/null" \
        "task +OVERDUE count" "task +OVERDUE count"
    git -C "$WS" checkout -q -- "requests/$ONE/request.yaml"
    # The same change committed, as a CI checkout of a pull request holds it.
    printf '# reviewed\n' >>"$WS/requests/$ONE/request.yaml"
    git -C "$WS" -c user.name=bench -c user.email=bench@localhost commit -qam "a pull request"
    every "check --changed-since HEAD~1 --committed-only" \
        "$C check --changed-since HEAD~1 --committed-only --format json -o /dev/null" \
        "task +OVERDUE count" "task +OVERDUE count"
    git -C "$WS" reset -q --hard HEAD~1
    # Writes, in a copy (each run adds an entry or a request).
    WRITE="$WORK/write-$N"
    rm -rf "$WRITE" && cp -a "$WS" "$WRITE"
    W="$COLLAB -C $WRITE --now $NOW"
    if [ -n "$BUSY_TASK" ] && [ "$BUSY_TASK" != "null/null" ]; then
        every "progress" "$W --as $BUSY progress $BUSY_TASK --percent 50 --note measured" \
            "task add" "task add Measured project:roadmap due:tomorrow"
    fi
    cat >"$WORK/new-submit.sh" <<EOF
id=\$($W --as $INITIATOR request new --title Measured --background Measured --goal Measured \\
    --item "Measure :: it is measured" --dept hr --resource "A machine" --due 2026-12-31 \\
    --format json | jq -r .id) && $W --as $INITIATOR request submit "\$id"
EOF
    every "request new + submit" "bash $WORK/new-submit.sh" \
        "task add" "task add Measured project:roadmap due:tomorrow"
    rm -rf "$WRITE"
    unset TASKRC TASKDATA
    TABLE+=$'\n'"| $N | $TASKS | - | $(stat -c %s "$TW/data/pending.data") | taskwarrior: task +OVERDUE count ($tw_overdue overdue) | - | $(mean_sd "$WORK/tw-$N.json") | $TW_RSS |"
    RATIO=$(awk -v t="$TW_MEAN" -v c="$CHECK_WARM" 'BEGIN { printf "%.4f", t / c }')
    RATIOS+="- N=$N: taskwarrior_time / collab_check_warm_time = $(fmt_s "$TW_MEAN") / $(fmt_s "$CHECK_WARM") = $RATIO; generation ${GEN_S}s"$'\n'
    rm -rf "$CLONE"
done

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
REPORT="## collab benchmark ($(date -u +%Y-%m-%dT%H:%MZ))

- machine: $(nproc) CPUs, ${CPU:-unknown CPU}, kernel $(uname -r), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
- collab: $("$COLLAB" --version 2>/dev/null | head -n 1), commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$SRC" diff --quiet 2>/dev/null || echo ' (with local changes)'); Taskwarrior $(task --version 2>/dev/null)
- clock for collab: --now $NOW; workspaces from collab-gen-workspace --seed 1

$TABLE

$RATIOS
$EVERY"
printf '%s\n' "$REPORT"
if [ -n "$OUT_FILE" ]; then
    printf '%s\n' "$REPORT" >"$OUT_FILE"
fi
