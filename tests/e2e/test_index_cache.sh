#!/usr/bin/env bash
# request list, task list, the blocker, risk, action and change lists and stats read the
# digest cache's index (.collab/cache/digests)
# and bare task, blocker, risk, change and action ids are looked up through it. On a
# synthetic workspace of requests in every state (collab-gen-workspace, beside
# $COLLAB_BIN; skipped without it), every listing and count is the same cold, warm and
# with --no-cache:
#  1. at a --now after every entry, for each filter and format;
#  2. after hand edits (a title, a due date, a task's owner in tasks.yaml, a deleted
#     request folder), at once and after the stamps settle;
#  3. at a --now in the past (some requests not created yet, later entries left out);
#  4. a bare blocker id and a bare task id resolve (or name every candidate), and a
#     write command on a bare id records its entry in the right request;
#  5. the first listing after a check takes every digest from check's cache (and check
#     from the listings' after a listing), and prints what --no-cache prints;
#  6. after a merge of two branches' edits, and in a fresh clone given the cache (whose
#     files' contents git's index names: at most 64 are read).
. "$(dirname "$0")/lib.sh"

require_generator

NOW=2026-11-26T10:00
CACHE=.collab/cache/index
CHECK_CACHE=.collab/cache/digests
N_REQUESTS=30
settle() { sleep 3; }

ws="$E2E_ROOT/ws"
run "$GEN_BIN" --requests "$N_REQUESTS" --seed 11 --git "$ws"
expect_rc 0 "generate a workspace of $N_REQUESTS requests"
[ "$RC" -eq 0 ] || { finish; exit 1; }
cd "$ws" || exit 1

# Somebody with tasks, and somebody involved in requests: the first task's owner and
# the first request's initiator.
OWNER=$(collab --now "$NOW" task list --no-cache --format json 2>/dev/null |
    py 'print(d["tasks"][0]["owner"])')
INITIATOR=$(collab --now "$NOW" request list --no-cache --format json 2>/dev/null |
    py 'print(d["requests"][0]["initiator"])')
[ -n "$OWNER" ] && [ -n "$INITIATOR" ] && pass || fail "the workspace has tasks and requests" "$OWNER/$INITIATOR"

COMMANDS=(
    "request list"
    "request list --format json"
    "request list --state submitted"
    "request list --state in-progress --format json"
    "--as $INITIATOR request list --mine"
    "task list"
    "task list --format json"
    "task list --state active"
    "--as $OWNER task list --mine"
    "--as $OWNER task list --mine --state delivered --format json"
    "stats"
    "stats --format json"
    "stats --dept tech --format csv"
    "stats --since 2026-06-01"
    "blocker list --all"
    "risk list --format json"
    "action list --all"
    "--as $OWNER change list --all --format json"
)

# same_everywhere WHEN AT: each command at AT gives the same stdout, stderr and exit
# code with --no-cache (which writes no cache), cold (no cache file) and warm (the
# cache the cold run wrote).
same_everywhere() {
    local when=$1 at=$2 cmd want_out want_err want_rc
    for cmd in "${COMMANDS[@]}"; do
        rm -f "$CACHE" "$CHECK_CACHE"
        # shellcheck disable=SC2086
        run collab --now "$at" $cmd --no-cache
        want_out=$OUT want_err=$ERR want_rc=$RC
        expect_eq "$want_rc" 0 "$when: $cmd succeeds"
        expect_no_file "$CACHE" "$when: $cmd --no-cache writes no cache"
        for state in cold warm; do
            # shellcheck disable=SC2086
            run collab --now "$at" $cmd
            expect_eq "$OUT" "$want_out" "$when, $state: $cmd prints what --no-cache prints"
            expect_eq "$ERR" "$want_err" "$when, $state: $cmd warns as --no-cache does"
            expect_eq "$RC" "$want_rc" "$when, $state: $cmd exits as --no-cache does"
            expect_file "$CACHE" "$when, $state: $cmd leaves a cache"
        done
    done
}

# === 1. after every entry ==================================================================
same_everywhere "as of $NOW" "$NOW"

# The lists across requests come from the index alone; each request's own list reads
# the request in full. Both must show the same rows.
same_as_full_reads() {
    local what=$1 key=$2 id whole per_request=""
    # shellcheck disable=SC2086
    whole=$(collab --now "$NOW" $what --all --format json | py_sorted "$key")
    for id in $(collab --now "$NOW" request list --format json | py 'print(" ".join(r["id"] for r in d["requests"]))'); do
        # shellcheck disable=SC2086
        per_request+=$(collab --now "$NOW" $what "$id" --all --format json | py "print(json.dumps(d['$key'], sort_keys=True))")$'\n'
    done
    per_request=$(printf '%s' "$per_request" | py_lines_merge)
    [ "$whole" != "[]" ] || fail "$what: the generated workspace has some" "$whole"
    expect_eq "$whole" "$per_request" "$what across requests (index) = each request read in full"
}
# py_sorted KEY: the array under KEY of the JSON on stdin, in (request, id) order.
py_sorted() {
    py "print(json.dumps(sorted(d['$1'], key=lambda r: (r['request'], r['id'])), sort_keys=True))"
}
# py_lines_merge: stdin holds one JSON array a line; prints them as one, sorted as above.
py_lines_merge() {
    python3 -c 'import json, sys
rows = [x for line in sys.stdin if line.strip() for x in json.loads(line)]
print(json.dumps(sorted(rows, key=lambda r: (r["request"], r["id"])), sort_keys=True))'
}
same_as_full_reads "task list" tasks
same_as_full_reads "blocker list" blockers
same_as_full_reads "risk list" risks
same_as_full_reads "action list" actions
same_as_full_reads "change list" changes
LIST_BEFORE=$(collab --now "$NOW" request list)

# === 2. hand edits =========================================================================
first=$(awk 'NR == 2 {print $1}' <<<"$LIST_BEFORE")
second=$(awk 'NR == 3 {print $1}' <<<"$LIST_BEFORE")
gone=$(awk 'NR == 4 {print $1}' <<<"$LIST_BEFORE")
sed -i 's/^title: .*/title: Edited by hand/' "requests/$first/request.yaml"
sed -i 's/^due: .*/due: 2026-12-31/' "requests/$second/request.yaml"
split=$(ls requests/*/tasks.yaml | head -1)
sed -i "0,/owner: .*/s//owner: $OWNER/" "$split"
rm -r "requests/$gone"
run collab --now "$NOW" request list
expect_contains "$OUT" "Edited by hand" "a hand-edited title is listed at once"
expect_not_contains "$OUT" "$gone" "a deleted request is not listed"
same_everywhere "after hand edits" "$NOW"
settle
same_everywhere "after hand edits, stamps settled" "$NOW"

# === 3. a --now in the past ================================================================
PAST=2026-05-15T12:00
run collab --now "$PAST" request list --no-cache
past_count=$(($(wc -l <<<"$OUT") - 1))
now_count=$(($(collab --now "$NOW" request list | wc -l) - 1))
if [ "$past_count" -lt "$now_count" ]; then pass; else fail "fewer requests existed at $PAST" "$past_count vs $now_count"; fi
same_everywhere "as of $PAST" "$PAST"

# === 5. the other command's cache =========================================================
# (before 4, whose writes would leave both caches behind.)
# cache_stats CMD...: what COLLAB_CACHE_STATS says of the run, as "from_cache read".
cache_stats() {
    COLLAB_CACHE_STATS=1 "$@" 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) from the cache, \([0-9]*\) read from.*/\1 \2/p'
}
rm -f "$CACHE" "$CHECK_CACHE"
collab --now "$NOW" check >/dev/null 2>&1
expect_file "$CHECK_CACHE" "check leaves its cache"
for cmd in "request list" "task list --format json" "stats" "blocker list --all"; do
    # shellcheck disable=SC2086
    want=$(collab --now "$NOW" $cmd --no-cache 2>&1)
    rm -f "$CACHE"
    # shellcheck disable=SC2086
    stats=$(cache_stats collab --now "$NOW" $cmd)
    expect_eq "${stats#* }" 0 "after a check, $cmd reads no record ($stats)"
    expect_eq "${stats% *}" "$((N_REQUESTS - 1))" "after a check, $cmd takes every digest from check's cache"
    # shellcheck disable=SC2086
    expect_eq "$(collab --now "$NOW" $cmd 2>&1)" "$want" "after a check, $cmd prints what --no-cache prints"
done
rm -f "$CHECK_CACHE"
stats=$(cache_stats collab --now "$NOW" check)
expect_eq "${stats#* }" 0 "after a listing, check reads no record ($stats)"
# A request edited since: read again, not taken stale from the other cache.
rm -f "$CACHE"
sed -i 's/^title: .*/title: Edited after the check/' "requests/$second/request.yaml"
stats=$(cache_stats collab --now "$NOW" request list)
expect_eq "${stats#* }" 1 "the request edited after the check is read from its records ($stats)"
expect_contains "$(collab --now "$NOW" request list)" "Edited after the check" "and listed as edited"

# === 6. a merge, then a fresh clone with the cache restored =================================
# (also before 4.) Two branches edit two requests; after the merge every listing is the
# same cold, warm and uncached. A clone given the cache (as CI restores .collab/cache)
# parses nothing and prints what --no-cache prints there.
commit "hand edits"
third=$(awk 'NR == 5 {print $1}' <<<"$LIST_BEFORE")
git checkout -qb side
sed -i 's/^title: .*/title: Edited on a side branch/' "requests/$first/request.yaml"
commit "a side edit"
git checkout -q -
sed -i 's/^due: .*/due: 2027-01-15/' "requests/$third/request.yaml"
commit "an edit on the main line"
git merge -q --no-edit side >/dev/null
expect_contains "$(collab --now "$NOW" request list)" "Edited on a side branch" "the merge is listed"
same_everywhere "after a merge" "$NOW"
collab --now "$NOW" request list >/dev/null 2>&1 # the listings' cache, warm for this tree
collab --now "$NOW" check >/dev/null 2>&1        # and check's
clone="$E2E_ROOT/clone"
git clone -q "$ws" "$clone"
mkdir -p "$clone/.collab" && cp -r .collab/cache "$clone/.collab/"
cd "$clone" || exit 1
stats=$(cache_stats collab --now "$NOW" request list)
expect_eq "${stats#* }" 0 "a fresh clone with the cache restored parses no request ($stats)"
for cmd in "${COMMANDS[@]}"; do
    # shellcheck disable=SC2086
    want=$(collab --now "$NOW" $cmd --no-cache 2>&1)
    # shellcheck disable=SC2086
    expect_eq "$(collab --now "$NOW" $cmd 2>&1)" "$want" "fresh clone: $cmd prints what --no-cache prints"
done
# Each file's content is named by git's index: a clone whose files git calls clean reads
# none of them past the first 64, whatever the index's version. (Files changed in the second git wrote its
# index may have changed again unseen: those are read, as git itself would; git status,
# a few seconds later, writes an index that has seen them settle.)
files_read() {
    COLLAB_CACHE_STATS=1 "$@" 2>&1 >/dev/null | sed -n 's/.*; \([0-9]*\) record files\{0,1\} read$/\1/p'
}
# As in CI, the cache comes from a job in a clone of its own: files hashed there once git's
# index has seen them settle are recorded with their blob ids. (In $ws, files hashed just
# after they were written, as the generator's, have none until they change again.)
prime="$E2E_ROOT/clone-prime"
git clone -q "$ws" "$prime"
mkdir -p "$prime/.collab" && cp -r "$ws/.collab/cache" "$prime/.collab/"
(cd "$prime" && settle && git status --porcelain >/dev/null &&
    collab --now "$NOW" request list >/dev/null 2>&1)
for version in 2 4; do
    clone="$E2E_ROOT/clone-v$version"
    git clone -q "$ws" "$clone"
    mkdir -p "$clone/.collab" && cp -r "$prime/.collab/cache" "$clone/.collab/"
    cd "$clone" || exit 1
    git update-index --index-version "$version"
    settle
    git status --porcelain >/dev/null
    want=$(collab --now "$NOW" request list --no-cache 2>&1)
    # The first 64 files are read before git's index is (a run that reads a few files
    # does better without it); the workspace has about 220.
    read_count=$(files_read collab --now "$NOW" request list)
    if [ "${read_count:-999}" -le 64 ]; then pass; else
        fail "index version $version: a clone with the cache reads at most 64 record files" "$read_count"
    fi
    expect_eq "$(collab --now "$NOW" request list 2>&1)" "$want" \
        "index version $version: and lists what --no-cache lists"
    cd "$ws" || exit 1
done
# A file changed in the clone is not what the index names: it is read, and what it says
# is listed. The same with an index that cannot be believed.
clone="$E2E_ROOT/clone-v4"
cd "$clone" || exit 1
sed -i 's/^title: .*/title: Changed in the clone/' "requests/$third/request.yaml"
expect_eq "$(files_read collab --now "$NOW" request list)" 1 "the changed file alone is read"
expect_contains "$(collab --now "$NOW" request list)" "Changed in the clone" "and listed as changed"
git checkout -q -- "requests/$third/request.yaml"
rm -rf .collab/cache && cp -r "$prime/.collab/cache" .collab/
printf 'DIRC garbage' >.git/index
read_count=$(files_read collab --now "$NOW" request list)
if [ "${read_count:-0}" -gt 0 ]; then pass; else fail "a damaged index names nothing: files are read" "$read_count"; fi
expect_eq "$(collab --now "$NOW" request list 2>&1)" "$want" "and the listing is the same"
cd "$ws" || exit 1

# === 4. bare ids ===========================================================================
blocker=$(grep -rhoE 'B-[0-9A-Z]{4,}' requests/*/log/ | head -1)
holder=$(grep -rlE "$blocker" requests/*/log/ | head -1 | cut -d/ -f2)
# Whoever may close it: the person it waits on, or its raiser (a refusal is exit 3,
# never the exit 2 of an id not found).
from=$(grep -rhA3 "id: $blocker" requests/"$holder"/log/ | sed -n 's/^ *from: //p' | head -1)
before=$(cat requests/"$holder"/log/*.yaml | wc -l)
run collab --now "$NOW" --as "${from:-$OWNER}" blocker close "$blocker" --note x
if [ "$RC" -ne 2 ]; then pass; else fail "bare blocker id $blocker is found in $holder" "$ERR"; fi
if [ "$RC" -eq 0 ]; then
    after=$(cat requests/"$holder"/log/*.yaml | wc -l)
    if [ "$after" -gt "$before" ]; then pass; else fail "blocker close $blocker writes to $holder's logs" "$OUT"; fi
fi
run collab --now "$NOW" --as "$OWNER" blocker close B-NONE
expect_rc 2 "an unknown bare blocker id is exit 2"
run collab --now "$NOW" --as "$OWNER" progress T1 --percent 10 --note x
expect_rc 2 "T1 is in many requests: exit 2"
expect_contains "$ERR" "$holder/T1" "the ambiguous task id names its candidates"
# A bare task id that one request holds: in a copy with only one split request left.
cp -r "$ws" "$E2E_ROOT/one"
cd "$E2E_ROOT/one" || exit 1
keep=$(ls requests/*/tasks.yaml | head -1 | cut -d/ -f2)
for folder in $(ls requests/*/tasks.yaml | cut -d/ -f2); do
    [ "$folder" = "$keep" ] || rm -r "requests/$folder"
done
run collab --now "$NOW" task show T1
expect_rc 0 "a bare task id held by one request resolves (task show T1)"
expect_contains "$OUT" "$keep" "task show T1 shows $keep's task"
t1_owner=$(collab --now "$NOW" task list "$keep" --format json | py 'print(d["tasks"][0]["owner"])')
run collab --now "$NOW" --as "$t1_owner" progress T1 --note "seen through the index"
if [ "$RC" -ne 2 ]; then pass; else fail "progress T1 finds $keep/T1" "$ERR"; fi
if [ "$RC" -eq 0 ]; then
    expect_contains "$(cat requests/"$keep"/log/"$t1_owner"*.yaml)" "seen through the index" \
        "progress T1 writes to $keep's log"
fi

finish
